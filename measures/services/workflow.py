"""The life of a plan: draft → submitted → approved → published, and revisions.

One function per transition. Views, the memo approval chain (`reports`) and
`seed_demo` call these; nothing else changes a plan's status. Every transition
is kept in the plan's history with who made it and a readable reason.

Nothing approved is edited in place: `plan_revise` copies an approved or
published plan into revision N+1, a draft; the public keeps seeing the
published revision until the new one is itself published.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ita_portal import approvals
from ita_portal.approvals import expect_status, save_with_reason

from ..models import Plan
from .plans import PLAN_OPTIONS

Status = Plan.Status


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


_save = save_with_reason
WRONG_STATUS = gettext_lazy("ทำรายการนี้ไม่ได้ เพราะแผนอยู่ในสถานะ “{status}”")


def _expect(plan: Plan, *statuses: str) -> None:
    expect_status(plan, statuses, WRONG_STATUS)


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    """Staff send the draft to the executives (with its memo)."""
    plan = _locked(plan)
    _expect(plan, Status.DRAFT)
    if not plan.measures.exists():
        raise ValidationError(
            _("แผนยังไม่มีมาตรการ เพิ่มมาตรการก่อนเสนอพิจารณา"), code="empty"
        )
    plan.status = Status.SUBMITTED
    plan.submitted_at = timezone.now()
    return _save(plan, by=by, reason=_("เสนอพิจารณา"))


@transaction.atomic
def plan_return(*, plan: Plan, by, reason: str = "") -> Plan:
    """A rejected memo sends the plan back to draft, with the reason."""
    plan = _locked(plan)
    _expect(plan, Status.SUBMITTED)
    plan.status = Status.DRAFT
    plan.submitted_at = None
    text = _("ส่งกลับแก้ไข")
    return _save(plan, by=by, reason=f"{text}: {reason}" if reason else text)


@transaction.atomic
def plan_approve(*, plan: Plan, by, at=None) -> Plan:
    """The final approval of the plan's memo."""
    return approvals.approve(
        _locked(plan),
        by=by,
        at=at,
        after=[Status.SUBMITTED],
        refusal=WRONG_STATUS,
        reason=_("อนุมัติ"),
    )


@transaction.atomic
def plan_publish(*, plan: Plan, by, at=None) -> Plan:
    """Put the approved plan on the public pages."""
    return approvals.publish(
        _locked(plan), by=by, at=at, refusal=WRONG_STATUS, reason=_("เผยแพร่")
    )


@transaction.atomic
def plan_revise(*, plan: Plan, by) -> Plan:
    """Start revision N+1 of an approved plan as a draft copy of it.

    The copy keeps the analysis, the weaknesses and the measures (each measure
    remembers its `previous`, so progress follows it across revisions).
    """
    old = _locked(plan)
    _expect(old, Status.APPROVED, Status.PUBLISHED)
    if not old.is_current:
        raise ValidationError(_("มีฉบับที่ใหม่กว่าของแผนนี้อยู่แล้ว"), code="not_current")
    old.is_current = False
    _save(old, by=by, reason=_("เริ่มแก้ไขเป็นฉบับที่ {n}").format(n=old.revision + 1))

    new = Plan(
        organization=old.organization,
        fiscal_year=old.fiscal_year,
        revision=old.revision + 1,
        source_assessment=old.source_assessment,
        title=old.title,
        introduction=old.introduction,
        report_preface=old.report_preface,
        report_background=old.report_background,
        layout=old.layout,
        rules=old.rules,
        **{name: getattr(old, name) for name in PLAN_OPTIONS},
        created_by=by,
    )
    _save(new, by=by, reason=_("สร้างจากฉบับที่ {n}").format(n=old.revision))

    for paragraph in old.analysis.all():
        paragraph.pk = None
        paragraph.plan = new
        paragraph._history_user = by
        paragraph.save()

    weaknesses = {}
    for weakness in old.weaknesses.all():
        old_pk = weakness.pk
        weakness.pk = None
        weakness.plan = new
        weakness.save()
        weaknesses[old_pk] = weakness

    for measure in old.measures.prefetch_related("divisions", "answers"):
        divisions = list(measure.divisions.all())
        answers = [weaknesses[w.pk] for w in measure.answers.all()]
        measure.previous_id = measure.pk
        measure.lineage_id = measure.lineage_root_id
        measure.pk = None
        # The prefetched divisions and answers are the old measure's: left in
        # place, `set()` below would take them for the copy's and add nothing.
        measure._prefetched_objects_cache = {}
        measure.plan = new
        measure._history_user = by
        measure.save()
        measure.divisions.set(divisions)
        measure.answers.set(answers)
    return new


@transaction.atomic
def plan_delete(*, plan: Plan, by) -> None:
    """Delete a draft. Deleting a draft revision makes the revision it was
    copied from the current one again."""
    plan = _locked(plan)
    _expect(plan, Status.DRAFT)
    if plan.memos.filter(submission__gt=0).exists():
        raise ValidationError(
            _("แผนนี้เคยเสนอผู้บริหารแล้ว ลบไม่ได้ แก้ไขแล้วเสนอใหม่แทน"), code="sent"
        )
    plan.memos.all().delete()  # drafts never sent
    plan._history_user = by
    previous = (
        Plan.objects.filter(
            organization=plan.organization,
            fiscal_year=plan.fiscal_year,
            revision__lt=plan.revision,
        )
        .order_by("-revision")
        .first()
    )
    plan.delete()
    if previous is not None:
        previous.is_current = True
        _save(previous, by=by, reason=_("ยกเลิกร่างฉบับที่ {n}").format(n=plan.revision))
