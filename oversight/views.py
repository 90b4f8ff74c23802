"""The overseer's pages: thin, read-only but for the overseer's own
deadline, reminders and the grants a province's overseer gives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from ita_portal.forms import apply_service_errors
from ita_portal.xlsx import XLSX_MIME
from organizations.models import Organization
from organizations.permissions import can, require

from . import charts, exports, selectors, services
from .forms import DeadlineForm, GrantForm, ReminderForm
from .models import Grant
from .permissions import organizations_in_scope, province_grants

ROWS_PER_PAGE = 50


def _require_overseer(request):
    if not can(request.user, "oversight.view_overview", None):
        raise PermissionDenied


def _year(request) -> int:
    value = request.GET.get("fiscal_year") or request.POST.get("fiscal_year")
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = None
    if year is None or not 2500 <= year <= 2700:
        return selectors.default_fiscal_year(request.user)
    return year


def _rows(request, fiscal_year):
    """Every row of the scope, the filter form, and the rows it keeps."""
    return exports.rows_for(request.user, fiscal_year, request.GET)


@login_required
@require_safe
def overview(request):
    _require_overseer(request)
    fiscal_year = _year(request)
    today = timezone.localdate()
    rows, form, shown = _rows(request, fiscal_year)
    deadline = selectors.deadline_for(request.user, fiscal_year)
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort = form.filters()["sort"]
    descending = form.filters()["descending"]
    return render(
        request,
        "oversight/overview.html",
        {
            "fiscal_year": fiscal_year,
            "years": range(selectors.current_fiscal_year() + 1, 2562, -1),
            "form": form,
            "page": page,
            "shown": len(shown),
            "counts": selectors.counts(rows),
            "deadline": deadline,
            "deadline_form": DeadlineForm(initial={"due_on": deadline}),
            "grades_chart": charts.grades_chart(rows, fiscal_year=fiscal_year),
            "published_chart": charts.published_chart(
                rows, fiscal_year=fiscal_year, deadline=deadline, today=today
            ),
            "sort": sort,
            "descending": descending,
            "columns": [
                ("name", _("หน่วยงาน")),
                ("kind", _("ประเภท")),
                ("district", _("อำเภอ")),
                ("score", _("คะแนน ITA")),
                ("change", _("เปลี่ยนแปลง")),
                ("plan", _("แผน (O42)")),
                ("rounds", _("รายงานผล (O43)")),
                ("measures", _("มาตรการ")),
                ("overdue", _("เกินกำหนด")),
            ],
            "export_query": query.urlencode(),
            "late_rows": [r for r in rows if r.late],
            "can_grant": bool(province_grants(request.user)),
        },
    )


@login_required
@require_POST
def export(request):
    """Queue the export of the overview as filtered (the filters in the
    query string, as the page has them; oversight/exports.py) and go to its
    page."""
    _require_overseer(request)
    query = request.GET.copy()
    query.pop("page", None)
    export = exports.export_start(
        user=request.user,
        fiscal_year=_year(request),
        query=query.urlencode(),
        base_url=request.build_absolute_uri("/")[:-1],
    )
    return redirect("oversight:export_job", export_id=export.id)


@login_required
@require_safe
def export_job(request, export_id):
    """The export's progress (polled by htmx), then its file: the workbook
    itself when it is ready and the browser asks for the page."""
    _require_overseer(request)
    export = exports.export_of(export_id, request.user)
    if export is None:
        raise Http404
    if export.ready and not request.htmx:
        response = HttpResponse(export.read(), content_type=XLSX_MIME)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
    context = {
        "title": _("ส่งออกภาพรวมเป็น Excel ปีงบประมาณ {year}").format(
            year=export.fiscal_year
        ),
        "job": export,
        "job_url": request.path,
        "filename": export.filename,
        "back_url": reverse("oversight:overview")
        + f"?fiscal_year={export.fiscal_year}",
    }
    template = "reports/document_job.html"
    return render(request, template + "#job" if request.htmx else template, context)


def _back(fiscal_year, **extra):
    query = f"?fiscal_year={fiscal_year}"
    for key, value in extra.items():
        query += f"&{key}={value}"
    return redirect(reverse("oversight:overview") + query)


@login_required
@require_http_methods(["GET", "POST"])
def deadline(request):
    """The overseer's own deadline for the year's plans to be published."""
    _require_overseer(request)
    fiscal_year = _year(request)
    form = DeadlineForm(
        request.POST if request.method == "POST" else None,
        initial={"due_on": selectors.deadline_for(request.user, fiscal_year)},
    )
    if request.method == "POST" and form.is_valid():
        services.deadline_set(
            user=request.user,
            fiscal_year=fiscal_year,
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        )
        messages.success(request, _("บันทึกกำหนดเผยแพร่แผนแล้ว"))
        return _back(fiscal_year)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("กำหนดเผยแพร่แผนปีงบประมาณ {year}").format(year=fiscal_year),
            "cancel_href": reverse("oversight:overview"),
        },
    )


@login_required
@require_POST
def remind(request):
    """Send the picked late offices a reminder."""
    _require_overseer(request)
    fiscal_year = _year(request)
    late = [r for r in selectors.overview(request.user, fiscal_year) if r.late]
    form = ReminderForm(request.POST, late_rows=late)
    if not form.is_valid():
        for error in form.errors.get("organizations", []):
            messages.error(request, error)
        return _back(fiscal_year, late=1)
    organizations = list(
        organizations_in_scope(request.user).filter(
            pk__in=form.cleaned_data["organizations"]
        )
    )
    for organization in organizations:
        require(request.user, "oversight.remind_organization", organization)
    sent = services.reminders_send_late(
        organizations=organizations, fiscal_year=fiscal_year, by=request.user
    )
    messages.success(
        request,
        _("ส่งการแจ้งเตือนถึง {n} หน่วยงานแล้ว").format(n=len(sent)),
    )
    return _back(fiscal_year, late=1)


@login_required
@require_http_methods(["GET", "POST"])
def grants(request):
    """A province's overseer gives users the standing of its districts'."""
    if not can(request.user, "oversight.view_grant", None):
        raise PermissionDenied
    provinces = sorted({g.province for g in province_grants(request.user)})
    districts = sorted(
        set(
            Organization.objects.filter(province__in=provinces)
            .exclude(district="")
            .values_list("district", flat=True)
        )
    )
    form = GrantForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        district = form.cleaned_data["district"]
        province = (
            Organization.objects.filter(province__in=provinces, district=district)
            .values_list("province", flat=True)
            .first()
        )
        grant = Grant(scope=Grant.Scope.DISTRICT, province=province, district=district)
        require(request.user, "oversight.add_grant", grant)
        try:
            services.grant_create(
                user=form.cleaned_data["username"],
                scope=Grant.Scope.DISTRICT,
                province=province,
                district=district,
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("มอบสิทธิ์ผู้กำกับดูแลระดับอำเภอแล้ว"))
            return redirect("oversight:grants")
    given = (
        Grant.objects.filter(scope=Grant.Scope.DISTRICT, province__in=provinces)
        .select_related("user", "granted_by")
        .order_by("district", "user__username")
    )
    return render(request, "oversight/grants.html", {"form": form, "grants": given})


@login_required
@require_POST
def grant_delete(request, pk):
    grant = get_object_or_404(Grant, pk=pk)
    if not can(request.user, "oversight.delete_grant", grant):
        raise Http404
    services.grant_revoke(grant=grant, by=request.user)
    messages.success(request, _("ยกเลิกสิทธิ์แล้ว"))
    return redirect("oversight:grants")
