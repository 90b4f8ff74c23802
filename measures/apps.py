from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_template_library(sender, **kwargs):
    """Add the shipped measure templates that are missing (never overwrites
    one edited in the portal)."""
    from .library import load_library

    load_library()


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")

    def ready(self):
        post_migrate.connect(load_template_library, sender=self)
