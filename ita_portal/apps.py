from django.apps import AppConfig


class ItaPortalConfig(AppConfig):
    """The project package as an app: Thai template filters and shared helpers."""

    name = "ita_portal"
    verbose_name = "ITA Portal"
