"""Reminder e-mails to division heads: their measures that are overdue or
end within 30 days, at most one e-mail a person a day.

`reminders_send` is the one implementation; the `send_reminders` command
runs it from cron. A row in ReminderSent is written in the same transaction
as the e-mail is sent, and its unique (user, organisation, day) keeps a
second run on the same day, or two at once, from sending again.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ita_portal.thai import format_thai_date
from organizations.models import Membership

from ..models import ReminderSent, ReportingRound
from ..selectors import (
    DUE_SOON_DAYS,
    measures_for_member,
    progress_rows,
    worklist_order,
)

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    """What a run did, for the command to print."""

    sent: list = field(default_factory=list)
    already: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def heads_to_remind():
    return (
        Membership.objects.filter(role=Membership.Role.DIVISION_HEAD)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user", "organization")
        .prefetch_related("divisions")
        .order_by("organization__name", "user__username")
    )


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


def reminder_email(
    membership: Membership, rows: list, today: date, base_url: str
) -> tuple[str, str]:
    """The subject and the Thai text of one head's reminder."""
    overdue = [row for row in rows if row.overdue]
    due_soon = [row for row in rows if not row.overdue]

    def link(row):
        return base_url + reverse(
            "measures:measure_progress", args=[row.measure.plan_id, row.measure.pk]
        )

    subject = _("[ITA] มาตรการที่ต้องติดตาม {n} รายการ · {org}").format(
        n=len(rows), org=membership.organization.name
    )
    body = render_to_string(
        "measures/reminder_email.txt",
        {
            "name": membership.user.get_full_name() or membership.user.username,
            "organization": membership.organization,
            "divisions": ", ".join(d.name for d in membership.divisions.all()),
            "today": format_thai_date(today),
            "days": DUE_SOON_DAYS,
            "groups": [
                (_("เลยกำหนดแล้ว"), [(row, link(row)) for row in overdue]),
                (
                    _("จะครบกำหนดภายใน {days} วัน").format(days=DUE_SOON_DAYS),
                    [(row, link(row)) for row in due_soon],
                ),
            ],
            "worklist_url": base_url + reverse("measures:my_measures"),
        },
    )
    return subject, body


def reminders_send(
    *, today: date | None = None, base_url: str | None = None
) -> ReminderRun:
    """E-mail every division head with something overdue or due soon, once
    a day. Safe to run again: who already has today's e-mail is skipped."""
    today = today or timezone.localdate()
    base_url = (base_url or settings.PORTAL_URL).rstrip("/")
    run = ReminderRun()
    with translation.override(settings.LANGUAGE_CODE):
        for membership in heads_to_remind():
            user, organization = membership.user, membership.organization
            if ReminderSent.objects.filter(
                user=user, organization=organization, sent_on=today
            ).exists():
                run.already.append(membership)
                continue
            rows = reminder_rows(membership, today)
            if not rows:
                continue
            subject, body = reminder_email(membership, rows, today, base_url)
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        user=user,
                        organization=organization,
                        sent_on=today,
                        measures=len(rows),
                    )
                    send_mail(subject, body, None, [user.email])
            except IntegrityError:  # another run got there first
                run.already.append(membership)
            except Exception:  # one bad address must not stop the others
                logger.exception("reminder to %s failed", user.email)
                run.failed.append(membership)
            else:
                run.sent.append(membership)
    return run
