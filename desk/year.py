"""The ITA year of one organisation as a row of steps, from last year's
scores to the 12-month progress report, each with its state, its date and
the one thing that moves it on.

`year_steps` reads the year in a fixed number of queries whatever its size
(the tests hold it to that): the assessment, the plans, the rounds, the
memos with their decisions, the approval chain, the office's due dates, and what
`measures.publication.plan_publication` reads of a plan in force.
"""

import datetime
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import Assessment, IndicatorScore, ItemResult, SubIndicatorScore
from ita_portal import thai
from measures.models import Plan, ReportingRound
from measures.publication import plan_publication
from organizations.permissions import can
from reports.models import Memo, MemoDecision

from .models import Deadline

DONE, NEXT, LATER = "done", "next", "later"
STATE_LABELS = {
    DONE: gettext_lazy("เสร็จแล้ว"),
    NEXT: gettext_lazy("ขั้นต่อไป"),
    LATER: gettext_lazy("ยังไม่ถึง"),
}
PERIODS = (ReportingRound.Period.HALF, ReportingRound.Period.YEAR)
ITAS_URL = "https://itas.nacc.go.th"


@dataclass(frozen=True)
class Action:
    """The one button of the next step: a link, or a form posted with
    `fields`."""

    label: str
    url: str
    post: bool = False
    fields: dict = field(default_factory=dict)


@dataclass
class Step:
    key: str
    label: str
    complete: bool = False
    state: str = LATER
    date: datetime.date | None = None
    due: datetime.date | None = None  # a round's last day
    deadline: datetime.date | None = None  # set by the office (desk.Deadline)
    late: bool = False
    url: str | None = None
    note: str = ""
    action: Action | None = None
    waiting: str = ""  # who must act, when this user cannot

    @property
    def due_text(self) -> str:
        return thai.format_thai_date(self.due) if self.due else ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def is_next(self) -> bool:
        return self.state == NEXT


@dataclass
class Year:
    """One fiscal year of the organisation, as the home page shows it."""

    fiscal_year: int
    steps: list
    assessment: Assessment | None
    has_scores: bool
    plan: Plan | None
    publication: object | None  # measures.publication.Publication

    @property
    def next(self) -> Step | None:
        return next((step for step in self.steps if step.is_next), None)

    @property
    def scores_year(self) -> int:
        return self.fiscal_year - 1


def _day(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _person(step: dict) -> str:
    """`นางสมจิต รัตนวงศ์ (ปลัดเทศบาลตำบลคลองพน)`: a chain step's person."""
    if step.get("position"):
        return f"{step['name']} ({step['position']})"
    return step["name"]


def _assessment(organization, fiscal_year: int) -> Assessment | None:
    """Last year's assessment, with whether any score was entered (one query)."""

    def scores(model):
        return Exists(model.objects.filter(assessment=OuterRef("pk")))

    return (
        Assessment.objects.filter(
            organization=organization, framework__fiscal_year=fiscal_year - 1
        )
        .select_related("framework")
        .annotate(
            has_indicators=scores(IndicatorScore),
            has_subs=scores(SubIndicatorScore),
            has_items=scores(ItemResult),
        )
        .first()
    )


def _memos(plans) -> list[Memo]:
    """The memos of the year's plans and rounds, newest first, with this
    submission's decisions (two queries)."""
    return list(
        Memo.objects.filter(Q(plan__in=plans) | Q(round__plan__in=plans))
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=MemoDecision.objects.order_by("-submission", "-step"),
            )
        )
        .order_by("-pk")
    )


def _latest_memo(memos, **match) -> Memo | None:
    """The newest memo matching `match` (plan_id=… or round_id=…); an open
    one before an approved one."""
    found = [m for m in memos if all(getattr(m, k) == v for k, v in match.items())]
    open_ = [m for m in found if m.status != Memo.Status.APPROVED]
    return (open_ or found or [None])[0]


def _return_reason(memo: Memo) -> str:
    """The reason of the "no" that returned the memo."""
    for decision in memo.decisions.all():
        if not decision.approve:
            return _("{name} ส่งกลับแก้ไข: {reason}").format(
                name=decision.name, reason=decision.comment
            )
    return ""


