"""Where a second factor is needed for every page, not only for signing:
Django admin, for anyone it lets in (a superuser always), and the pages of
an organisation whose admin requires it of every member
(Organization.require_second_factor). The user is sent to enter a code, or
to enrol first, and comes back to the page asked for."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Pages reachable without the second factor: entering it, leaving, language.
OPEN_NAMESPACES = {"twofactor"}
OPEN_NAMES = {"logout", "set_language", "healthz", "login"}
OPEN_ADMIN_NAMES = {"login", "logout"}


def needs_second_factor(request) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    match = request.resolver_match
    if match is None or OPEN_NAMESPACES & set(match.namespaces):
        return False
    if match.url_name in OPEN_NAMES and not match.namespaces:
        return False
    if "admin" in match.namespaces:
        return match.url_name not in OPEN_ADMIN_NAMES and user.is_staff
    organization = getattr(request, "organization", None)
    return bool(organization and organization.require_second_factor)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not needs_second_factor(request):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('twofactor:verify')}?{query}")
