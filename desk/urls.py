from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("year/<int:year>/deadlines/", views.deadlines_edit, name="deadlines"),
]
