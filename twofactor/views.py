"""The second factor's pages: enrolment (QR code), code entry, one's own
codes, and the org admin's reset of a member's second factor."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from ita_portal.redirects import safe_next
from organizations.middleware import current_organization
from organizations.models import Membership
from organizations.permissions import require

from . import services
from .forms import CodeForm, EnrolForm
from .session import (
    action_id,
    action_pending,
    action_resume,
    second_factor_step,
    session_verified,
    verified_recently,
)

NEW_CODES = "twofactor_new_codes"


def _carried(request) -> dict:
    """What the code pages pass on to each other: where to go back to, and
    the kept action they were sent for."""
    return {
        key: value
        for key, value in (
            ("next", safe_next(request, "")),
            ("action", action_id(request)),
        )
        if value
    }


def _with_carried(name: str, request) -> str:
    carried = _carried(request)
    url = reverse(name)
    return f"{url}?{urlencode(carried)}" if carried else url


def _qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code, drawn here (no service)."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, title=_("คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน")
    )


def _after_verification(request):
    resumed = action_resume(request)
    if resumed is not None:
        return resumed
    return redirect(safe_next(request, reverse("home")))


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol the authenticator app: scan the QR code, type its first code."""
    user = request.user
    if services.is_enrolled(user):
        return redirect("twofactor:manage")
    device = services.totp_enrolment_start(user=user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_enrolment_confirm(
                device=device, code=form.cleaned_data["code"], by=user
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            session_verified(request, device)
            request.session[NEW_CODES] = codes
            messages.success(request, _("ลงทะเบียนแอปยืนยันตัวตนแล้ว"))
            return redirect(_with_carried("twofactor:manage", request))
    return render(
        request,
        "twofactor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": services.secret_base32(device),
            "pending": action_pending(request),
            "carried": _carried(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter a code; then the action that asked for it is carried out."""
    user = request.user
    if not services.is_enrolled(user):
        return redirect(_with_carried("twofactor:setup", request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.code_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            session_verified(request, device)
            if isinstance(device, StaticDevice):  # a recovery code, now spent
                messages.warning(
                    request,
                    _("ใช้รหัสสำรองแล้ว เหลืออีก {n} รหัส").format(
                        n=services.recovery_codes_left(user)
                    ),
                )
            return _after_verification(request)
    return render(
        request,
        "twofactor/verify.html",
        {
            "form": form,
            "pending": action_pending(request),
            "fresh_minutes": settings.OTP_FRESH_MINUTES,
            "carried": _carried(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def manage(request):
    """One's own second factor: whether it is set up, the recovery codes
    just made (shown once), how many are left."""
    user = request.user
    return render(
        request,
        "twofactor/manage.html",
        {
            "enrolled": services.is_enrolled(user),
            "new_codes": request.session.pop(NEW_CODES, None),
            "codes_left": services.recovery_codes_left(user),
            "events": user.second_factor_events.select_related("by")[:10],
            "pending": action_pending(request),
            "carried": _carried(request),
        },
    )


@login_required
@require_POST
def resume(request):
    """Carry on with the action kept while the user enrolled."""
    if not verified_recently(request):
        return redirect("twofactor:verify")
    return _after_verification(request)


@login_required
@require_POST
def recovery_renew(request):
    """A new set of recovery codes, after a fresh code."""
    if not services.is_enrolled(request.user):
        return redirect("twofactor:setup")
    step = second_factor_step(request)
    if step is not None:
        return step
    request.session[NEW_CODES] = services.recovery_codes_renew(
        user=request.user, by=request.user
    )
    messages.success(request, _("สร้างรหัสสำรองชุดใหม่แล้ว รหัสชุดเดิมใช้ไม่ได้อีก"))
    return redirect("twofactor:manage")


@login_required
@require_http_methods(["GET", "POST"])
def member_reset(request, pk):
    """The org admin clears a member's second factor (a lost phone)."""
    organization = current_organization(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        pk=pk,
        organization=organization,
    )
    require(request.user, "change", membership)
    if request.method == "POST":
        services.second_factor_reset(membership=membership, by=request.user)
        messages.success(
            request,
            _("ล้างการยืนยันตัวตนสองขั้นตอนของ {name} แล้ว ผู้ใช้ต้องลงทะเบียนแอปใหม่").format(
                name=membership.user
            ),
        )
        return redirect("organizations:member_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ล้างการยืนยันตัวตนสองขั้นตอน"),
            "question": _(
                "ล้างการยืนยันตัวตนสองขั้นตอนของ {name} ใช่หรือไม่ "
                "แอปและรหัสสำรองเดิมจะใช้ไม่ได้ และผู้ใช้ต้องลงทะเบียนใหม่ก่อนลงนามครั้งต่อไป"
            ).format(name=membership.user),
            "button": _("ล้างการยืนยันตัวตน"),
            "cancel_url": "organizations:member_list",
        },
    )
