from django.urls import path

from . import progress_views, views

app_name = "measures"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("generate/", views.plan_generate, name="plan_generate"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_pk>/measures/add/", views.measure_edit, name="measure_add"),
    path("<int:plan_pk>/measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path(
        "<int:plan_pk>/measures/<int:pk>/delete/",
        views.measure_delete,
        name="measure_delete",
    ),
    path(
        "<int:plan_pk>/measures/<int:pk>/move/<str:direction>/",
        views.measure_move,
        name="measure_move",
    ),
    path("<int:plan_pk>/analysis/<int:pk>/", views.analysis_edit, name="analysis_edit"),
    # Progress (O43).
    path("mine/", progress_views.my_measures, name="my_measures"),
    path("<int:pk>/progress/", progress_views.plan_progress, name="plan_progress"),
    path(
        "<int:plan_pk>/measures/<int:pk>/progress/",
        progress_views.measure_progress,
        name="measure_progress",
    ),
    path("<int:pk>/rounds/add/", progress_views.round_add, name="round_add"),
    path(
        "<int:plan_pk>/rounds/<int:pk>/",
        progress_views.round_detail,
        name="round_detail",
    ),
    path(
        "<int:plan_pk>/rounds/<int:pk>/close/",
        progress_views.round_close,
        name="round_close",
    ),
    path(
        "<int:plan_pk>/rounds/<int:pk>/publish/",
        progress_views.round_publish,
        name="round_publish",
    ),
    path("evidence/<int:pk>/", progress_views.evidence_file, name="evidence"),
]
