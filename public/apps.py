from django.apps import AppConfig


class PublicConfig(AppConfig):
    """Read-only pages for citizens and the NACC's assessors: what an
    organisation has published, nothing else."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public"

    def ready(self):
        # signals connects the receivers; tasks registers the rebuild that
        # public.cache queues by its name.
        from . import signals, tasks  # noqa: F401
