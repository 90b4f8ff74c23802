"""The Celery tasks that send the portal's e-mail (services.notify enqueues
`deliver`). An SMTP or network error is retried with back-off (1, 2, 4 …
minutes, up to MAX_RETRIES); after the last the row is marked failed. Run
eagerly (no broker) it tries once. `deliver_stranded` (Celery beat) sends
again what was recorded while the broker was down."""

from celery import shared_task

from .delivery import notification_deliver, notification_failed, notifications_stranded

MAX_RETRIES = 6


def backoff(retries: int) -> int:
    """Seconds before the next try: 60, 120, 240 … at most an hour."""
    return min(60 * 2**retries, 3600)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def deliver(self, notification_id: int) -> bool:
    try:
        return notification_deliver(notification_id=notification_id)
    except OSError as error:  # smtplib.SMTPException is an OSError
        # Eager (no broker, ./run.sh): no worker would try later, and a
        # retry now would only keep the request waiting.
        if self.request.is_eager or self.request.retries >= self.max_retries:
            notification_failed(notification_id=notification_id)
            raise
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


@shared_task
def deliver_stranded() -> int:
    stranded = list(notifications_stranded())
    for notification_id in stranded:
        deliver.delay(notification_id)
    return len(stranded)
