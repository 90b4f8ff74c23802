from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from ita_portal.forms import apply_service_errors
from ita_portal.redirects import safe_next

from . import services
from .forms import (
    DivisionForm,
    MembershipForm,
    NewMemberForm,
    OrganizationForm,
    SwitchOrganizationForm,
)
from .middleware import SESSION_KEY, current_organization
from .models import Division, Membership, Organization
from .permissions import require

MEMBERS_PER_PAGE = 25


@require_POST
@login_required
def switch_organization(request):
    """Work in another of the user's organisations from now on."""
    form = SwitchOrganizationForm(request.POST)
    if not form.is_valid():
        raise Http404
    membership = get_object_or_404(
        Membership.objects.select_related("organization"),
        user=request.user,
        organization_id=form.cleaned_data["organization"],
    )
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(
        request,
        _("เปลี่ยนไปทำงานในหน่วยงาน {name} แล้ว").format(name=membership.organization.name),
    )
    return redirect(safe_next(request, reverse("home")))


@login_required
def organization_detail(request):
    organization = require(request.user, "view", current_organization(request))
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "divisions": organization.divisions.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request):
    organization = require(request.user, "change", current_organization(request))
    form = OrganizationForm(
        request.POST or None, request.FILES or None, instance=organization
    )
    if request.method == "POST" and form.is_valid():
        services.organization_update(
            organization=form.save(commit=False), by=request.user
        )
        messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
        return redirect("organizations:detail")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("แก้ไขข้อมูลหน่วยงาน"), "multipart": True},
    )


def organization_emblem(request, slug):
    """The organisation's emblem, or the plain default; public, as on paper."""
    organization = get_object_or_404(Organization, slug=slug)
    if organization.emblem:
        try:
            return FileResponse(organization.emblem.open("rb"))
        except FileNotFoundError:
            pass
    return redirect(static("img/emblem-default.svg"))


@login_required
def division_list(request):
    organization = require(request.user, "view", current_organization(request))
    return render(
        request,
        "organizations/division_list.html",
        {"organization": organization, "divisions": organization.divisions.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def division_add(request):
    organization = require(request.user, "manage", current_organization(request))
    form = DivisionForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        services.division_save(division=form.save(commit=False), by=request.user)
        messages.success(
            request, _("เพิ่มส่วนราชการ {name} แล้ว").format(name=form.instance.name)
        )
        return redirect("organizations:division_list")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("เพิ่มส่วนราชการ")},
    )


def _division_for_admin(request, pk) -> Division:
    organization = current_organization(request)
    division = get_object_or_404(Division, pk=pk, organization=organization)
    return require(request.user, "change", division)


@login_required
@require_http_methods(["GET", "POST"])
def division_edit(request, pk):
    division = _division_for_admin(request, pk)
    form = DivisionForm(
        request.POST or None, instance=division, organization=division.organization
    )
    if request.method == "POST" and form.is_valid():
        services.division_save(division=form.save(commit=False), by=request.user)
        messages.success(request, _("บันทึกส่วนราชการแล้ว"))
        return redirect("organizations:division_list")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("แก้ไขส่วนราชการ {name}").format(name=division.name)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def division_delete(request, pk):
    division = _division_for_admin(request, pk)
    if request.method == "POST":
        try:
            services.division_delete(division=division)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("ลบส่วนราชการ {name} แล้ว").format(name=division.name)
            )
        return redirect("organizations:division_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ลบส่วนราชการ"),
            "question": _("ลบส่วนราชการ “{name}” ใช่หรือไม่").format(name=division.name),
            "cancel_url": "organizations:division_list",
        },
    )


@login_required
def member_list(request):
    organization = require(request.user, "manage", current_organization(request))
    enrolled = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)
    memberships = (
        organization.memberships.select_related("user")
        .prefetch_related("divisions")
        .annotate(second_factor=Exists(enrolled))
        .order_by("role", "user__first_name", "user__username")
    )
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/member_list.html",
        {"organization": organization, "page": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request):
    organization = require(request.user, "manage", current_organization(request))
    form = NewMemberForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.member_add(
                organization=organization,
                username=data["username"],
                role=data["role"],
                position=data["position"],
                divisions=data["divisions"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if form.existing_user is not None:
                note = _("เพิ่มผู้ใช้ {name} ที่มีอยู่แล้วเป็นสมาชิก (รหัสผ่านเดิม)")
            else:
                note = _("สร้างผู้ใช้ {name} และเพิ่มเป็นสมาชิกแล้ว")
            messages.success(request, note.format(name=membership.user))
            return redirect("organizations:member_list")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("เพิ่มสมาชิก")},
    )


def _membership_for_admin(request, pk) -> Membership:
    organization = current_organization(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        pk=pk,
        organization=organization,
    )
    return require(request.user, "change", membership)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    membership = _membership_for_admin(request, pk)
    form = MembershipForm(
        request.POST or None, instance=membership, organization=membership.organization
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_update(
                membership=membership,
                role=data["role"],
                position=data["position"],
                divisions=data["divisions"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("บันทึกบทบาทของ {name} แล้ว").format(name=membership.user)
            )
            return redirect("organizations:member_list")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("แก้ไขสมาชิก {name}").format(name=membership.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, pk):
    membership = _membership_for_admin(request, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("นำ {name} ออกจากหน่วยงานแล้ว").format(name=membership.user),
            )
        return redirect("organizations:member_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("นำสมาชิกออก"),
            "question": _("นำ {name} ออกจาก {organization} ใช่หรือไม่ บัญชีผู้ใช้ยังอยู่").format(
                name=membership.user, organization=membership.organization
            ),
            "cancel_url": "organizations:member_list",
        },
    )