class _Builder:
    """Collects the steps; knows the user, so each step offers its button
    only to a role that may press it."""

    def __init__(self, organization, fiscal_year, user, today):
        self.organization = organization
        self.fiscal_year = fiscal_year
        self.user = user
        self.today = today
        self.is_staff = can(user, "reports.add_memo", organization)
        self.steps: list[Step] = []

    def add(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    def memo_steps(self, memo: Memo | None, chain: list, *, label, final_label):
        """Endorsed by the chain before its last person, then approved by the
        last. `memo` is the memo on its way (or None before it is sent)."""
        pending = memo is not None and memo.status == Memo.Status.PENDING
        chain = memo.chain if memo is not None and memo.chain else chain
        endorsers, decider = chain[:-1], chain[-1:] or [None]
        decider = decider[0]
        steps = []
        # A chain of one has no endorsement; none set yet, the usual two.
        if endorsers or not chain:
            endorse = Step(
                key=f"{label}_endorsed",
                label=_("ผู้บริหารเห็นควรอนุมัติ"),
                url=memo.get_absolute_url() if memo else None,
                note=", ".join(_person(s) for s in endorsers)
                or _("หน่วยงานยังไม่ได้กำหนดลำดับการเสนอ"),
            )
            if memo is not None and memo.status == Memo.Status.APPROVED:
                endorse.complete = True
            elif pending and memo.current_step >= len(chain) - 1:
                endorse.complete = True
            if memo is not None and endorse.complete:
                endorse.date = next(
                    (
                        _day(d.decided_at)
                        for d in memo.decisions.all()
                        if d.submission == memo.submission and not d.final and d.approve
                    ),
                    None,
                )
            if pending and not endorse.complete:
                self.decide(endorse, memo)
            steps.append(endorse)
        approve = Step(
            key=f"{label}_approved",
            label=final_label,
            url=memo.get_absolute_url() if memo else None,
            note=_person(decider) if decider else "",
        )
        if pending and memo.current_step >= len(chain) - 1:
            self.decide(approve, memo)
        steps.append(approve)
        return steps

    def decide(self, step: Step, memo: Memo) -> None:
        """The memo waits at `step`: its decider gets the button, everyone
        else is told whose turn it is."""
        person = memo.chain[memo.current_step]
        if memo.step_of(self.user) is not None:
            step.action = Action(_("พิจารณาบันทึกข้อความ"), memo.get_absolute_url())
        else:
            step.waiting = _("รอ {person} พิจารณา").format(person=_person(person))
            step.note = ""  # the waiting line names them

    def staff_or(self, step: Step, action: Action | None, waiting: str) -> None:
        if action is not None and self.is_staff:
            step.action = action
        elif not step.waiting:
            step.waiting = waiting


def _memo_action(memo: Memo | None, new_url: str, new_label: str) -> Action:
    """Staff's button before a memo goes: edit the open one, or draft it."""
    if memo is not None and memo.is_editable:
        return Action(
            _("แก้ไขและส่งบันทึกข้อความ"), reverse("reports:memo_edit", args=[memo.pk])
        )
    return Action(new_label, new_url, post=True)


def year_steps(*, organization, fiscal_year: int, user, today=None) -> Year:
    """The steps of `organization`'s ITA year `fiscal_year` (พ.ศ.), for `user`:
    done, the next one (with the button this user may press, or who must
    act), and those still to come."""
    today = today or timezone.localdate()
    b = _Builder(organization, fiscal_year, user, today)
    assessment = _assessment(organization, fiscal_year)
    has_scores = bool(
        assessment
        and (
            assessment.has_indicators
            or assessment.has_subs
            or assessment.has_items
            or assessment.reported_overall is not None
        )
    )
    plans = list(organization.plans.filter(fiscal_year=fiscal_year))
    plan = next((p for p in plans if p.is_current), None)
    in_force = [p for p in plans if p.is_in_force]
    reporting = max(in_force, key=lambda p: p.revision) if in_force else None
    memos = _memos(plans) if plans else []
    revision = {p.pk: p.revision for p in plans}
    # A period's round of the newest revision that has one.
    rounds = sorted(
        ReportingRound.objects.filter(plan__in=plans) if plans else [],
        key=lambda r: -revision[r.plan_id],
    )
    chain = [
        {
            "user": s.membership.user_id,
            "name": s.membership.user.get_full_name()
            or s.membership.user.get_username(),
            "position": s.membership.position,
        }
        for s in organization.approval_steps.select_related("membership__user")
    ]
    publication = plan_publication(reporting) if reporting else None

    # 1. Last year's scores.
    scores = b.add(
        Step(
            key="scores",
            label=_("กรอกผลคะแนน ITA ปี {year}").format(year=fiscal_year - 1),
            complete=has_scores,
            url=assessment.get_absolute_url() if assessment else None,
            date=_day(assessment.updated_at) if has_scores else None,
        )
    )
    if assessment is None:
        add = Action(_("เพิ่มผลการประเมิน"), reverse("assessments:add"))
        b.staff_or(scores, add, _("รอเจ้าหน้าที่กรอกผลคะแนน"))
    else:
        entry = Action(
            _("กรอกคะแนน"),
            reverse("assessments:edit", args=[assessment.pk, "indicators"]),
        )
        b.staff_or(scores, entry, _("รอเจ้าหน้าที่กรอกผลคะแนน"))

    # 2. The analysis: made from the scores as soon as they are in.
    b.add(
        Step(
            key="analysis",
            label=_("วิเคราะห์จุดอ่อน"),
            complete=has_scores,
            url=reverse("assessments:analysis", args=[assessment.pk])
            if assessment
            else None,
            date=scores.date,
        )
    )

    # 3. The plan, drafted from the scores.
    drafted = b.add(
        Step(
            key="plan",
            label=_("ร่างแผนมาตรการ"),
            complete=plan is not None,
            url=plan.get_absolute_url() if plan else None,
            date=_day(plan.created_at) if plan else None,
        )
    )
    if plan is not None:
        drafted.note = _("ฉบับที่ {revision} · {status}").format(
            revision=plan.revision, status=plan.get_status_display()
        )
    generate = None
    if has_scores and can(user, "measures.add_plan", organization):
        generate = Action(
            _("สร้างแผนจากผลคะแนน"),
            reverse("measures:plan_generate") + f"?assessment={assessment.pk}",
        )
    b.staff_or(drafted, generate, _("รอเจ้าหน้าที่สร้างแผน"))

    # 4–6. The memo, its endorsement and approval.
    memo = _latest_memo(memos, plan_id=plan.pk) if plan else None
    sent = b.add(
        Step(
            key="memo",
            label=_("เสนอบันทึกข้อความ"),
            complete=plan is not None and plan.status != Plan.Status.DRAFT,
            url=memo.get_absolute_url() if memo else None,
            date=_day(memo.sent_at) if memo and memo.sent_at else None,
        )
    )
    if memo is not None and memo.status == Memo.Status.RETURNED:
        sent.note = _return_reason(memo)
    if plan is not None and plan.status == Plan.Status.DRAFT:
        b.staff_or(
            sent,
            _memo_action(
                memo,
                reverse("reports:memo_from_plan", args=[plan.pk]),
                _("ร่างบันทึกข้อความเสนอแผน"),
            ),
            _("รอเจ้าหน้าที่เสนอบันทึกข้อความ"),
        )
    for step in b.memo_steps(memo, chain, label="plan", final_label=_("ผู้บริหารอนุมัติแผน")):
        b.add(step)
    approved = b.steps[-1]
    approved.complete = plan is not None and plan.is_in_force
    approved.date = _day(plan.approved_at) if approved.complete else None
    if approved.complete:
        for step in b.steps:
            if step.key == "plan_endorsed":
                step.complete = True

    # 7. Published.
    published = b.add(
        Step(
            key="published",
            label=_("เผยแพร่แผน"),
            complete=publication is not None and publication.is_public,
            url=publication.public_url if publication else None,
            date=_day(reporting.published_at) if reporting else None,
        )
    )
    if reporting is not None and not published.complete:
        publish = None
        if can(user, "publish", reporting):
            publish = Action(
                _("เผยแพร่แผน"), reverse("measures:plan_publish", args=[reporting.pk])
            )
        b.staff_or(published, publish, publication.step)

    # 8–11. The 6- and 12-month rounds and their memos.
    for period in PERIODS:
        _round_steps(b, reporting, rounds, memos, period, publication)

    # The office's own due dates; a step not done by then is late.
    deadlines = dict(
        Deadline.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).values_list("step", "due_on")
    )
    # The next step is the first not complete; the ones before it are done.
    found = False
    for step in b.steps:
        step.deadline = deadlines.get(step.key)
        step.late = bool(step.deadline and not step.complete and step.deadline < today)
        if step.complete:
            step.state = DONE
        elif not found:
            step.state, found = NEXT, True
        else:
            step.state = LATER
        if not step.is_next:
            step.action = None
            step.waiting = ""
    return Year(
        fiscal_year=fiscal_year,
        steps=b.steps,
        assessment=assessment,
        has_scores=has_scores,
        plan=plan,
        publication=publication,
    )


