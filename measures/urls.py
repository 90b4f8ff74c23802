from django.urls import path

from . import progress_views, views

app_name = "measures"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("generate/", views.plan_generate, name="plan_generate"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/history/", views.plan_history_view, name="plan_history"),
    path("<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/revise/", views.plan_revise, name="plan_revise"),
    path("<int:pk>/delete/", views.plan_delete, name="plan_delete"),
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
    path("templates/", views.template_list, name="template_list"),
    path("templates/add/", views.template_edit, name="template_add"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/copy/", views.template_copy, name="template_copy"),
    path("templates/<int:pk>/hide/", views.template_hide, name="template_hide"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
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
