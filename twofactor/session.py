"""The second factor in the current session, for the views that sign.

`verified_recently(request)` says whether the user verified a code in this
session within OTP_FRESH_MINUTES. A view that signs (reports: a memo's
decision and its sending) calls `second_factor_step(request)` after its
permission check and form: None means go on; otherwise it returns the
redirect to the code page, having kept the POSTed form in the session, and
the code page carries the action out once the code is right
(`action_resume`), so that nothing typed is lost. The kept action has a
random id that the code page carries (`?action=`): a code entered for
another reason (Django admin, say) never carries out an action the user
left behind.
"""

import secrets
import time

import django_otp
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils.crypto import constant_time_compare
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode

VERIFIED_AT = "twofactor_verified_at"
PENDING = "twofactor_pending"
# A kept action older than this is dropped rather than carried out.
PENDING_SECONDS = 30 * 60


def verified_recently(request) -> bool:
    """The user entered a right code in this session within OTP_FRESH_MINUTES."""
    user = request.user
    if not user.is_authenticated or not user.is_verified():
        return False
    at = request.session.get(VERIFIED_AT)
    return at is not None and time.time() - at <= settings.OTP_FRESH_MINUTES * 60


def session_verified(request, device) -> None:
    """Mark the session verified by `device` now."""
    django_otp.login(request, device)
    request.session[VERIFIED_AT] = time.time()


def second_factor_step(request):
    """None when the user verified recently; otherwise keep the POSTed form
    and return the redirect to the code page."""
    if verified_recently(request):
        return None
    action = secrets.token_urlsafe(12)
    request.session[PENDING] = {
        "id": action,
        "path": request.path_info,
        "post": {
            key: request.POST.getlist(key)
            for key in request.POST
            if key != "csrfmiddlewaretoken"
        },
        "at": time.time(),
    }
    return redirect(reverse("twofactor:verify") + "?" + urlencode({"action": action}))


def action_id(request) -> str:
    """The kept action this page was sent for (`action`, in the query string
    or the form)."""
    return request.POST.get("action") or request.GET.get("action") or ""


def action_pending(request) -> dict | None:
    """The action kept for this page, if it is the one the page names and
    not older than PENDING_SECONDS."""
    pending = request.session.get(PENDING)
    wanted = action_id(request)
    if not pending or not wanted:
        return None
    if not constant_time_compare(wanted, pending.get("id", "")):
        return None
    if time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending


def action_resume(request):
    """Carry out the kept action as if its form were posted now (the request
    is the code page's own POST, so CSRF was checked), or None if none."""
    pending = action_pending(request)
    if pending is None:
        return None
    request.session.pop(PENDING, None)
    match = resolve(pending["path"])
    data = QueryDict(mutable=True)
    for key, values in pending["post"].items():
        data.setlist(key, values)
    data._mutable = False
    request.POST = data
    request._files = MultiValueDict()
    request.method = "POST"
    request.path_info = pending["path"]
    request.path = request.META.get("SCRIPT_NAME", "").rstrip("/") + pending["path"]
    request.resolver_match = match
    return match.func(request, *match.args, **match.kwargs)
