from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ita_portal.forms import apply_service_errors
from ita_portal.redirects import safe_next
from organizations.middleware import current_organization
from organizations.permissions import can, get_for_user, require

from . import selectors, services, workflow
from .forms import (
    AnalysisParagraphForm,
    GeneratePlanForm,
    MeasureForm,
    PlanForm,
    TemplateForm,
)
from .generator import generate_plan, uncovered
from .history import plan_history
from .models import AnalysisParagraph, Measure, MeasureTemplate, Plan
from .publication import plan_publication

PLANS_PER_PAGE = 20
HISTORY_PER_PAGE = 50
TEMPLATES_PER_PAGE = 20


def _plan(request, pk, action="view") -> Plan:
    return get_for_user(
        request.user,
        Plan.objects.select_related("organization", "source_assessment__framework"),
        action,
        pk=pk,
    )


def _measure(request, plan_pk, pk, action="change") -> Measure:
    return get_for_user(
        request.user,
        Measure.objects.select_related("plan__organization").filter(plan_id=plan_pk),
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
            plan = generate_plan(
                assessment,
                assessment.framework.fiscal_year + 1,
                form.rules(),
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
    plan = _plan(request, pk)
    measures = _measures_of(plan)
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
    plan = _plan(request, pk)
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
    plan = _plan(request, pk, "publish")
    return _confirm_transition(
        request,
        plan,
        title=_("เผยแพร่แผน"),
        question=_(
            "เผยแพร่ “{title}” ฉบับที่ {revision} บนหน้าเว็บสาธารณะใช่หรือไม่ "
            "ประชาชนและผู้ตรวจประเมินจะเห็นแผนนี้โดยไม่ต้องเข้าสู่ระบบ"
        ).format(title=plan.title, revision=plan.revision),
        button=_("เผยแพร่"),
        run=lambda: workflow.plan_publish(plan, by=request.user),
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
    plan = _plan(request, pk, "revise")
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
        run=lambda: workflow.plan_revise(plan, by=request.user),
        done=_("สร้างร่างฉบับใหม่แล้ว แก้ไขได้เลย"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk):
    plan = _plan(request, pk, "delete")
    question = _("ลบร่าง “{title}” ฉบับที่ {revision} และมาตรการทั้งหมดในร่างนี้ใช่หรือไม่").format(
        title=plan.title, revision=plan.revision
    )
    if plan.revision > 1:
        question += " " + _("ฉบับที่ {previous} จะกลับมาเป็นฉบับล่าสุด").format(
            previous=plan.revision - 1
        )

    def run():
        workflow.plan_delete(plan, by=request.user)

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
    plan = _plan(request, pk, "change")
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


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, plan_pk, pk=None):
    if pk is None:
        plan = _plan(request, plan_pk, "change")
        measure = Measure(plan=plan)
    else:
        measure = _measure(request, plan_pk, pk)
        plan = measure.plan
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(
                measure=form.instance,
                divisions=form.cleaned_data["divisions"],
                answers=form.cleaned_data["answers"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect(f"{plan.get_absolute_url()}#measure-{form.instance.pk}")
    title = _("เพิ่มมาตรการ") if pk is None else _("แก้ไขมาตรการ")
    return render(
        request,
        "measures/measure_form.html",
        {"form": form, "plan": plan, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request, plan_pk, pk):
    measure = _measure(request, plan_pk, pk, "delete")
    if request.method == "POST":
        try:
            services.measure_delete(measure=measure)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("ลบมาตรการแล้ว"))
        return redirect(measure.plan)
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ลบมาตรการ"),
            "question": _("ลบมาตรการ “{title}” ออกจากแผนใช่หรือไม่").format(
                title=measure.title
            ),
            "cancel_href": measure.plan.get_absolute_url(),
        },
    )


@login_required
@require_POST
def measure_move(request, plan_pk, pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    measure = _measure(request, plan_pk, pk)
    try:
        services.measure_move(measure=measure, step=-1 if direction == "up" else 1)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return _measures_fragment(request, measure.plan)
    return redirect(measure.plan)


def _measures_of(plan):
    return plan.measures.select_related("lead_division").prefetch_related(
        "divisions", "answers"
    )


def _measures_fragment(request, plan):
    measures = _measures_of(plan)
    return render(
        request,
        "measures/plan_detail.html#measures",
        {"plan": plan, "measures": measures, "can_change": True},
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


# --- the template library ----------------------------------------------------


@login_required
def template_list(request):
    """The library and the organisation's own templates, with what it hid."""
    organization = require(request.user, "view", current_organization(request))
    templates = MeasureTemplate.objects.filter(
        Q(organization__isnull=True) | Q(organization=organization)
    ).annotate(
        hidden=Exists(
            MeasureTemplate.hidden_by.through.objects.filter(
                measuretemplate_id=OuterRef("pk"), organization_id=organization.pk
            )
        )
    )
    query = request.GET.get("q", "").strip()
    if query:
        templates = templates.filter(title__icontains=query)
    templates = templates.order_by(F("organization").asc(nulls_first=True), "key")
    indicator = request.GET.get("indicator", "")
    if indicator.isdigit():  # a JSON list; the library is small enough to filter here
        templates = [t for t in templates if int(indicator) in t.indicators]
    page = Paginator(templates, TEMPLATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/template_list.html",
        {
            "organization": organization,
            "page": page,
            "query": query,
            "indicator": indicator,
            "indicators": range(1, 11),
            "can_add": can(request.user, "measures.add_measuretemplate", organization),
        },
    )


def _own_template(request, pk, action="change"):
    return get_for_user(
        request.user,
        MeasureTemplate.objects.filter(organization=current_organization(request)),
        action,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    organization = current_organization(request)
    if pk is None:
        require(request.user, "measures.add_measuretemplate", organization)
        template = MeasureTemplate()
    else:
        template = _own_template(request, pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(
                template=form.instance, organization=organization, by=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกแม่แบบแล้ว"))
            return redirect("measures:template_list")
    title = _("เพิ่มแม่แบบมาตรการของหน่วยงาน") if pk is None else _("แก้ไขแม่แบบมาตรการ")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "cancel_href": reverse("measures:template_list"),
        },
    )


@login_required
@require_POST
def template_copy(request, pk):
    organization = current_organization(request)
    require(request.user, "measures.add_measuretemplate", organization)
    template = get_object_or_404(MeasureTemplate.objects.library(), pk=pk)
    copy = services.template_copy(
        template=template, organization=organization, by=request.user
    )
    messages.success(
        request, _("คัดลอกเป็นแม่แบบของหน่วยงานแล้ว ปรับแก้ให้เหมาะกับหน่วยงานได้เลย")
    )
    return redirect("measures:template_edit", pk=copy.pk)


@login_required
@require_POST
def template_hide(request, pk):
    organization = current_organization(request)
    require(request.user, "measures.add_measuretemplate", organization)
    template = get_object_or_404(MeasureTemplate.objects.library(), pk=pk)
    hidden = request.POST.get("hidden") == "1"
    services.template_set_hidden(
        template=template, organization=organization, hidden=hidden
    )
    messages.success(
        request,
        _("ซ่อนแม่แบบแล้ว ระบบจะไม่เลือกแม่แบบนี้เมื่อสร้างแผน") if hidden else _("แสดงแม่แบบแล้ว"),
    )
    return redirect(safe_next(request, reverse("measures:template_list")))


@login_required
@require_http_methods(["GET", "POST"])
def template_delete(request, pk):
    template = _own_template(request, pk, "delete")
    if request.method == "POST":
        template.delete()
        messages.success(request, _("ลบแม่แบบแล้ว"))
        return redirect("measures:template_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ลบแม่แบบมาตรการ"),
            "question": _("ลบแม่แบบ “{title}” ใช่หรือไม่ แผนที่เคยใช้แม่แบบนี้จะไม่เปลี่ยน").format(
                title=template.title
            ),
            "cancel_url": "measures:template_list",
        },
    )
