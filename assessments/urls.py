from django.urls import path

from . import framework_views, views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("add/", views.assessment_add, name="add"),
    path("template/<int:fiscal_year>.xlsx", views.assessment_template, name="template"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/edit/<slug:level>/", views.assessment_edit, name="edit"),
    path("<int:pk>/analysis/", views.assessment_analysis, name="analysis"),
    path("<int:pk>/what-if/", views.assessment_what_if, name="what_if"),
    path("<int:pk>/import/", views.assessment_import, name="import"),
    path("<int:pk>/export.xlsx", views.assessment_export, name="export"),
    # The framework of a year, for superusers (Django admin links here).
    path(
        "frameworks/import/",
        framework_views.framework_import,
        name="framework_import",
    ),
    path(
        "frameworks/<int:fiscal_year>/copy/",
        framework_views.framework_copy,
        name="framework_copy",
    ),
    path(
        "frameworks/<int:fiscal_year>.json",
        framework_views.framework_export_json,
        name="framework_export_json",
    ),
    path(
        "frameworks/<int:fiscal_year>.xlsx",
        framework_views.framework_export_xlsx,
        name="framework_export_xlsx",
    ),
]
