"""Every write of oversight: grants, the overseer's deadline, reminders.
Each records who and when (the models' history, `Reminder`)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ita_portal.thai import format_thai_date
from organizations.models import Membership

from .models import Deadline, Grant, Reminder
from .selectors import deadline_for

log = logging.getLogger(__name__)


@transaction.atomic
def grant_create(
    *, user, scope: str, province: str = "", district: str = "", organizations=(), by
) -> Grant:
    """Make `user` an overseer of a province, a district or a list."""
    grant = Grant(
        user=user,
        scope=scope,
        province=province.strip(),
        district=district.strip() if scope == Grant.Scope.DISTRICT else "",
        granted_by=by,
    )
    grant.full_clean(exclude=["organizations"])
    if (
        Grant.objects.filter(
            user=user, scope=scope, province=grant.province, district=grant.district
        )
        .exclude(scope=Grant.Scope.LIST)
        .exists()
    ):
        raise ValidationError(_("ผู้ใช้นี้มีสิทธิ์ขอบเขตนี้อยู่แล้ว"), code="exists")
    grant._history_user = by
    grant.save()
    if scope == Grant.Scope.LIST:
        grant.organizations.set(organizations)
    return grant


@transaction.atomic
def grant_revoke(*, grant: Grant, by) -> None:
    grant._history_user = by
    grant.delete()


@transaction.atomic
def deadline_set(*, user, fiscal_year: int, due_on, by) -> Deadline:
    """The date by which the overseer expects the year's plans published."""
    deadline = Deadline.objects.filter(user=user, fiscal_year=fiscal_year).first()
    deadline = deadline or Deadline(user=user, fiscal_year=fiscal_year)
    deadline.due_on = due_on
    deadline._history_user = by
    deadline.save()
    return deadline


def _recipients(organization) -> list[str]:
    """The office's staff (and its admins, who do staff work) with an e-mail."""
    return sorted(
        {
            address
            for address in Membership.objects.filter(
                organization=organization,
                role__in=[Membership.Role.STAFF, Membership.Role.ORG_ADMIN],
            ).values_list("user__email", flat=True)
            if address
        }
    )


def reminder_text(*, organization, fiscal_year: int, deadline, by) -> tuple[str, str]:
    """The subject and body of an overseer's reminder, in Thai."""
    subject = _("[ระบบ ITA] ขอให้เร่งจัดทำและเผยแพร่มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    lines = [
        _("เรียน เจ้าหน้าที่ผู้รับผิดชอบ {organization}").format(organization=organization),
        "",
        _(
            "ผู้กำกับดูแลขอให้{organization}เร่งจัดทำ เสนออนุมัติ และเผยแพร่"
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O42) "
            "ประจำปีงบประมาณ พ.ศ. {year}"
        ).format(organization=organization, year=fiscal_year),
    ]
    if deadline:
        lines.append(
            _("กำหนดเผยแพร่ภายในวันที่ {date}").format(date=format_thai_date(deadline))
        )
    lines += [
        "",
        _("ผู้แจ้ง: {name}").format(name=by.get_full_name() or by.username),
        settings.PORTAL_URL + reverse("home"),
    ]
    return subject, "\n".join(lines)


def _send(subject, body, addresses):
    try:
        send_mail(subject, body, None, addresses)
    except OSError:
        log.exception("could not e-mail %s", addresses)


@transaction.atomic
def reminders_send_late(*, organizations, fiscal_year: int, by) -> list[Reminder]:
    """Send each office's staff the overseer's reminder (e-mail, once the
    transaction commits: a mail server that is down must not undo the
    record), and record it with who and when. The view has checked that
    `by` oversees each office and that it is late."""
    deadline = deadline_for(by, fiscal_year)
    sent = []
    for organization in organizations:
        addresses = _recipients(organization)
        subject, body = reminder_text(
            organization=organization, fiscal_year=fiscal_year, deadline=deadline, by=by
        )
        if addresses:
            transaction.on_commit(lambda s=subject, b=body, a=addresses: _send(s, b, a))
        sent.append(
            Reminder.objects.create(
                organization=organization,
                fiscal_year=fiscal_year,
                sent_by=by,
                recipients=len(addresses),
            )
        )
    return sent
