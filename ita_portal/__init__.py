"""The project package: settings, URLs, and what every app shares."""

from .celery import app as celery_app

__all__ = ("celery_app",)
