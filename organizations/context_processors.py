from .models import ROLE_BADGES, Membership


def current_organization(request):
    """The current organisation and role for the navigation bar."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def other_memberships():
        return (
            Membership.objects.filter(user=user)
            .exclude(pk=membership.pk if membership else None)
            .select_related("organization")
            .order_by("organization__name")
        )

    return {
        "current_membership": membership or None,
        "current_organization": membership.organization if membership else None,
        "role_badge": ROLE_BADGES.get(membership.role, "secondary")
        if membership
        else "",
        "other_memberships": other_memberships,
    }
