"""Pages of the progress (O43) part: my measures, a measure's updates, a
plan's progress, reporting rounds and evidence files.

Thin views (STYLE.md, 1): fetch through an access helper, validate a form,
call one function of `measures.services`, then redirect or re-render.
"""

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ita_portal.forms import apply_service_errors
from ita_portal.redirects import safe_next
from ita_portal.thai import format_thai_date
from organizations.middleware import current_organization
from organizations.models import Membership
from organizations.permissions import can, get_for_user, require

from .. import charts, publication, rules, selectors, services
from ..forms import ProgressUpdateForm, RoundOpenForm
from ..models import (
    Evidence,
    Measure,
    Plan,
    ProgressStatus,
    ProgressUpdate,
    ReportingRound,
)
from ..models.progress import STATUS_BADGES

WORKLIST_PER_PAGE = 25
OLDER_SHOWN = 25
MEASURES_PER_PAGE = 25
HISTORY_PER_PAGE = 10
ENTRIES_PER_PAGE = 50

FILES_NOT_KEPT = gettext_lazy(
    "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก เบราว์เซอร์ไม่เก็บไฟล์ไว้ให้ โปรดเลือกไฟล์อีกครั้งก่อนกดบันทึก"
)


@login_required
def my_measures(request):
    """งานของฉัน: the measures a division head reports on, overdue first."""
    organization = require(request.user, "view", current_organization(request))
    membership = request.membership
    worklist = selectors.worklist_for(membership, _year(request.GET.get("year")))
    page = Paginator(worklist.rows, WORKLIST_PER_PAGE).get_page(request.GET.get("page"))
    is_head = membership.role == Membership.Role.DIVISION_HEAD
    return render(
        request,
        "measures/my_measures.html",
        {
            "organization": organization,
            "worklist": worklist,
            "page": page,
            "older": worklist.older[:OLDER_SHOWN],
            "is_head": is_head,
            "divisions": list(membership.divisions.all()) if is_head else [],
            "overdue_count": worklist.overdue_count,
            "due_soon_count": worklist.due_soon_count,
            "total": len(worklist.rows),
        },
    )


def _year(value: str | None) -> int | None:
    """A fiscal year from the query string, or None for the default."""
    if value and len(value) == 4 and value.isascii() and value.isdigit():
        return int(value)
    return None


