from django.urls import path

from .views import measures, plans, progress, templates

app_name = "measures"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("generate/", plans.plan_generate, name="plan_generate"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/history/", plans.plan_history_view, name="plan_history"),
    path("<int:pk>/publish/", plans.plan_publish, name="plan_publish"),
    path("<int:pk>/revise/", plans.plan_revise, name="plan_revise"),
    path("<int:pk>/delete/", plans.plan_delete, name="plan_delete"),
    path("<int:plan_pk>/measures/add/", measures.measure_edit, name="measure_add"),
    path(
        "<int:plan_pk>/measures/<int:pk>/", measures.measure_edit, name="measure_edit"
    ),
    path(
        "<int:plan_pk>/measures/<int:pk>/delete/",
        measures.measure_delete,
        name="measure_delete",
    ),
    path(
        "<int:plan_pk>/measures/<int:pk>/move/<str:direction>/",
        measures.measure_move,
        name="measure_move",
    ),
    path("templates/", templates.template_list, name="template_list"),
    path("templates/add/", templates.template_edit, name="template_add"),
    path("templates/<int:pk>/", templates.template_edit, name="template_edit"),
    path("templates/<int:pk>/copy/", templates.template_copy, name="template_copy"),
    path("templates/<int:pk>/hide/", templates.template_hide, name="template_hide"),
    path(
        "templates/<int:pk>/delete/", templates.template_delete, name="template_delete"
    ),
    path("<int:plan_pk>/analysis/<int:pk>/", plans.analysis_edit, name="analysis_edit"),
    # Progress (O43).
    path("mine/", progress.my_measures, name="my_measures"),
    path("<int:pk>/progress/", progress.plan_progress, name="plan_progress"),
    path(
        "<int:plan_pk>/measures/<int:pk>/progress/",
        progress.measure_progress,
        name="measure_progress",
    ),
    path("<int:pk>/rounds/add/", progress.round_add, name="round_add"),
    path(
        "<int:plan_pk>/rounds/<int:pk>/",
        progress.round_detail,
        name="round_detail",
    ),
    path(
        "<int:plan_pk>/rounds/<int:pk>/close/",
        progress.round_close,
        name="round_close",
    ),
    path(
        "<int:plan_pk>/rounds/<int:pk>/publish/",
        progress.round_publish,
        name="round_publish",
    ),
    path("evidence/<int:pk>/", progress.evidence_file, name="evidence"),
]
