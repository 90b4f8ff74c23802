"""What an overseer (ผู้กำกับดูแล) may do: the one place of these rules, next
to the portal's own (organizations/permissions.py, whose `can` and
`require` answer them too).

An overseer reads the offices of their scope on the oversight pages and
sends the late ones a reminder; nothing else. They hold no membership, so
every page of an office's own answers them as it answers an outsider: they
never edit an office's data, and they see a draft only as its status on the
overview ("อยู่ระหว่างจัดทำ"), never its content. What is published they
read in full on the public pages.
"""

import rules
from django.db.models import Q

from organizations.models import Organization

from .models import Grant


def grants_of(user) -> list[Grant]:
    """The user's grants, read once per request (kept on the user)."""
    if user is None or not user.is_authenticated:
        return []
    if "_oversight_grants" not in user.__dict__:
        user._oversight_grants = list(
            Grant.objects.for_user(user).prefetch_related("organizations")
        )
    return user._oversight_grants


def scope_q(user) -> Q | None:
    """The offices the user oversees, as a filter on Organization; None
    when the user oversees nothing."""
    grants = grants_of(user)
    if not grants:
        return None
    q = Q()
    for grant in grants:
        q |= grant.organizations_q()
    return q


def organizations_in_scope(user):
    q = scope_q(user)
    if q is None:
        return Organization.objects.none()
    return Organization.objects.filter(q)


def province_grants(user) -> list[Grant]:
    return [g for g in grants_of(user) if g.scope == Grant.Scope.PROVINCE]


@rules.predicate
def is_overseer(user):
    return bool(grants_of(user))


@rules.predicate
def oversees(user, organization):
    """`organization` is in the user's scope."""
    q = scope_q(user)
    if q is None or organization is None:
        return False
    return Organization.objects.filter(q, pk=organization.pk).exists()


@rules.predicate
def oversees_its_province(user, grant):
    """A district grant inside a province the user oversees whole: a
    province's overseer gives its districts' overseers their standing."""
    return grant.scope == Grant.Scope.DISTRICT and any(
        g.province == grant.province for g in province_grants(user)
    )


@rules.predicate
def is_province_overseer(user):
    return bool(province_grants(user))


# The overview, its export and the deadline an overseer sets for themself.
rules.add_perm("oversight.view_overview", is_overseer)
# A reminder is asked of the organisation it goes to.
rules.add_perm("oversight.remind_organization", oversees)
# The page of grants a province's overseer gives; each grant is asked of
# the grant (its scope and province).
rules.add_perm("oversight.view_grant", is_province_overseer)
rules.add_perm("oversight.add_grant", oversees_its_province | rules.is_superuser)
rules.add_perm("oversight.delete_grant", oversees_its_province | rules.is_superuser)