def _measure(request, plan_pk, pk) -> Measure:
    return get_for_user(
        request.user,
        Measure.objects.select_related("plan__organization", "lead_division").filter(
            plan_id=plan_pk
        ),
        "view",
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_progress(request, plan_pk, pk):
    """A measure's current status, the form to report on it, and its history."""
    measure = _measure(request, plan_pk, pk)
    latest = rules.latest_update(measure)
    stale = None
    files_lost = False
    back = safe_next(request, reverse("measures:plan_progress", args=[plan_pk]))
    if request.method == "POST":
        require(request.user, "report", measure)
        form = ProgressUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.progress_update_create(
                    measure=measure,
                    by=request.user,
                    status=data["status"],
                    reported_on=data["reported_on"],
                    result=data["result"],
                    links=data["links"],
                    files=data["files"],
                    seen_latest_id=data["seen"],
                )
            except rules.StaleProgressUpdate as error:
                stale = latest = error.latest
                form.add_error(None, error.messages)
                # Saving again now is a deliberate choice, made after reading.
                form.data = form.data.copy()
                form.data["seen"] = str(latest.pk)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "บันทึกความก้าวหน้าของ “{title}” แล้ว ผลนี้จะแสดงบนหน้าเว็บสาธารณะ"
                        "เมื่อรอบรายงานได้รับอนุมัติจากผู้บริหารและเผยแพร่แล้ว"
                    ).format(title=measure.title),
                )
                return redirect(back)
        files_lost = bool(request.FILES)
    else:
        form = ProgressUpdateForm(
            initial={
                "status": latest.status if latest else None,
                "reported_on": timezone.localdate(),
                "seen": latest.pk if latest else None,
            }
        )
    history = (
        ProgressUpdate.objects.for_measure(measure)
        .select_related("created_by", "measure__plan")
        .prefetch_related("evidence")
    )
    page = Paginator(history, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    start, end = measure.timeframe_bounds()
    status = latest.status if latest else None
    return render(
        request,
        "measures/measure_progress.html",
        {
            "measure": measure,
            "plan": measure.plan,
            "divisions": list(measure.divisions.all()),
            "latest": latest,
            "status_label": ProgressStatus(status or ProgressStatus.NOT_STARTED).label,
            "status_badge": STATUS_BADGES[status or ProgressStatus.NOT_STARTED],
            "overdue": rules.is_overdue(measure, status),
            "end": end,
            "form": form,
            "can_report": can(request.user, "report", measure),
            "stale": stale,
            "files_lost": files_lost,
            "files_not_kept": FILES_NOT_KEPT,
            "page": page,
            "next": back,
            "publication": publication.plan_publication(measure.plan),
        },
    )


def _plan(request, pk) -> Plan:
    return get_for_user(
        request.user,
        Plan.objects.select_related("organization", "source_assessment"),
        "view",
        pk=pk,
    )


@login_required
def plan_progress(request, pk):
    """A plan's progress: counts by status, division and indicator, the
    overdue measures, a chart, every measure, and the reporting rounds."""
    plan = _plan(request, pk)
    summary = selectors.plan_progress(plan)
    # Pages use Arabic digits; an organisation's Thai digits are for documents.
    chart = charts.status_bars(
        [
            (tally.label, tally.counts, tally.overdue)
            for tally in [summary.overall, *summary.by_division]
        ],
        title=_("ความก้าวหน้าตามส่วนราชการ"),
    )
    page = Paginator(summary.rows, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    rounds = list(plan.rounds.all())
    taken = {r.period for r in rounds}
    round_form = RoundOpenForm()
    round_form.fields["period"].choices = [
        choice for choice in ReportingRound.Period.choices if choice[0] not in taken
    ]
    return render(
        request,
        "measures/plan_progress.html",
        {
            "plan": plan,
            "summary": summary,
            "chart": chart,
            "page": page,
            "rounds": rounds,
            "round_form": round_form,
            "can_open_round": can(request.user, "measures.add_reportinground", plan)
            and bool(round_form.fields["period"].choices),
            "statuses": list(ProgressStatus),
            "badges": STATUS_BADGES,
            "publication": publication.plan_publication(plan),
        },
    )


@login_required
@require_POST
def round_add(request, pk):
    plan = _plan(request, pk)
    require(request.user, "measures.add_reportinground", plan)
    form = RoundOpenForm(request.POST)
    if form.is_valid():
        try:
            round_ = services.round_open(
                plan=plan, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("เปิดรอบรายงาน {label} แล้ว").format(label=round_.label())
            )
            return redirect(round_)
    else:
        messages.error(request, _("กรุณาเลือกรอบรายงาน"))
    return redirect("measures:plan_progress", pk=plan.pk)


@dataclass
class ReportLine:
    """A measure's line in a round's report, as seed 004 lays it out."""

    measure: Measure
    status: str
    result: str
    reported_on: object
    links: list
    evidence: list

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label


def _round(request, plan_pk, pk, action="view") -> ReportingRound:
    return get_for_user(
        request.user,
        ReportingRound.objects.select_related("plan__organization").filter(
            plan_id=plan_pk
        ),
        action,
        pk=pk,
    )


@login_required
def round_detail(request, plan_pk, pk):
    """A round's report: the frozen snapshot once closed, the measures as
    they stand now while it is open."""
    round_ = _round(request, plan_pk, pk)
    if round_.has_snapshot:
        lines = [
            ReportLine(
                measure=entry.measure,
                status=entry.status,
                result=entry.result,
                reported_on=entry.reported_on,
                links=entry.links,
                evidence=list(entry.update.evidence.all()) if entry.update else [],
            )
            for entry in round_.entries.select_related(
                "measure__plan", "update"
            ).prefetch_related("measure__divisions", "update__evidence")
        ]
    else:
        lines = [
            ReportLine(
                measure=row.measure,
                status=row.status,
                result=row.update.result if row.update else "",
                reported_on=row.update.reported_on if row.update else None,
                links=row.update.links if row.update else [],
                evidence=list(row.update.evidence.all()) if row.update else [],
            )
            for row in selectors.progress_rows(
                round_.plan.measures.order_by("order", "pk"), with_evidence=True
            )
        ]
    counts = Counter(line.status for line in lines)
    total = len(lines)
    page = Paginator(lines, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/round_detail.html",
        {
            "round": round_,
            "plan": round_.plan,
            "page": page,
            "counts": [
                (
                    s.label,
                    STATUS_BADGES[s],
                    counts[s.value],
                    100 * counts[s.value] / total if total else 0,
                )
                for s in ProgressStatus
            ],
            "total": total,
            "can_close": can(request.user, "close", round_),
            "can_publish": can(request.user, "publish", round_),
            "can_memo": round_.status == ReportingRound.Status.CLOSED
            and can(request.user, "reports.add_memo", round_.plan.organization),
            "open_memo": round_.memos.order_by("-pk").first(),
            "history": round_.history.select_related("history_user")[:20],
            "publication": publication.plan_publication(round_.plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request, plan_pk, pk):
    round_ = _round(request, plan_pk, pk, "close")
    if request.method == "POST":
        try:
            services.round_close(round_=round_, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("ปิดรอบรายงานแล้ว สถานะและผลการดำเนินการ ณ วันที่ {date} ถูกบันทึกไว้").format(
                    date=format_thai_date(round_.ends_on)
                ),
            )
        return redirect(round_)
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ปิดรอบรายงาน"),
            "question": _(
                "ปิด{label} ใช่หรือไม่ ระบบจะบันทึกสถานะและผลการดำเนินการของทุกมาตรการ "
                "ณ วันที่ {date} ไว้เป็นรายงานของรอบนี้ รายงานที่เพิ่มภายหลังจะไม่เปลี่ยนรายงานนี้"
            ).format(label=round_.label(), date=format_thai_date(round_.ends_on)),
            "button": _("ปิดรอบรายงาน"),
            "cancel_href": round_.get_absolute_url(),
        },
    )


@login_required
@require_POST
def round_publish(request, plan_pk, pk):
    round_ = _round(request, plan_pk, pk, "publish")
    try:
        services.round_publish(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("เผยแพร่รายงานความก้าวหน้าแล้ว"))
    return redirect(round_)


def evidence_file(request, pk):
    """An evidence file: for the organisation's members, and for anyone once
    a published round reports it. Never from a public media URL."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("update__measure__plan__organization"), pk=pk
    )
    if not can(request.user, "view", evidence):
        if not rules.evidence_is_public(evidence):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=not evidence.is_inline,
        filename=evidence.original_name,
    )
    response["Cache-Control"] = "private, max-age=0"
    return response
