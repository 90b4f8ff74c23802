"""The daily mail, for Celery beat (settings.CELERY_BEAT_SCHEDULE). Cron
can run the same through `manage.py send_reminders`."""

from celery import shared_task

from . import services


@shared_task
def reminders_send() -> int:
    return len(services.reminders_send().sent)


@shared_task
def overdue_notify() -> int:
    return len(services.overdue_notify().sent)
