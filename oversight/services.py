"""Every write of oversight: grants, the overseer's deadline, reminders.
Each records who and when (the models' history, `Reminder`)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ita_portal.thai import format_thai_date
from notifications import services as notifications
from notifications.models import Kind
from organizations.models import Membership

from .models import Deadline, Grant, Reminder
from .selectors import deadline_for


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


def _recipients(organization):
    """The office's staff (and its admins, who do staff work)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organization=organization,
            memberships__role__in=[Membership.Role.STAFF, Membership.Role.ORG_ADMIN],
        )
        .distinct()
        .order_by("pk")
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
    ]
    return subject, "\n".join(lines)


@transaction.atomic
def reminders_send_late(*, organizations, fiscal_year: int, by) -> list[Reminder]:
    """Send each office's staff the overseer's reminder (through the portal's
    one mail path, which sends after commit and keeps each mail's record),
    and record the reminder with who and when. The view has checked that
    `by` oversees each office and that it is late."""
    deadline = deadline_for(by, fiscal_year)
    sent = []
    for organization in organizations:
        subject, body = reminder_text(
            organization=organization, fiscal_year=fiscal_year, deadline=deadline, by=by
        )
        mails = [
            notifications.notify(
                user=user,
                kind=Kind.OVERSIGHT_REMINDER,
                subject=subject,
                body=body,
                url=reverse("home"),
            )
            for user in _recipients(organization)
        ]
        sent.append(
            Reminder.objects.create(
                organization=organization,
                fiscal_year=fiscal_year,
                sent_by=by,
                recipients=sum(1 for mail in mails if mail is not None),
            )
        )
    return sent
