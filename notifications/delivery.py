"""Handing one recorded e-mail to the mail server, for the task
`notifications.tasks.deliver` (services.notify records and enqueues it)."""

from django.core.mail import EmailMessage
from django.utils import timezone

from .models import Notification


def notification_deliver(*, notification: Notification) -> bool:
    """Hand one recorded e-mail to the mail server (EMAIL_BACKEND); False
    when it was sent before (a task delivered twice). An SMTP or network
    error is recorded on the row and raised, for the task to retry."""
    if notification.status == Notification.Status.SENT:
        return False
    message = EmailMessage(
        subject=notification.subject, body=notification.body, to=[notification.to]
    )
    try:
        message.send()
    except OSError as error:  # smtplib.SMTPException is an OSError
        Notification.objects.filter(pk=notification.pk).update(
            attempts=notification.attempts + 1, error=repr(error)[:2000]
        )
        raise
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        attempts=notification.attempts + 1,
        error="",
    )
    return True


def notification_failed(*, notification: Notification) -> None:
    """The task gave up: the row says so (the admin lists them)."""
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED
    )