def _round_steps(b, plan, rounds, memos, period, publication) -> None:
    """A round gathering reports, then its memo approved and published."""
    round_ = next((r for r in rounds if r.period == period), None)
    name = str(ReportingRound.Period(period).label).split(" (")[0]
    step = b.add(
        Step(
            key=f"{period}_round",
            label=_("รายงานความก้าวหน้า{round}").format(round=name),
            complete=round_ is not None and not round_.is_open,
            url=round_.get_absolute_url() if round_ else None,
            due=round_.ends_on
            if round_
            else ReportingRound.period_bounds(b.fiscal_year, period)[1],
            date=_day(round_.closed_at) if round_ else None,
        )
    )
    if round_ is None and plan is not None:
        open_ = None
        if can(b.user, "measures.add_reportinground", plan):
            open_ = Action(
                _("เปิด{round}").format(round=name),
                reverse("measures:round_add", args=[plan.pk]),
                post=True,
                fields={"period": period},
            )
        b.staff_or(step, open_, _("รอเจ้าหน้าที่เปิดรอบรายงาน"))
    elif round_ is not None and round_.is_open:
        step.note = _("หัวหน้าส่วนราชการรายงานความก้าวหน้าได้จนถึงสิ้นรอบ")
        if round_.ends_on >= b.today:
            step.waiting = _("ปิดรอบได้ตั้งแต่ {date}").format(
                date=thai.format_thai_date(round_.ends_on + timedelta(days=1))
            )
        elif can(b.user, "measures.close_reportinground", round_):
            step.action = Action(
                _("ปิด{round}").format(round=name),
                reverse("measures:round_close", args=[round_.plan_id, round_.pk]),
            )
        else:
            step.waiting = _("รอเจ้าหน้าที่ปิดรอบรายงาน")

    memo = _latest_memo(memos, round_id=round_.pk) if round_ else None
    decided = b.add(
        Step(
            key=f"{period}_approved",
            label=_("ผู้บริหารอนุมัติรายงาน{round}").format(round=name),
            complete=round_ is not None and round_.is_published,
            url=memo.get_absolute_url() if memo else None,
            date=_day(round_.approved_at) if round_ else None,
        )
    )
    if round_ is None or round_.is_open or round_.is_published:
        return
    if round_.status == ReportingRound.Status.APPROVED:
        decided.note = _("อนุมัติแล้ว ยังไม่เผยแพร่")
        publish = None
        if can(b.user, "measures.publish_reportinground", round_):
            publish = Action(
                _("เผยแพร่ผล{round}").format(round=name),
                reverse("measures:round_publish", args=[round_.plan_id, round_.pk]),
                post=True,
            )
        b.staff_or(decided, publish, publication.step if publication else "")
    elif memo is not None and memo.status == Memo.Status.PENDING:
        b.decide(decided, memo)
    else:
        if memo is not None and memo.status == Memo.Status.RETURNED:
            decided.note = _return_reason(memo)
        b.staff_or(
            decided,
            _memo_action(
                memo,
                reverse("reports:memo_from_round", args=[round_.pk]),
                _("ร่างบันทึกข้อความรายงานผล"),
            ),
            _("รอเจ้าหน้าที่เสนอบันทึกข้อความรายงานผล"),
        )


def years_of(organization, current: int) -> list[int]:
    """The fiscal years the switch offers: the current one and every year
    with a plan or with scores for it, newest first (two queries)."""
    years = {current}
    years |= set(organization.plans.values_list("fiscal_year", flat=True))
    years |= {
        y + 1
        for y in organization.assessments.values_list(
            "framework__fiscal_year", flat=True
        )
    }
    return sorted(years, reverse=True)
