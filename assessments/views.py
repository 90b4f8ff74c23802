from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ita_portal.forms import apply_service_errors
from organizations.middleware import current_organization
from organizations.permissions import can, get_for_user, require

from . import charts, imports, services, spreadsheets
from .analysis import analyse
from .forms import NewAssessmentForm, ScoreEntryForm, WhatIfForm
from .models import Assessment, FrameworkYear
from .scoring import what_if

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Lazy: a module constant is made once, in the language of no request.
LEVEL_TITLES = {
    "indicators": gettext_lazy("กรอกคะแนนรายตัวชี้วัด"),
    "questions": gettext_lazy("กรอกคะแนนรายข้อคำถาม IIT และ EIT"),
    "oit": gettext_lazy("กรอกผลรายข้อ OIT"),
}


def _assessment(request, pk, action="view") -> Assessment:
    """404 outside the user's organisations, 403 for a role that may only read."""
    return get_for_user(
        request.user,
        Assessment.objects.select_related("framework", "organization"),
        action,
        pk=pk,
    )


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def assessment_list(request):
    """The organisation's dashboard: every year's result, and the charts."""
    organization = require(request.user, "view", current_organization(request))
    assessments = list(
        organization.assessments.select_related("framework").order_by(
            "framework__fiscal_year"
        )
    )
    evaluations = [services.evaluate(a) for a in assessments]
    latest = evaluations[-1] if evaluations else None
    context = {
        "organization": organization,
        "evaluations": list(reversed(evaluations)),
        "can_add": can(request.user, "assessments.add_assessment", organization),
    }
    if latest:
        context["latest"] = latest
        context["bars"] = charts.indicator_bars(
            [
                {
                    "label": f"{spec.number}. {spec.display_name}",
                    "score": latest.result.indicator_value(spec.number),
                    "group": spec.instrument,
                }
                for spec in latest.framework.indicators
            ],
            pass_mark=latest.framework.pass_mark,
            title=_("คะแนนรายตัวชี้วัด ปีงบประมาณ {}").format(latest.framework.fiscal_year),
        )
        context["trend"] = charts.score_trend(
            [
                (
                    _("คะแนนรวม"),
                    [(e.framework.fiscal_year, e.result.overall) for e in evaluations],
                )
            ]
            + [
                (
                    instrument.code,
                    [
                        (
                            e.framework.fiscal_year,
                            _rounded(e.result.instruments.get(instrument.code)),
                        )
                        for e in evaluations
                    ],
                )
                for instrument in latest.framework.instruments
            ],
            pass_mark=latest.framework.pass_mark,
            title=_("แนวโน้มคะแนนรายปี"),
        )
    return render(request, "assessments/list.html", context)


def _rounded(instrument_score):
    if instrument_score is None or instrument_score.score is None:
        return None
    return round(instrument_score.score, 2)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request):
    organization = current_organization(request)
    require(request.user, "assessments.add_assessment", organization)
    form = NewAssessmentForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                organization=organization,
                fiscal_year=form.cleaned_data["fiscal_year"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("สร้างผลการประเมินแล้ว กรอกคะแนนได้เลย"))
            return redirect("assessments:edit", pk=assessment.pk, level="indicators")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("เพิ่มผลการประเมิน ITA")},
    )


@login_required
def assessment_detail(request, pk):
    assessment = _assessment(request, pk)
    evaluation = services.evaluate(assessment)
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "evaluation": evaluation,
            "result": evaluation.result,
            "can_change": can(request.user, "change", assessment),
            "doubts": assessment.framework.doubts if request.user.is_superuser else [],
            **_next_plan(request, assessment, evaluation),
        },
    )


