"""Changes to organisations, divisions and memberships, with their rules."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

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
    *, membership: Membership, role: str, position: str, divisions
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
    membership.save()
    membership.divisions.set(divisions)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a person out of an organisation; their account stays."""
    list(_admins_locked(membership.organization))
    if (
        membership.role == Membership.Role.ORG_ADMIN
        and not _other_admins(membership).exists()
    ):
        raise ValidationError(LAST_ADMIN)
    membership.delete()


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
