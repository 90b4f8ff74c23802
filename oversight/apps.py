from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Read-only oversight of many offices: a province's or a district's
    overseer (ผู้กำกับดูแล) sees every local government's ITA year."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
