"""The one way the portal e-mails a person: memos waiting, approved or
returned (reports), overdue measures and progress reminders (measures), the
invitation (organizations), and any app that comes later.

    notify(user=…, kind=Kind.MEMO_WAITING, subject=…, body=…, url="/memos/7/")

records the e-mail (a Notification row) and hands it to the Celery task
`notifications.tasks.deliver` once the caller's transaction commits: a mail
server that is down never undoes the decision that asked for the mail, and
the task retries with back-off. `render(kind, context)` builds the Thai
subject and body from templates/notifications/<kind>_subject.txt and
<kind>.txt. A person who turned notification mail off (Preference) gets
none but the mail about their account (ACCOUNT_KINDS).
"""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from .models import ACCOUNT_KINDS, Kind, Notification, Preference
from .tasks import deliver

__all__ = [
    "Kind",
    "absolute_url",
    "already_announced",
    "notify",
    "preference_set",
    "render",
    "wants_mail",
]


def absolute_url(path: str) -> str:
    """A link for an e-mail: a path becomes one on settings.PORTAL_URL."""
    if not path or "://" in path:
        return path
    return settings.PORTAL_URL.rstrip("/") + path


def wants_mail(user) -> bool:
    preference = Preference.objects.filter(user=user).first()
    return preference is None or preference.email


@transaction.atomic
def preference_set(*, user, email: bool, by) -> Preference:
    """Turn `user`'s notification mail on or off; the history keeps who and
    when."""
    preference = Preference.objects.select_for_update().filter(user=user).first()
    preference = preference or Preference(user=user)
    preference.email = email
    preference._history_user = by
    preference.save()
    return preference


def render(kind: str, context: dict) -> tuple[str, str]:
    """The Thai subject (one line) and plain-text body of a `kind` mail."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{kind}_subject.txt", context)
        body = render_to_string(f"notifications/{kind}.txt", context)
    return re.sub(r"\s+", " ", subject).strip(), body.strip() + "\n"


def already_announced(*, user, kind: str) -> set:
    """The keys the `kind` mails to `user` have announced already."""
    announced = set()
    for keys in Notification.objects.filter(user=user, kind=kind).values_list(
        "keys", flat=True
    ):
        announced.update(keys)
    return announced


def notify(
    *,
    user,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    day=None,
    keys=(),
) -> Notification | None:
    """Record an e-mail to `user` and send it once the transaction commits.

    `url` (a path or a full link) is the page the mail is about, printed
    under the body. `day`: at most one mail of this kind to this person on
    that day. `keys`: what it announces, for `already_announced`. Returns
    None when nothing is sent: no address, the person turned notification
    mail off, or today's mail of this kind is already out."""
    if not user.email or not user.is_active:
        return None
    if kind not in ACCOUNT_KINDS and not wants_mail(user):
        return None
    link = absolute_url(url)
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "notifications/email.txt",
            {
                "body": body.strip(),
                "url": link,
                "account": kind in ACCOUNT_KINDS,
                "preferences_url": absolute_url(reverse("notifications:preferences")),
            },
        )
    notification = Notification(
        user=user,
        kind=kind,
        to=user.email,
        subject=Truncator(subject).chars(255),
        body=text,
        url=link,
        day=day,
        keys=list(keys),
    )
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:  # this day's mail of this kind is already out
        return None
    transaction.on_commit(lambda: deliver.delay(notification.pk), robust=True)
    return notification
