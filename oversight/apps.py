from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Read-only oversight of many offices: a province's or a district's
    overseer (ผู้กำกับดูแล) sees every local government's ITA year."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"

    def ready(self):
        # permissions registers the rules; tasks registers the export's task
        # in web processes too, so that exports.py finds it by its name.
        from . import permissions, tasks  # noqa: F401
