"""Handing one recorded e-mail to the mail server, for the task
`notifications.tasks.deliver` (services.notify records and enqueues it)."""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import Notification

# A mail never tried this long after it was recorded lost its task (the
# broker was down when it was enqueued): `notifications_stranded` finds it.
STRANDED_AFTER = timedelta(minutes=15)


def notification_deliver(*, notification_id: int) -> bool:
    """Hand one recorded e-mail to the mail server (EMAIL_BACKEND); False
    when there is nothing to do: sent already, or another worker is sending
    it (its row is locked). An SMTP or network error is recorded on the row
    and raised, for the task to retry."""
    failure = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status == Notification.Status.SENT:
            return False
        message = EmailMessage(
            subject=notification.subject, body=notification.body, to=[notification.to]
        )
        try:
            message.send()
        except OSError as error:  # smtplib.SMTPException is an OSError
            failure = error
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.error = ""
            notification.save(update_fields=["status", "sent_at", "attempts", "error"])
            return True
    Notification.objects.filter(pk=notification_id).update(
        attempts=notification.attempts + 1, error=repr(failure)[:2000]
    )
    raise failure


def notification_failed(*, notification_id: int) -> None:
    """The task gave up: the row says so (the admin lists them)."""
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.FAILED
    )


def notifications_stranded(now=None):
    """Mails recorded but never tried: their task was lost."""
    now = now or timezone.now()
    return Notification.objects.filter(
        status=Notification.Status.QUEUED,
        attempts=0,
        created_at__lt=now - STRANDED_AFTER,
    ).values_list("pk", flat=True)
