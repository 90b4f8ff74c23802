"""The second factor in the current session, for the views that sign.

`verified_recently(request)` says whether the user verified a code in this
session within OTP_FRESH_MINUTES. A view that signs (reports: a memo's
decision and its sending) calls `second_factor_step(request)` after its
permission check and form: None means go on; otherwise it returns the
redirect to the code page, having kept the POSTed form in the session, and
the code page carries the action out once the code is right
(`action_resume`), so that nothing typed is lost.
"""

import time

import django_otp
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import resolve
from django.utils.datastructures import MultiValueDict

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
    request.session[PENDING] = {
        "path": request.path_info,
        "post": {
            key: request.POST.getlist(key)
            for key in request.POST
            if key != "csrfmiddlewaretoken"
        },
        "at": time.time(),
    }
    return redirect("twofactor:verify")


def action_pending(request) -> dict | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending


def action_resume(request):
    """Carry out the kept action as if its form were posted now (the request
    is the code page's own POST, so CSRF was checked), or None if none."""
    pending = action_pending(request)
    request.session.pop(PENDING, None)
    if pending is None:
        return None
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
