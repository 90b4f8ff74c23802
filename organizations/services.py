"""Changes to organisations, divisions and memberships, with their rules."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from notifications import services as notifications
from notifications.models import Kind

from .models import Division, Membership, Organization

User = get_user_model()

ALREADY_MEMBER = _("ผู้ใช้นี้เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว")
LAST_ADMIN = _("หน่วยงานต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน")
DIVISION_IN_USE = _("ลบไม่ได้ เพราะส่วนราชการนี้ถูกอ้างถึงในแผนหรือเอกสารแล้ว")


def _admins_locked(organization):
    return Membership.objects.select_for_update().filter(
        organization=organization, role=Membership.Role.ORG_ADMIN
    )


def _other_admins(membership: Membership):
    return Membership.objects.filter(
        organization=membership.organization, role=Membership.Role.ORG_ADMIN
    ).exclude(pk=membership.pk)


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    username: str,
    role: str,
    position: str = "",
    divisions=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
) -> Membership:
    """Add a person to `organization`, creating the account if it is new."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first_name, last_name=last_name)
        user.email = email
        user.set_password(password)
        user.full_clean()
        user.save()
    elif Membership.objects.filter(user=user, organization=organization).exists():
        raise ValidationError({"username": ALREADY_MEMBER})
    membership = Membership(
        user=user, organization=organization, role=role, position=position
    )
    membership.full_clean()
    membership.save()
    membership.divisions.set(divisions)
    return membership


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, position: str, divisions, by=None
) -> Membership:
    """Change a member's role, position and headed divisions."""
    # Read the stored role: a bound ModelForm has already set the new one on
    # the instance. Lock the organisation's admin rows first, so that two
    # admins demoting each other at once can't leave it with none.
    list(_admins_locked(membership.organization))
    stored_role = Membership.objects.values_list("role", flat=True).get(
        pk=membership.pk
    )
    if (
        stored_role == Membership.Role.ORG_ADMIN
        and role != Membership.Role.ORG_ADMIN
        and not _other_admins(membership).exists()
    ):
        raise ValidationError({"role": LAST_ADMIN})
    membership.role = role
    membership.position = position
    membership.full_clean()
    membership._history_user = by
    membership.save()
    membership.divisions.set(divisions)
    return membership


def sessions_end(user) -> int:
    """Log `user` out everywhere: delete their sessions (the database
    sessions Django keeps by default). Returns how many ended."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_USER_KEY)) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a person out of an organisation; their account stays, and every
    session of theirs ends, so that no open page keeps the old access."""
    list(_admins_locked(membership.organization))
    if (
        membership.role == Membership.Role.ORG_ADMIN
        and not _other_admins(membership).exists()
    ):
        raise ValidationError(LAST_ADMIN)
    membership.delete()
    sessions_end(membership.user)


@transaction.atomic
def organization_update(*, organization: Organization, by) -> Organization:
    """Save the organisation's own details (name, address, emblem …), checked
    field by field, with who changed them in its history."""
    organization.full_clean()
    organization._history_user = by
    organization.save()
    return organization


@transaction.atomic
def division_save(*, division: Division, by) -> Division:
    """Add a division to its organisation or save its new name and kind."""
    division.full_clean()
    division._history_user = by
    division.save()
    return division


@transaction.atomic
def division_delete(*, division: Division) -> None:
    """Delete a division that nothing approved refers to."""
    try:
        division.delete()
    except ProtectedError as error:
        raise ValidationError(DIVISION_IN_USE) from error


@transaction.atomic
def divisions_add(*, organization: Organization, divisions, by) -> list[Division]:
    """Add `divisions`, (name, kind) pairs, to `organization`; the ones it has
    are left as they are. All or none: a bad name saves nothing."""
    added = []
    for name, kind in divisions:
        division = Division(organization=organization, name=name, kind=kind)
        added.append(division_save(division=division, by=by))
    return added


