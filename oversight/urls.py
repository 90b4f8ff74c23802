from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.export, name="export"),
    path("exports/<str:export_id>/", views.export_job, name="export_job"),
    path("deadline/", views.deadline, name="deadline"),
    path("remind/", views.remind, name="remind"),
    path("grants/", views.grants, name="grants"),
    path("grants/<int:pk>/delete/", views.grant_delete, name="grant_delete"),
]
