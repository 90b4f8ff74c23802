from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .models import Membership

SESSION_KEY = "current_organization_id"


def current_membership(request) -> Membership | None:
    """The membership the user works under now: the organisation they last
    switched to (kept in the session), else their first one."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name")
    )
    if not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organization_id == wanted:
            return membership
    return memberships[0]


class CurrentOrganizationMiddleware:
    """Sets `request.membership` and `request.organization`, lazily, so that
    requests that never look (static files, public pages) cost no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        request.organization = SimpleLazyObject(
            lambda: request.membership.organization if request.membership else None
        )
        return self.get_response(request)


def current_organization(request):
    """The organisation the user works in now; 404 for a user with none."""
    organization = request.organization
    # A lazy None is not `None`: ask its truth (a user of no organisation,
    # such as an overseer, gets the 404 instead of an error).
    if not organization:
        raise Http404(_("คุณยังไม่ได้เป็นสมาชิกของหน่วยงานใด"))
    return organization
