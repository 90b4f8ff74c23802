"""Changes to a draft plan's measures and to the organisation's own templates. Only a draft changes; every change is
kept in the history with who made it (django-simple-history)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ..models import Measure, MeasureTemplate, Plan

NOT_A_DRAFT = _("แผนนี้ไม่ใช่ร่างแล้ว แก้ไขไม่ได้ (แผนที่อนุมัติแล้วต้องแก้เป็นฉบับใหม่)")


def _require_draft(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)


@transaction.atomic
def measure_save(*, measure: Measure, divisions, answers, by=None) -> Measure:
    """Create or update a measure of a draft plan."""
    plan = Plan.objects.select_for_update().get(pk=measure.plan_id)
    _require_draft(plan)
    measure.theme = measure.theme.strip()
    if measure.pk is None and not measure.order:
        measure.order = (
            plan.measures.order_by("-order").values_list("order", flat=True).first()
            or 0
        ) + 1
    divisions = list(divisions)
    if measure.lead_division and measure.lead_division not in divisions:
        divisions.insert(0, measure.lead_division)
    answers = list(answers)
    measure.indicators = sorted({w.indicator for w in answers})
    measure.items = [w.code for w in answers if w.kind != "indicator"]
    measure.full_clean()
    if by is not None:
        measure._history_user = by  # who, also when not from a request
    measure.save()
    measure.divisions.set(divisions)
    measure.answers.set(answers)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    _require_draft(measure.plan)
    plan = measure.plan
    order = measure.order
    measure.delete()
    plan.measures.filter(order__gt=order).update(order=F("order") - 1)


@transaction.atomic
def measure_move(*, measure: Measure, step: int) -> None:
    """Swap a measure with its neighbour above (step -1) or below (+1)."""
    _require_draft(measure.plan)
    measures = list(measure.plan.measures.order_by("order", "pk"))
    index = measures.index(measure)
    other = index + step
    if not 0 <= other < len(measures):
        return
    measures[index], measures[other] = measures[other], measures[index]
    for position, item in enumerate(measures, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])


# --- the organisation's own templates ---------------------------------------


def _own_key(organization) -> str:
    taken = set(organization.measure_templates.values_list("key", flat=True))
    number = len(taken) + 1
    while f"own-{number}" in taken:
        number += 1
    return f"own-{number}"


@transaction.atomic
def template_save(*, template: MeasureTemplate, organization, by=None):
    """Create or update one of the organisation's own templates."""
    if template.pk is None:
        template.organization = organization
        template.key = template.key or _own_key(organization)
    elif template.organization_id != organization.pk:
        raise ValidationError(_("แก้ไขได้เฉพาะแม่แบบของหน่วยงานเอง"))
    template.full_clean()
    template._history_user = by
    template.save()
    return template


@transaction.atomic
def template_copy(*, template: MeasureTemplate, organization, by=None):
    """Make a library template the organisation's own, to adapt it; the
    library original is hidden from the organisation so it is not offered twice.
    """
    copy = MeasureTemplate.objects.get(pk=template.pk)
    copy.pk = None
    copy.organization = organization
    copy.key = _own_key(organization)
    copy.source = str(_("ปรับจากคลังกลาง: {title}")).format(title=template.title)[:200]
    template_save(template=copy, organization=organization, by=by)
    if template.organization_id is None:
        template.hidden_by.add(organization)
    return copy


@transaction.atomic
def template_delete(*, template: MeasureTemplate, by) -> None:
    """Delete one of the organisation's own templates; measures made from it
    keep their text (they only lose the link)."""
    if template.organization_id is None:
        raise ValidationError(_("ลบได้เฉพาะแม่แบบของหน่วยงานเอง"))
    template._history_user = by
    template.delete()


def template_set_hidden(*, template: MeasureTemplate, organization, hidden: bool):
    """Hide a library template from the organisation's generator, or show it."""
    if template.organization_id is not None:
        raise ValidationError(_("ซ่อนได้เฉพาะแม่แบบในคลังกลาง"))
    if hidden:
        template.hidden_by.add(organization)
    else:
        template.hidden_by.remove(organization)
