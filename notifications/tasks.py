"""The Celery task that sends the portal's e-mail (services.notify enqueues
it). An SMTP or network error is retried with back-off (1, 2, 4 … minutes,
up to MAX_RETRIES); after the last the row is marked failed. Run eagerly
(no broker) it tries once."""

from celery import shared_task

from .delivery import notification_deliver, notification_failed
from .models import Notification

MAX_RETRIES = 6


def backoff(retries: int) -> int:
    """Seconds before the next try: 60, 120, 240 … at most an hour."""
    return min(60 * 2**retries, 3600)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver(self, notification_id: int) -> bool:
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:  # its user was deleted meanwhile
        return False
    try:
        return notification_deliver(notification=notification)
    except OSError as error:  # smtplib.SMTPException is an OSError
        # Eager (no broker, ./run.sh): no worker would try later, and a
        # retry now would only keep the request waiting.
        if self.request.is_eager or self.request.retries >= self.max_retries:
            notification_failed(notification=notification)
            raise
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
