"""Mail to division heads about their measures, through notifications:

- `reminders_send`: a daily reminder of the measures that are overdue or
  end within 30 days, at most one a person a day (however many offices they
  head divisions in, and however often it runs);
- `overdue_notify`: the daily check that tells the heads of the divisions
  responsible for a measure, once, that it has passed its end unfinished.

Both run from Celery beat (measures/tasks.py, settings.CELERY_BEAT_SCHEDULE)
and from cron through `manage.py send_reminders`. The notifications app
records each mail (who, when) and keeps the one-a-day rule with a unique
(user, kind, day).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from ita_portal.thai import format_thai_date
from notifications import services as notifications
from notifications.models import Kind, Notification
from organizations.models import Membership

from ..models import ReportingRound
from ..selectors import (
    DUE_SOON_DAYS,
    measures_for_member,
    progress_rows,
    worklist_order,
)


@dataclass
class ReminderRun:
    """What a run did, for the command to print: the mails it recorded, the
    users who had today's already. Which failed is read when asked: a mail
    is sent once the run's transaction commits (at once without a broker)."""

    notifications: list = field(default_factory=list)
    already: list = field(default_factory=list)

    def add(self, user, notification) -> None:
        if notification is None:
            self.already.append(user)
        else:
            self.notifications.append(notification)

    @property
    def sent(self) -> list:
        """The users mailed, or whose mail waits for a worker."""
        failed = set(self._failed_ids())
        return [n.user for n in self.notifications if n.pk not in failed]

    @property
    def failed(self) -> list:
        failed = set(self._failed_ids())
        return [n.user for n in self.notifications if n.pk in failed]

    def _failed_ids(self):
        return Notification.objects.filter(
            pk__in=[n.pk for n in self.notifications],
            status=Notification.Status.FAILED,
        ).values_list("pk", flat=True)


def heads_to_remind():
    return (
        Membership.objects.filter(role=Membership.Role.DIVISION_HEAD)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user", "organization")
        .prefetch_related("divisions")
        .order_by("user__username", "organization__name")
    )


def heads_by_user() -> dict:
    """Each division head with their memberships (one per office)."""
    grouped = defaultdict(list)
    for membership in heads_to_remind():
        grouped[membership.user].append(membership)
    return grouped


def reminder_rows(membership: Membership, today: date) -> list:
    """The head's measures that are not done and overdue or due soon, in
    plans whose year is still being reported: once a plan's 12-month round is
    closed, its report is made and reminding serves nobody."""
    reported = ReportingRound.objects.filter(period=ReportingRound.Period.YEAR).exclude(
        status=ReportingRound.Status.OPEN
    )
    measures = measures_for_member(membership).exclude(plan__in=reported.values("plan"))
    rows = progress_rows(measures, today)
    return sorted(
        (row for row in rows if row.overdue or row.due_soon), key=worklist_order
    )


def _link(row, base_url: str) -> str:
    return base_url + reverse(
        "measures:measure_progress", args=[row.measure.plan_id, row.measure.pk]
    )


def _base(base_url: str | None) -> str:
    return (base_url or settings.PORTAL_URL).rstrip("/")


def reminder_email(user, sections: list, today: date, base_url: str) -> tuple[str, str]:
    """The Thai subject and text of one head's reminder. `sections`: (the
    membership, its rows) for each office with something to report."""
    total = sum(len(rows) for _membership, rows in sections)
    offices = []
    for membership, rows in sections:
        overdue = [(row, _link(row, base_url)) for row in rows if row.overdue]
        due_soon = [(row, _link(row, base_url)) for row in rows if not row.overdue]
        offices.append(
            {
                "organization": membership.organization,
                "divisions": ", ".join(d.name for d in membership.divisions.all()),
                "overdue": overdue,
                "due_soon": due_soon,
            }
        )
    return notifications.render(
        Kind.PROGRESS_REMINDER,
        {
            "name": user.get_full_name() or user.username,
            "n": total,
            "organizations": ", ".join(m.organization.name for m, _rows in sections),
            "offices": offices,
            "today": format_thai_date(today),
            "days": DUE_SOON_DAYS,
        },
    )


def reminders_send(
    *, today: date | None = None, base_url: str | None = None
) -> ReminderRun:
    """E-mail every division head with something overdue or due soon, once
    a day. Safe to run again: who already has today's e-mail is skipped.
    Links start with `base_url` (default settings.PORTAL_URL)."""
    today = today or timezone.localdate()
    base_url = _base(base_url)
    run = ReminderRun()
    with translation.override(settings.LANGUAGE_CODE):
        for user, memberships in heads_by_user().items():
            if Notification.objects.filter(
                user=user, kind=Kind.PROGRESS_REMINDER, day=today
            ).exists():
                run.already.append(user)
                continue
            sections = [
                (membership, rows)
                for membership in memberships
                if (rows := reminder_rows(membership, today))
            ]
            if not sections:
                continue
            subject, body = reminder_email(user, sections, today, base_url)
            notification = notifications.notify(
                user=user,
                kind=Kind.PROGRESS_REMINDER,
                subject=subject,
                body=body,
                url=base_url + reverse("measures:my_measures"),
                day=today,
            )
            run.add(user, notification)
    return run


def _overdue_key(row) -> str:
    return f"measure:{row.measure.lineage_root_id}"


def overdue_notify(
    *, today: date | None = None, base_url: str | None = None
) -> ReminderRun:
    """Tell the heads of the divisions responsible for each measure that has
    passed its end unfinished, once per measure (its revisions included):
    one mail a person a day, listing the measures newly overdue."""
    today = today or timezone.localdate()
    base_url = _base(base_url)
    run = ReminderRun()
    with translation.override(settings.LANGUAGE_CODE):
        for user, memberships in heads_by_user().items():
            if Notification.objects.filter(
                user=user, kind=Kind.MEASURE_OVERDUE, day=today
            ).exists():
                run.already.append(user)
                continue
            announced = notifications.already_announced(
                user=user, kind=Kind.MEASURE_OVERDUE
            )
            rows = [
                row
                for membership in memberships
                for row in reminder_rows(membership, today)
                if row.overdue and _overdue_key(row) not in announced
            ]
            if not rows:
                continue
            subject, body = notifications.render(
                Kind.MEASURE_OVERDUE,
                {
                    "name": user.get_full_name() or user.username,
                    "rows": [(row, _link(row, base_url)) for row in rows],
                    "today": format_thai_date(today),
                },
            )
            notification = notifications.notify(
                user=user,
                kind=Kind.MEASURE_OVERDUE,
                subject=subject,
                body=body,
                url=base_url + reverse("measures:my_measures"),
                day=today,
                keys=sorted({_overdue_key(row) for row in rows}),
            )
            run.add(user, notification)
    return run
