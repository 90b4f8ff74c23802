"""The org admin's page of the organisation's signing certificate: upload
one from a CA of the organisation's choice, or have the portal issue one
from the deployment's own CA; and the withdrawal of an approved memo."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ita_portal.forms import apply_service_errors
from organizations.middleware import current_organization
from organizations.permissions import get_for_user, require

from . import services
from .forms import SigningKeyUploadForm, WithdrawForm
from .models import CertificateAuthority, Memo


def _organization(request):
    return require(
        request.user, "reports.manage_signingkey", current_organization(request)
    )


@login_required
@require_http_methods(["GET", "POST"])
def signing_keys(request):
    organization = _organization(request)
    form = SigningKeyUploadForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signing_key_upload(
                organization=organization,
                data=form.cleaned_data["file"],
                password=form.cleaned_data["password"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request, _("นำเข้าใบรับรองแล้ว เอกสารที่อนุมัติต่อจากนี้จะลงลายมือชื่อด้วยใบรับรองนี้")
            )
            return redirect("reports:signing_keys")
    return render(
        request,
        "reports/signing_keys.html",
        {
            "organization": organization,
            "keys": organization.signing_keys.select_related("created_by"),
            "form": form,
            "can_issue": CertificateAuthority.objects.exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def signing_key_issue(request):
    organization = _organization(request)
    try:
        services.signing_key_issue(organization=organization, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("ออกใบรับรองของหน่วยงานจากผู้ออกใบรับรองของระบบแล้ว"))
    return redirect("reports:signing_keys")


@login_required
@require_http_methods(["GET", "POST"])
def memo_withdraw(request, pk):
    memo = get_for_user(
        request.user, Memo.objects.select_related("organization"), "withdraw", pk=pk
    )
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.memo_withdraw(
                memo=memo, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("เพิกถอนบันทึกแล้ว หน้าตรวจสอบเอกสารจะแสดงการเพิกถอนนี้")
            )
            return redirect(memo)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("เพิกถอนบันทึกที่อนุมัติแล้ว"),
            "intro": _(
                "เอกสารที่อนุมัติแล้วยังคงอยู่ แต่หน้าตรวจสอบเอกสารจะแจ้งว่าถูกเพิกถอน "
                "เมื่อใด โดยใคร และเพราะเหตุใด"
            ),
            "cancel_href": memo.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )
