"""Plan pages (O42): the list, generating a draft, the plan page, its history,
its way to publication and revisions, and editing its title and analysis.
Each view asks `organizations.permissions` first and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ita_portal.forms import apply_service_errors
from organizations.middleware import current_organization
from organizations.permissions import can, get_for_user, require

from .. import selectors, services
from ..forms import (
    AnalysisParagraphForm,
    GeneratePlanForm,
    PlanForm,
)
from ..generator import uncovered
from ..history import plan_history
from ..models import AnalysisParagraph, Plan
from ..publication import plan_publication

PLANS_PER_PAGE = 20
HISTORY_PER_PAGE = 50


def plan_for(request, pk, action="view") -> Plan:
    """The plan `pk` if the user may `action` it: 404 for another
    organisation's, 403 for what the role may not do."""
    return get_for_user(
        request.user,
        Plan.objects.select_related("organization", "source_assessment__framework"),
        action,
        pk=pk,
    )


@login_required
def plan_list(request):
    organization = require(request.user, "view", current_organization(request))
    plans = organization.plans.order_by("-fiscal_year", "-revision")
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/plan_list.html",
        {
            "organization": organization,
            "page": page,
            "can_add": can(request.user, "measures.add_plan", organization),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_generate(request):
    organization = current_organization(request)
    require(request.user, "measures.add_plan", organization)
    form = GeneratePlanForm(
        request.POST or None,
        organization=organization,
        # The assessment page's button names the assessment to start from.
        initial={"assessment": request.GET.get("assessment", "")[:20]},
    )
    if request.method == "POST" and form.is_valid():
        assessment = form.cleaned_data["assessment"]
        try:
            plan = services.plan_generate(
                assessment=assessment,
                fiscal_year=assessment.framework.fiscal_year + 1,
                rules=form.rules(),
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "สร้างร่างแผนแล้ว {count} มาตรการ ตรวจดูและแก้ไขให้เป็นแผนของหน่วยงานได้เลย"
                ).format(count=plan.measures.count()),
            )
            return redirect(plan)
    return render(
        request,
        "measures/plan_generate.html",
        {"form": form, "organization": organization},
    )


@login_required
def plan_detail(request, pk):
    plan = plan_for(request, pk)
    measures = measures_of(plan)
    weaknesses = selectors.named_weaknesses(
        plan, plan.weaknesses.prefetch_related("measures").order_by("order")
    )
    return render(
        request,
        "measures/plan_detail.html",
        {
            "plan": plan,
            "measures": measures,
            "weaknesses": weaknesses,
            "uncovered": selectors.named_weaknesses(plan, uncovered(plan)),
            "analysis": plan.analysis.all(),
            "can_change": can(request.user, "change", plan),
            "can_publish": can(request.user, "publish", plan),
            "can_memo": plan.is_editable
            and can(request.user, "reports.add_memo", plan.organization),
            "open_memo": plan.memos.order_by("-pk").first(),
            "can_revise": can(request.user, "revise", plan),
            "can_delete": can(request.user, "delete", plan),
            "revisions": plan.organization.plans.filter(
                fiscal_year=plan.fiscal_year
            ).order_by("-revision"),
            "publication": plan_publication(plan) if plan.is_in_force else None,
            "incomplete": selectors.incomplete_measures(plan)
            if plan.is_editable
            else [],
        },
    )


@login_required
def plan_history_view(request, pk):
    plan = plan_for(request, pk)
    page = Paginator(plan_history(plan), HISTORY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "measures/plan_history.html", {"plan": plan, "page": page})


def _confirm_transition(
    request, plan, *, title, question, button, run, done, danger=False
):
    """GET asks; POST runs the workflow step and goes back to the plan."""
    if request.method == "POST":
        try:
            result = run()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(plan)
        messages.success(request, done)
        return redirect(result or "measures:plan_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "button_class": "btn-danger" if danger else "btn-primary",
            "cancel_href": plan.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_publish(request, pk):
    plan = plan_for(request, pk, "publish")
    return _confirm_transition(
        request,
        plan,
        title=_("เผยแพร่แผน"),
        question=_(
            "เผยแพร่ “{title}” ฉบับที่ {revision} บนหน้าเว็บสาธารณะใช่หรือไม่ "
            "ประชาชนและผู้ตรวจประเมินจะเห็นแผนนี้โดยไม่ต้องเข้าสู่ระบบ"
        ).format(title=plan.title, revision=plan.revision),
        button=_("เผยแพร่"),
        run=lambda: services.plan_publish(plan=plan, by=request.user),
        done=format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
            _("เผยแพร่แผนแล้ว"),
            reverse("public:plan", args=[plan.organization.slug, plan.fiscal_year]),
            _("เปิดหน้าเว็บสาธารณะ"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_revise(request, pk):
    plan = plan_for(request, pk, "revise")
    return _confirm_transition(
        request,
        plan,
        title=_("แก้ไขแผนที่อนุมัติแล้ว"),
        question=_(
            "แผนที่อนุมัติแล้วแก้ไขโดยตรงไม่ได้ ระบบจะคัดลอกเป็นร่างฉบับที่ {next} "
            "ให้แก้ไขและเสนออนุมัติใหม่ ระหว่างนี้หน้าเว็บสาธารณะยังแสดงฉบับที่เผยแพร่อยู่ "
            "เริ่มฉบับใหม่ใช่หรือไม่"
        ).format(next=plan.revision + 1),
        button=_("เริ่มฉบับใหม่"),
        run=lambda: services.plan_revise(plan=plan, by=request.user),
        done=_("สร้างร่างฉบับใหม่แล้ว แก้ไขได้เลย"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk):
    plan = plan_for(request, pk, "delete")
    question = _("ลบร่าง “{title}” ฉบับที่ {revision} และมาตรการทั้งหมดในร่างนี้ใช่หรือไม่").format(
        title=plan.title, revision=plan.revision
    )
    if plan.revision > 1:
        question += " " + _("ฉบับที่ {previous} จะกลับมาเป็นฉบับล่าสุด").format(
            previous=plan.revision - 1
        )

    def run():
        services.plan_delete(plan=plan, by=request.user)

    return _confirm_transition(
        request,
        plan,
        title=_("ลบร่างแผน"),
        question=question,
        button=_("ลบร่าง"),
        danger=True,
        run=run,
        done=_("ลบร่างแผนแล้ว"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = plan_for(request, pk, "change")
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกแผนแล้ว"))
            return redirect(plan)
    return render(
        request, "form_page.html", {"form": form, "title": _("แก้ไขชื่อและรูปแบบแผน")}
    )


def measures_of(plan):
    return plan.measures.select_related("lead_division").prefetch_related(
        "divisions", "answers"
    )


@login_required
@require_http_methods(["GET", "POST"])
def analysis_edit(request, plan_pk, pk):
    """Edit one analysis paragraph in place (htmx) or on its own page."""
    paragraph = get_for_user(
        request.user,
        AnalysisParagraph.objects.select_related("plan__organization").filter(
            plan_id=plan_pk
        ),
        "view",
        pk=pk,
    )
    require(request.user, "change", paragraph.plan)
    form = AnalysisParagraphForm(request.POST or None, instance=paragraph)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_update(
                paragraph=paragraph, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "measures/plan_detail.html#paragraph",
                    {
                        "paragraph": paragraph,
                        "plan": paragraph.plan,
                        "can_change": True,
                    },
                )
            return redirect(paragraph.plan)
    template = "measures/analysis_form.html" + ("#form" if request.htmx else "")
    return render(request, template, {"form": form, "paragraph": paragraph})
