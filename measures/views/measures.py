"""A draft plan's measures: add, edit, delete (after a confirmation) and move."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ita_portal.forms import apply_service_errors
from organizations.permissions import get_for_user

from .. import services
from ..forms import (
    MeasureForm,
)
from ..models import Measure
from .plans import measures_of, plan_for


def _measure(request, plan_pk, pk, action="change") -> Measure:
    return get_for_user(
        request.user,
        Measure.objects.select_related("plan__organization").filter(plan_id=plan_pk),
        action,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, plan_pk, pk=None):
    if pk is None:
        plan = plan_for(request, plan_pk, "change")
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


def _measures_fragment(request, plan):
    measures = measures_of(plan)
    return render(
        request,
        "measures/plan_detail.html#measures",
        {"plan": plan, "measures": measures, "can_change": True},
    )
