from django.urls import path, register_converter

from . import views


class FiscalYear:
    regex = "25[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(FiscalYear, "fy")

app_name = "public"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("data/", views.data, name="data"),
    path("data/catalog.json", views.data_catalog, name="data_catalog"),
    path("data/<fy:fiscal_year>.<str:format_>", views.data_file, name="data_file"),
    path("<slug:slug>/", views.organization, name="organization"),
    path("<slug:slug>/<fy:fiscal_year>/", views.plan, name="plan"),
    path(
        "<slug:slug>/<fy:fiscal_year>.json",
        views.plan,
        {"as_json": True},
        name="plan_json",
    ),
    path(
        "<slug:slug>/<fy:fiscal_year>/r<int:revision>/",
        views.plan,
        name="plan_revision",
    ),
    path(
        "<slug:slug>/<fy:fiscal_year>/r<int:revision>.json",
        views.plan,
        {"as_json": True},
        name="plan_revision_json",
    ),
    path("<slug:slug>/documents/<int:pk>.pdf", views.document, name="document"),
]
