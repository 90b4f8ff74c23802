import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.selectors import entries_for
from ita_portal.forms import apply_service_errors
from ita_portal.uploads import validate_upload
from measures.models import Plan, ReportingRound
from measures.selectors import incomplete_measures
from organizations.middleware import current_organization
from organizations.permissions import can, get_for_user, require
from twofactor.session import second_factor_step, verified_recently

from . import jobs, verification
from . import services as memos
from .forms import (
    ChainForm,
    DecisionForm,
    MemoForm,
    SectionFormSet,
    VerifyForm,
    sections_from,
    sections_initial,
)
from .models import ApprovedDocument, Memo, MemoDecision
from .signing import check_pdf

_HEX = re.compile("[0-9a-f]{64}")
MEMOS_PER_PAGE = 20
DECIDED_IN_INBOX = 20
PDF = {"application/pdf": "PDF"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _memo(request, pk, action="view") -> Memo:
    return get_for_user(
        request.user,
        Memo.objects.select_related("organization", "plan", "author"),
        action,
        pk=pk,
    )


@login_required
def memo_list(request):
    organization = require(request.user, "view", current_organization(request))
    memos_ = organization.memos.select_related("plan", "current_approver")
    page = Paginator(memos_, MEMOS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/memo_list.html",
        {
            "organization": organization,
            "page": page,
            "can_chain": can(request.user, "reports.change_approvalstep", organization),
            "can_sign": can(request.user, "reports.manage_signingkey", organization),
            "chain": organization.approval_steps.select_related("membership__user"),
        },
    )


@login_required
def memo_inbox(request):
    """What waits for the user's decision, in every organisation."""
    waiting = (
        Memo.objects.awaiting(request.user)
        .select_related("organization", "plan", "round__plan", "current_approver")
        .order_by("sent_at", "pk")
    )
    mine = MemoDecision.objects.filter(user=request.user)
    decided = list(
        Memo.objects.filter(decisions__user=request.user)
        .annotate(my_last_decision=Max("decisions__decided_at"))
        .select_related("organization", "plan", "round__plan", "current_approver")
        .prefetch_related(
            Prefetch("decisions", queryset=mine.order_by("-decided_at"), to_attr="mine")
        )
        .order_by("-my_last_decision", "-pk")[:DECIDED_IN_INBOX]
    )
    return render(
        request, "reports/memo_inbox.html", {"waiting": waiting, "decided": decided}
    )


@login_required
@require_POST
def memo_from_plan(request, plan_pk):
    plan = get_for_user(request.user, Plan.objects.all(), "view", pk=plan_pk)
    require(request.user, "reports.add_memo", plan.organization)
    try:
        memo = memos.memo_draft_for_plan(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    if memo.is_editable:
        return redirect("reports:memo_edit", pk=memo.pk)
    return redirect(memo)


@login_required
@require_POST
def memo_from_round(request, round_pk):
    round_ = get_for_user(
        request.user, ReportingRound.objects.select_related("plan"), pk=round_pk
    )
    require(request.user, "reports.add_memo", round_.plan.organization)
    try:
        memo = memos.memo_draft_for_round(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(round_)
    if memo.is_editable:
        return redirect("reports:memo_edit", pk=memo.pk)
    return redirect(memo)


@login_required
def memo_detail(request, pk):
    memo = _memo(request, pk)
    form = None
    if memo.step_of(request.user) is not None:
        form = DecisionForm(final=memo.is_final_step(memo.current_step))
    return _detail(request, memo, form)


def _detail(request, memo, decision_form, status=200):
    return render(
        request,
        "reports/memo_detail.html",
        {
            "memo": memo,
            "decisions": memo.decisions.all(),
            "documents": memo.documents.all(),
            "audit_entries": entries_for(memo).select_related("actor"),
            "decision_form": decision_form,
            "can_change": can(request.user, "change", memo),
            "can_withdraw": can(request.user, "withdraw", memo),
            "thai_digits": memo.organization.thai_digits,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def memo_edit(request, pk):
    memo = _memo(request, pk, "change")
    form = MemoForm(request.POST or None, instance=memo)
    sections = SectionFormSet(
        request.POST or None, initial=sections_initial(memo), prefix="section"
    )
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        form.instance.sections = sections_from(sections)
        try:
            memos.memo_save(memo=form.instance, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect(memo)
    return render(
        request,
        "reports/memo_form.html",
        {"form": form, "sections": sections, "memo": memo},
    )


@login_required
@require_http_methods(["GET", "POST"])
def memo_send(request, pk):
    memo = _memo(request, pk, "change")
    chain = memo.organization.approval_steps.select_related("membership__user")
    if request.method == "POST":
        # The signer's second factor first; the send is kept meanwhile.
        if (step := second_factor_step(request)) is not None:
            return step
        try:
            memos.memo_send(
                memo=memo, by=request.user, second_factor=verified_recently(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("ส่งบันทึกเสนอแล้ว"))
        return redirect(memo)
    names = " → ".join(
        f"{s.membership.user.get_full_name()} ({s.membership.position})" for s in chain
    )
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ส่งบันทึกเสนอพิจารณา"),
            "question": _(
                "ส่ง “{subject}” ให้ {names} พิจารณาตามลำดับใช่หรือไม่ "
                "ระหว่างรอพิจารณาแก้ไขบันทึกและแผนไม่ได้"
            ).format(subject=memo.subject, names=names or "—"),
            "button": _("ส่งเสนอ"),
            "button_class": "btn-primary",
            "cancel_href": memo.get_absolute_url(),
            "warnings": _incomplete_warnings(memo),
        },
    )


def _incomplete_warnings(memo) -> list[str]:
    """Before a plan's memo is sent: the measures the plan page flags."""
    if memo.plan_id is None:
        return []
    return [
        _("มาตรการที่ {n} ยังไม่มี {fields}").format(
            n=item.measure.order, fields=", ".join(str(f) for f in item.missing)
        )
        for item in incomplete_measures(memo.plan)
    ]


@login_required
@require_POST
def memo_decide(request, pk):
    memo = _memo(request, pk, "decide")
    form = DecisionForm(request.POST, final=memo.is_final_step(memo.current_step))
    if form.is_valid():
        # A decision is a signature: a fresh second factor first, the
        # decision and its comment kept in the session meanwhile.
        if (step := second_factor_step(request)) is not None:
            return step
        try:
            decision = memos.memo_decide(
                memo=memo,
                by=request.user,
                approve=form.cleaned_data["approve"],
                comment=form.cleaned_data["comment"],
                second_factor=verified_recently(request),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("บันทึกการพิจารณาแล้ว: {label}").format(label=decision.label)
            )
            return redirect("reports:memo_inbox")
    memo.refresh_from_db()
    return _detail(request, memo, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def memo_pdf(request, pk):
    """The memo as it will be printed; once approved, the frozen PDF."""
    memo = _memo(request, pk)
    stored = memo.documents.filter(kind=ApprovedDocument.Kind.MEMO).first()
    if stored is not None:
        return _download(stored)
    return _rendered(request, "memo", memo, f"memo-{memo.pk}.pdf", memo.subject)


def _rendered(request, kind: str, obj, filename: str, title: str, attachment=False):
    """A document rendered in the background (reports/jobs.py): the file when
    it is ready, else the page that shows its progress. That page polls
    ``?job=<digest>`` (htmx) until the file is there and then offers it at
    that address; a failed render offers to ask again (POST)."""
    if request.method == "POST":
        failed = request.POST.get("job", "")
        if _HEX.fullmatch(failed):
            jobs.retry(kind, obj.pk, failed)
        return redirect(request.path)
    digest = request.GET.get("job", "")
    if _HEX.fullmatch(digest):
        job = jobs.status(kind, obj.pk, digest)
        if job.state == jobs.CHANGED:
            job = jobs.request(kind, obj)
    else:
        job = jobs.request(kind, obj)
    if job.ready and not request.htmx:
        response = HttpResponse(job.read(), content_type=jobs.KINDS[kind].content_type)
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        return response
    context = {
        "job": job,
        "title": title,
        "filename": filename,
        "job_url": f"{request.path}?job={job.digest}",
    }
    template = "reports/document_job.html" + ("#job" if request.htmx else "")
    return render(request, template, context, status=200 if job.ready else 202)


def _download(document: ApprovedDocument):
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{document.kind}-{document.memo_id}.pdf",
    )


@login_required
def document_download(request, pk):
    document = get_for_user(
        request.user,
        ApprovedDocument.objects.select_related("memo__organization"),
        pk=pk,
    )
    return _download(document)


# --- a plan's documents ---------------------------------------------------------


def _plan(request, plan_pk) -> Plan:
    """The plan if the user may view it: 404 outside their organisations."""
    return get_for_user(
        request.user,
        Plan.objects.select_related(
            "organization", "source_assessment__framework", "created_by"
        ),
        "view",
        pk=plan_pk,
    )


def _approved(plan: Plan, kind: str) -> ApprovedDocument | None:
    """The PDF frozen when the plan's memo was approved, if it was."""
    return (
        ApprovedDocument.objects.filter(
            memo__plan=plan, memo__status=Memo.Status.APPROVED, kind=kind
        )
        .select_related("memo")
        .order_by("-pk")
        .first()
    )


def _plan_document(request, plan_pk, kind: str):
    plan = _plan(request, plan_pk)
    stored = _approved(plan, kind)
    if stored is not None:
        return _download(stored)
    name = f"{kind}-{plan.organization.slug}-{plan.fiscal_year}-{plan.revision}.pdf"
    title = ApprovedDocument.Kind(kind).label
    return _rendered(request, str(kind), plan, name, title)


@login_required
@require_http_methods(["GET", "POST"])
def plan_analysis_pdf(request, plan_pk):
    """The analysis report of the plan's assessment; once approved, the
    frozen PDF."""
    return _plan_document(request, plan_pk, ApprovedDocument.Kind.ANALYSIS)


@login_required
@require_http_methods(["GET", "POST"])
def plan_pdf(request, plan_pk):
    """The O42 plan in its layout; once approved, the frozen PDF."""
    return _plan_document(request, plan_pk, ApprovedDocument.Kind.PLAN)


@login_required
@require_http_methods(["GET", "POST"])
def plan_xlsx(request, plan_pk):
    plan = _plan(request, plan_pk)
    name = f"plan-{plan.organization.slug}-{plan.fiscal_year}-{plan.revision}.xlsx"
    title = _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส (Excel)")
    return _rendered(request, "plan-xlsx", plan, name, title, attachment=True)


def _round(request, round_pk) -> ReportingRound:
    """A round with its snapshot, if the user may view it: 404 outside their
    organisations, and 404 while the round is open (nothing is frozen yet)."""
    round_ = get_for_user(
        request.user,
        ReportingRound.objects.select_related(
            "plan__organization", "plan__source_assessment__framework"
        ),
        "view",
        pk=round_pk,
    )
    if not round_.has_snapshot:
        raise Http404
    return round_


def _round_name(round_: ReportingRound, extension: str) -> str:
    plan = round_.plan
    return (
        f"progress-{plan.organization.slug}-{plan.fiscal_year}-{round_.period}"
        f".{extension}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_pdf(request, round_pk):
    """The round's progress report (O43); once approved, the frozen PDF."""
    round_ = _round(request, round_pk)
    stored = (
        ApprovedDocument.objects.filter(
            memo__round=round_,
            memo__status=Memo.Status.APPROVED,
            kind=ApprovedDocument.Kind.PROGRESS,
        )
        .select_related("memo")
        .order_by("-pk")
        .first()
    )
    if stored is not None:
        return _download(stored)
    title = ApprovedDocument.Kind.PROGRESS.label
    return _rendered(request, "progress", round_, _round_name(round_, "pdf"), title)


@login_required
@require_http_methods(["GET", "POST"])
def progress_xlsx(request, round_pk):
    round_ = _round(request, round_pk)
    name, title = _round_name(round_, "xlsx"), _("รายงานผลการดำเนินการ (Excel)")
    return _rendered(request, "progress-xlsx", round_, name, title, attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Is this PDF the approved one? Compared by SHA-256 with the approved
    documents of the user's organisations."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    match = checked = signature = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            validate_upload(upload, allowed=PDF, max_bytes=settings.UPLOAD_MAX_BYTES)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            checked, content = verification.sha256_of(upload)
            match = (
                ApprovedDocument.objects.filter(
                    sha256=checked,
                    memo__organization__memberships__user=request.user,
                )
                .select_related("memo__organization", "signing_key__authority")
                .first()
            )
            if match is not None:
                signature = check_pdf(content, trust=verification.trust_for(match))
    return render(
        request,
        "reports/verify.html",
        {"form": form, "match": match, "checked": checked, "signature": signature},
    )


@login_required
@require_http_methods(["GET", "POST"])
def chain_edit(request):
    organization = current_organization(request)
    require(request.user, "reports.change_approvalstep", organization)
    form = ChainForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                memos.approval_chain_set(
                    organization=organization,
                    memberships=form.memberships(),
                    by=request.user,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกลำดับการเสนอแล้ว"))
            return redirect("reports:memo_list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("ลำดับการเสนอบันทึกข้อความ"),
            "intro": _(
                "เลือกผู้บริหารตามลำดับการเสนอ ผู้พิจารณาลำดับสุดท้ายเป็นผู้อนุมัติ "
                "ผู้พิจารณาก่อนหน้าให้ความเห็น (เห็นควรอนุมัติ/ไม่เห็นควรอนุมัติ)"
            ),
        },
    )
