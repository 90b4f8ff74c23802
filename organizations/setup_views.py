"""The guided setup of an office: its details, its divisions from the usual
structure of its kind, its members from an Excel sheet, and invitations to
set a password. For the organisation's admin, and for the superuser who has
just created it (Django admin sends them here)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from ita_portal.xlsx import XLSX_MIME, XlsxUploadForm

from . import member_sheet, services
from .forms import InvitationForm, OrganizationForm, SetupDivisionFormSet
from .models import Membership, Organization
from .permissions import can, require
from .structures import usual_divisions

STEPS = (
    ("details", gettext_lazy("ข้อมูลหน่วยงานและตรา")),
    ("divisions", gettext_lazy("ส่วนราชการ")),
    ("members", gettext_lazy("สมาชิกจากไฟล์ Excel")),
    ("invitations", gettext_lazy("เชิญตั้งรหัสผ่าน")),
)
SESSION_ROWS = "member_import_{pk}"


def _organization(request, slug) -> Organization:
    """The organisation being set up: 404 to anyone outside it (superusers
    aside), 403 to a member who is not its admin."""
    organization = get_object_or_404(Organization, slug=slug)
    user = request.user
    if not (user.is_superuser or can(user, "view", organization)):
        raise Http404
    return require(user, "setup", organization)


def _page(request, organization, step, template, context):
    numbers = {name: number for number, (name, _label) in enumerate(STEPS, start=1)}
    context = {
        "organization": organization,
        "steps": [
            (number, name, label) for number, (name, label) in enumerate(STEPS, 1)
        ],
        "step": step,
        "step_number": numbers.get(step, 0),
        **context,
    }
    return render(request, template, context)


def _waiting(organization):
    """Members with an e-mail who have not yet set a password."""
    memberships = (
        organization.memberships.select_related("user")
        .exclude(user__email="")
        .order_by("role", "user__first_name", "user__username")
    )
    return [m for m in memberships if not m.user.has_usable_password()]


@login_required
def setup(request, slug):
    organization = _organization(request, slug)
    return _page(
        request,
        organization,
        "",
        "organizations/setup/start.html",
        {
            "division_count": organization.divisions.count(),
            "member_count": organization.memberships.count(),
            "waiting_count": len(_waiting(organization)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup_details(request, slug):
    organization = _organization(request, slug)
    form = OrganizationForm(
        request.POST or None, request.FILES or None, instance=organization
    )
    if request.method == "POST" and form.is_valid():
        services.organization_update(
            organization=form.save(commit=False), by=request.user
        )
        messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
        return redirect("organizations:setup_divisions", slug=organization.slug)
    return _page(
        request,
        organization,
        "details",
        "organizations/setup/details.html",
        {"form": form},
    )


def _division_initial(organization) -> list[dict]:
    have = {d.kind for d in organization.divisions.all()}
    names = {d.name for d in organization.divisions.all()}
    offered = [
        {"add": kind not in have, "name": name, "kind": kind}
        for name, kind in usual_divisions(organization.kind)
        if name not in names  # kept as it is, listed above the form
    ]
    blank = {"add": False, "name": "", "kind": ""}
    return offered + [dict(blank) for _n in range(3)]


@login_required
@require_http_methods(["GET", "POST"])
def setup_divisions(request, slug):
    organization = _organization(request, slug)
    initial = _division_initial(organization)
    formset = SetupDivisionFormSet(
        request.POST or None, initial=initial, organization=organization
    )
    if request.method == "POST" and formset.is_valid():
        try:
            added = services.divisions_add(
                organization=organization, divisions=formset.chosen(), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "เพิ่มส่วนราชการ {n} แห่ง", "เพิ่มส่วนราชการ {n} แห่ง", len(added)
                ).format(n=len(added)),
            )
            return redirect("organizations:setup_members", slug=organization.slug)
    return _page(
        request,
        organization,
        "divisions",
        "organizations/setup/divisions.html",
        {"formset": formset, "existing": organization.divisions.all()},
    )


@login_required
def setup_members_template(request, slug):
    organization = _organization(request, slug)
    response = HttpResponse(
        member_sheet.template_bytes(organization), content_type=XLSX_MIME
    )
    response["Content-Disposition"] = (
        f'attachment; filename="members-{organization.slug}.xlsx"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def setup_members(request, slug):
    organization = _organization(request, slug)
    key = SESSION_ROWS.format(pk=organization.pk)
    context = {"member_count": organization.memberships.count()}
    if request.method == "POST" and "confirm" in request.POST:
        data = request.session.pop(key, None)
        if not data:
            messages.error(request, _("ไม่พบรายชื่อที่ตรวจแล้ว กรุณาอัปโหลดไฟล์อีกครั้ง"))
            return redirect("organizations:setup_members", slug=organization.slug)
        parsed = member_sheet.Parsed(rows=member_sheet.rows_from_data(data))
        member_sheet.check_against(organization, parsed)
        if parsed.ok:
            try:
                added, updated = services.members_import(
                    organization=organization, rows=parsed.rows, by=request.user
                )
            except ValidationError as error:
                for row, problems in getattr(error, "error_dict", {}).items():
                    for problem in problems:
                        parsed.errors.append(
                            member_sheet.RowError(int(row), " ".join(problem.messages))
                        )
            else:
                messages.success(
                    request,
                    _("นำเข้าสมาชิกแล้ว: เพิ่มใหม่ {added} คน ปรับปรุง {updated} คน").format(
                        added=added, updated=updated
                    ),
                )
                return redirect(
                    "organizations:setup_invitations", slug=organization.slug
                )
        form = XlsxUploadForm()
        context.update(parsed=parsed, problems=parsed.all_errors())
    else:
        form = XlsxUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            parsed = member_sheet.parse_workbook(form.cleaned_data["file"])
            if not parsed.errors:
                member_sheet.check_against(organization, parsed)
            if parsed.ok:
                request.session[key] = [row.as_data() for row in parsed.rows]
            else:
                request.session.pop(key, None)
            context.update(parsed=parsed, problems=parsed.all_errors())
    return _page(
        request,
        organization,
        "members",
        "organizations/setup/members.html",
        {"form": form, **context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup_invitations(request, slug):
    organization = _organization(request, slug)
    waiting = _waiting(organization)
    queryset = Membership.objects.filter(pk__in=[m.pk for m in waiting])
    form = InvitationForm(request.POST or None, queryset=queryset)
    if request.method == "POST" and form.is_valid():
        sent = 0
        for membership in form.cleaned_data["members"].select_related(
            "user", "organization"
        ):
            services.invitation_send(
                membership=membership, absolute_url=request.build_absolute_uri
            )
            sent += 1
        messages.success(
            request,
            ngettext(
                "ส่งคำเชิญทางอีเมลแล้ว {n} ฉบับ", "ส่งคำเชิญทางอีเมลแล้ว {n} ฉบับ", sent
            ).format(n=sent),
        )
        return redirect("organizations:setup_invitations", slug=organization.slug)
    others = (
        organization.memberships.select_related("user")
        .exclude(pk__in=queryset)
        .order_by("role", "user__first_name", "user__username")
    )
    return _page(
        request,
        organization,
        "invitations",
        "organizations/setup/invitations.html",
        {"form": form, "waiting": waiting, "others": others},
    )