def _next_plan(request, assessment, evaluation) -> dict:
    """The plan made from the assessment (or the next year's current plan,
    whatever it was made from), and whether the user may make one."""
    plan_year = assessment.framework.fiscal_year + 1
    plans = assessment.organization.plans.filter(is_current=True)
    plan = (
        plans.filter(source_assessment=assessment).order_by("-fiscal_year").first()
        or plans.filter(fiscal_year=plan_year).first()
    )
    return {
        "plan": plan if plan and can(request.user, "view", plan) else None,
        "plan_year": plan_year,
        "can_add_plan": plan is None
        and evaluation.result.overall is not None
        and can(request.user, "measures.add_plan", assessment.organization),
    }


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, pk, level):
    if level not in ScoreEntryForm.LEVELS:
        raise Http404
    assessment = _assessment(request, pk, "change")
    evaluation = services.evaluate(assessment)
    form = ScoreEntryForm(
        request.POST or None,
        framework=evaluation.framework,
        level=level,
        grades=[grade for grade, _min in evaluation.framework.grade_bands],
        initial=ScoreEntryForm.initial_for(evaluation.entered),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
                current = ScoreEntryForm.initial_for(services.entered_scores(locked))
                services.assessment_set_scores(
                    assessment=locked,
                    by=request.user,
                    **form.merged_changes(current),
                )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกคะแนนแล้ว"))
            return redirect(assessment)
    if form.errors:  # the form's own checks, or the service's (a conflict)
        messages.error(request, _("ยังไม่ได้บันทึก โปรดแก้ไขช่องที่มีข้อผิดพลาด"))
    return render(
        request,
        "assessments/edit.html",
        {"assessment": assessment, "form": form, "title": LEVEL_TITLES[level]},
    )


@login_required
def assessment_analysis(request, pk):
    assessment = _assessment(request, pk)
    # The analysis report (PDF) is the plan's: its per-instrument text is what
    # the plan made from this assessment says.
    analysis = analyse(assessment)
    return render(
        request,
        "assessments/analysis.html",
        {
            "assessment": assessment,
            "analysis": analysis,
            **_next_plan(request, assessment, analysis.evaluation),
        },
    )


@login_required
def assessment_what_if(request, pk):
    """Target scores in, the new overall score and grade out, at once (htmx
    swaps in the result as the user types)."""
    assessment = _assessment(request, pk)
    evaluation = services.evaluate(assessment)
    current = {n: s.rounded for n, s in evaluation.result.indicators.items()}
    form = WhatIfForm(
        request.GET or None, framework=evaluation.framework, current=current
    )
    outcome = None
    if form.is_bound and form.is_valid() and form.targets():
        outcome = what_if(evaluation.framework, evaluation.entered, form.targets())
    context = {
        "assessment": assessment,
        "form": form,
        "result": evaluation.result,
        "outcome": outcome,
    }
    if request.htmx:
        return render(request, "assessments/what_if.html#outcome", context)
    return render(request, "assessments/what_if.html", context)


@login_required
def assessment_template(request, fiscal_year):
    """The empty score sheet of a year, to fill in and upload."""
    if not request.organization:
        raise Http404
    framework = get_object_or_404(FrameworkYear, fiscal_year=fiscal_year)
    return _xlsx_response(
        spreadsheets.template_bytes(framework),
        f"ITA-{fiscal_year}-template.xlsx",
    )


@login_required
def assessment_export(request, pk):
    assessment = _assessment(request, pk)
    return _xlsx_response(
        spreadsheets.export_bytes(assessment),
        f"ITA-{assessment.framework.fiscal_year}-{assessment.organization.slug}.xlsx",
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_import(request, pk):
    """Upload a score file: checked here, imported by a task
    (assessments/imports.py). Without a broker the import has run when the
    upload returns; else the page polls ``?job=<id>`` (htmx) until the
    outcome: the assessment with its message, or the rows to fix."""
    assessment = _assessment(request, pk, "change")
    form = spreadsheets.ImportForm(request.POST or None, request.FILES or None)
    job = None
    if request.method == "POST" and form.is_valid():
        job = imports.score_import_start(
            assessment=assessment, upload=form.cleaned_data["file"], by=request.user
        )
        if job.pending:
            return redirect(f"{request.path}?job={job.id}")
    elif request.method == "GET" and "job" in request.GET:
        job = imports.status(assessment=assessment, job_id=request.GET["job"])
    if job is not None and job.ok:
        imports.forget(job.id)
        messages.success(
            request, _("นำเข้าคะแนนแล้ว {count} รายการ").format(count=job.count)
        )
        if request.htmx:
            return HttpResponse(headers={"HX-Redirect": assessment.get_absolute_url()})
        return redirect(assessment)
    context = {
        "assessment": assessment,
        "form": form,
        "job": job,
        "problems": job.errors if job is not None else [],
        "job_url": f"{request.path}?job={job.id}" if job is not None else "",
    }
    template = "assessments/import.html" + ("#job" if request.htmx else "")
    return render(request, template, context)
