from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_catalogue(sender, using="default", **kwargs):
    """Keep the framework catalogue in step with the year files after every
    migrate (as Django does for content types): new years arrive with a
    release, years already used by assessments are left alone."""
    from .catalogue import load_all

    load_all()


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("ผลการประเมิน ITA")

    def ready(self):
        post_migrate.connect(load_catalogue, sender=self)
        # Registers the import task in web processes too, so that
        # assessments/imports.py finds it by name (it may not import it).
        from . import tasks  # noqa: F401