def _username_for(email: str) -> str:
    """A free username for a new account: the e-mail, or its name part and a
    number when that is taken or too long."""
    email = email.lower()
    if len(email) <= 150 and not User.objects.filter(username__iexact=email).exists():
        return email
    stem = email.split("@")[0][:140] or "user"
    number = 2
    while User.objects.filter(username__iexact=f"{stem}-{number}").exists():
        number += 1
    return f"{stem}-{number}"


@transaction.atomic
def members_import(*, organization: Organization, rows, by) -> tuple[int, int]:
    """Add or update the people of a checked member sheet (member_sheet), all
    or none. A person is found by e-mail: a re-import updates them. Returns
    (added, updated). The org admins are saved first, so that a file that
    hands the role on keeps the organisation with one."""
    divisions = {d.name: d for d in organization.divisions.all()}
    added = updated = 0
    ordered = sorted(rows, key=lambda row: row.role != Membership.Role.ORG_ADMIN)
    for row in ordered:
        headed = [divisions[name] for name in row.divisions]
        user = User.objects.filter(email__iexact=row.email).first()
        if user is None:
            user = User(
                username=_username_for(row.email),
                first_name=row.first_name,
                last_name=row.last_name,
                email=row.email,
            )
            user.set_unusable_password()  # set by the person, from the invitation
            user.full_clean()
            user.save()
        elif not user.memberships.exclude(organization=organization).exists():
            # Only this organisation knows the person: its list is the truth.
            user.first_name, user.last_name = row.first_name, row.last_name
            user.full_clean()
            user.save()
        membership = Membership.objects.filter(
            user=user, organization=organization
        ).first()
        try:
            if membership is None:
                membership = Membership(
                    user=user,
                    organization=organization,
                    role=row.role,
                    position=row.position,
                )
                membership.full_clean()
                membership._history_user = by
                membership.save()
                membership.divisions.set(headed)
                added += 1
            else:
                membership_update(
                    membership=membership,
                    role=row.role,
                    position=row.position,
                    divisions=headed,
                    by=by,
                )
                updated += 1
        except ValidationError as error:
            raise ValidationError({row.row: error.messages}) from error
    return added, updated


INVITATION_SUBJECT = _("เชิญเข้าใช้ระบบ ITA ของ{organization}")
INVITATION_BODY = _(
    "เรียน {name}\n\n"
    "{organization} เพิ่มท่านเป็นผู้ใช้ระบบ ITA ในบทบาท{role}\n"
    "ชื่อผู้ใช้ของท่านคือ {username}\n\n"
    "กรุณาตั้งรหัสผ่านของท่านเองที่ลิงก์นี้ (ใช้ได้ครั้งเดียว ภายใน {days} วัน):\n"
    "{link}\n\n"
    "ระบบไม่ส่งรหัสผ่านทางอีเมล หากท่านไม่ได้เกี่ยวข้อง ไม่ต้องดำเนินการใด ๆ\n"
)


def invitation_link(user) -> str:
    """The path where `user` sets their own password (Django's password
    reset: the token is spent once the password is set)."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invitation_send(*, membership: Membership, absolute_url) -> None:
    """E-mail the member a link to set a password; never a password, and
    even to a person who turned notification mail off. `absolute_url` turns
    a path into a full link (request.build_absolute_uri)."""
    user = membership.user
    if not user.email:
        raise ValidationError(_("สมาชิกนี้ยังไม่มีอีเมล"))
    organization = membership.organization
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    body = str(INVITATION_BODY).format(
        name=user.get_full_name() or user.username,
        organization=organization.name,
        role=membership.get_role_display(),
        username=user.username,
        days=days,
        link=absolute_url(invitation_link(user)),
    )
    notifications.notify(
        user=user,
        kind=Kind.INVITATION,
        subject=str(INVITATION_SUBJECT).format(organization=organization.name),
        body=body,
    )
