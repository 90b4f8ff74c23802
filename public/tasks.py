"""Background jobs of the public pages (Celery; in the calling process when
no broker is configured, ita_portal/celery.py)."""

from celery import shared_task

from . import opendata


@shared_task
def opendata_build(fiscal_year: int) -> None:
    """Rebuild the year's open data files after something was published."""
    opendata.build_year(fiscal_year)
