from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self):
        # Registers the tasks in web processes too, so that reports/jobs.py
        # finds them by name (it may not import them: they import it).
        from . import (
            checks,  # noqa: F401 (registers the deploy check)
            tasks,  # noqa: F401
        )
