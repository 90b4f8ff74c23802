"""Reading progress: a person's worklist and a plan's progress summary.

Each function costs a fixed number of queries however many measures there
are (the tests hold them to it): measures with their latest update's id in
one query, their divisions in one, the latest updates in one.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Indicator, Item
from ita_portal import thai
from ita_portal.language import is_english, localized
from organizations.models import Membership

from .models import Measure, Plan, ProgressStatus, ProgressUpdate, Weakness
from .models.progress import STATUS_BADGES
from .rules import is_overdue

DUE_SOON_DAYS = 30
STATUSES = list(ProgressStatus)


@dataclass
class MeasureProgress:
    """A measure with its current state, as the lists show it."""

    measure: Measure
    update: ProgressUpdate | None
    start: date
    end: date
    overdue: bool
    due_soon: bool

    @property
    def status(self) -> str:
        return self.update.status if self.update else ProgressStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def is_done(self) -> bool:
        return self.status == ProgressStatus.DONE


def progress_rows(
    measures: QuerySet, today: date | None = None, *, with_evidence: bool = False
) -> list:
    """`measures` (a queryset) as MeasureProgress rows, in their order."""
    today = today or timezone.localdate()
    measures = list(
        measures.with_progress()
        .select_related("plan__organization", "lead_division")
        .prefetch_related("divisions")
    )
    updates = ProgressUpdate.objects.select_related("created_by")
    if with_evidence:
        updates = updates.prefetch_related("evidence")
    updates = updates.in_bulk(
        [m.latest_update_id for m in measures if m.latest_update_id]
    )
    soon = today + timedelta(days=DUE_SOON_DAYS)
    rows = []
    for measure in measures:
        update = updates.get(measure.latest_update_id)
        start, end = measure.timeframe_bounds()
        status = update.status if update else None
        done = status == ProgressStatus.DONE
        rows.append(
            MeasureProgress(
                measure=measure,
                update=update,
                start=start,
                end=end,
                overdue=is_overdue(measure, status, today),
                due_soon=not done and today <= end <= soon,
            )
        )
    return rows


def worklist_order(row: MeasureProgress):
    """Overdue first, then what is still to do by its end date, done last."""
    group = 0 if row.overdue else 2 if row.is_done else 1
    return (group, row.end, row.measure.plan.fiscal_year, row.measure.order)


def measures_for_member(membership: Membership | None) -> QuerySet:
    """The measures a member reports on: a division head's are those of the
    divisions they head; everyone else sees the organisation's."""
    if membership is None:
        return Measure.objects.none()
    measures = Measure.objects.reporting().filter(
        plan__organization_id=membership.organization_id
    )
    if membership.role == Membership.Role.DIVISION_HEAD:
        measures = measures.for_divisions(membership.divisions.all())
    return measures


def worklist(membership: Membership | None, today: date | None = None) -> list:
    """ "My measures": every measure of the member's reporting plans, across
    plans, overdue first."""
    return sorted(
        progress_rows(measures_for_member(membership), today), key=worklist_order
    )


@dataclass
class Worklist:
    """ "My measures" for one fiscal year, with what is still open from the
    years before it in a section of its own."""

    year: int | None
    years: list[int]
    rows: list
    older: list

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def due_soon_count(self) -> int:
        return sum(row.due_soon for row in self.rows)


def worklist_for(
    membership: Membership | None, year: int | None = None, today: date | None = None
) -> Worklist:
    """The member's worklist of `year`: by default the current fiscal year,
    or the latest year that has measures when the current one has none yet.
    Open measures of earlier years come apart, overdue first."""
    today = today or timezone.localdate()
    rows = worklist(membership, today)
    years = sorted({row.measure.plan.fiscal_year for row in rows}, reverse=True)
    if year not in years:
        current = thai.fiscal_year(today)
        year = current if current in years or not years else years[0]
    return Worklist(
        year=year,
        years=years,
        rows=[row for row in rows if row.measure.plan.fiscal_year == year],
        older=[
            row
            for row in rows
            if row.measure.plan.fiscal_year < year and not row.is_done
        ],
    )


@dataclass(frozen=True)
class Cell:
    status: str
    label: str
    badge: str
    count: int
    percent: float


@dataclass
class Tally:
    """Counts by status for a group of measures (a division, an indicator)."""

    label: str
    counts: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, row: MeasureProgress) -> None:
        self.counts[row.status] += 1
        self.overdue += row.overdue

    def cells(self) -> list["Cell"]:
        """One per status, in the seeds' column order."""
        total = self.total
        return [
            Cell(
                status=s.value,
                label=s.label,
                badge=STATUS_BADGES[s],
                count=self.counts[s],
                percent=100 * self.counts[s] / total if total else 0.0,
            )
            for s in STATUSES
        ]

    @property
    def done_percent(self) -> float:
        total = self.total
        return 100 * self.counts[ProgressStatus.DONE] / total if total else 0.0


@dataclass
class PlanProgress:
    plan: Plan
    rows: list
    overall: Tally
    by_division: list
    by_indicator: list

    @property
    def overdue(self) -> list:
        return [row for row in self.rows if row.overdue]


def indicator_names(plan: Plan) -> dict[int, str]:
    """Indicator numbers → names in the framework the plan was made from, in
    the reader's language."""
    indicators = Indicator.objects.all()
    if plan.source_assessment_id:
        indicators = indicators.filter(framework__assessments=plan.source_assessment_id)
    else:
        indicators = indicators.filter(framework__fiscal_year=plan.fiscal_year - 1)
    return {
        number: localized(thai, english)
        for number, thai, english in indicators.values_list(
            "number", "name_th", "name_en"
        )
    }


def plan_progress(plan: Plan, today: date | None = None) -> PlanProgress:
    """A plan's progress: every measure's state, counted overall, by
    division and by indicator."""
    rows = progress_rows(plan.measures.order_by("order", "pk"), today)
    overall = Tally(_("ทั้งแผน"))
    divisions: dict[object, Tally] = {}
    indicators: dict[int, Tally] = {}
    names = indicator_names(plan)
    for row in rows:
        overall.add(row)
        responsible = list(row.measure.divisions.all()) or [None]
        for division in responsible:
            key = division.pk if division else None
            if key not in divisions:
                divisions[key] = Tally(
                    division.name if division else _("ไม่ระบุผู้รับผิดชอบ")
                )
            divisions[key].add(row)
        for number in row.measure.indicators or []:
            if number not in indicators:
                label = _("ตัวชี้วัดที่ {n}").format(n=number)
                if names.get(number):
                    label = f"{label} {names[number]}"
                indicators[number] = Tally(label)
            indicators[number].add(row)
    return PlanProgress(
        plan=plan,
        rows=rows,
        overall=overall,
        by_division=sorted(
            divisions.values(), key=lambda t: (t.label == _("ไม่ระบุผู้รับผิดชอบ"), t.label)
        ),
        by_indicator=[indicators[n] for n in sorted(indicators)],
    )


@dataclass(frozen=True)
class Incomplete:
    """A measure of a plan with fields the office has not filled in yet."""

    measure: Measure
    missing: list


def incomplete_measures(plan: Plan) -> list[Incomplete]:
    """The plan's measures lacking steps, a lead division or a follow-up:
    the plan page flags them before the memo goes to the executives (one
    query)."""
    found = []
    for measure in plan.measures.order_by("order", "pk"):
        missing = []
        if not measure.steps:
            missing.append(_("ขั้นตอน/วิธีการดำเนินงาน"))
        if measure.lead_division_id is None:
            missing.append(_("ผู้รับผิดชอบหลัก"))
        if not measure.follow_up.strip():
            missing.append(_("การติดตามผล"))
        if missing:
            found.append(Incomplete(measure, missing))
    return found


def english_weakness_names(plan: Plan) -> dict[tuple[str, str], str]:
    """The English names of a plan's weaknesses, by (kind, code), from the
    framework of the assessment the plan was made from; empty on a Thai page.

    A weakness keeps the Thai name it had when the plan was generated (the
    plan's own record); the English comes from the framework at reading time.
    """
    if not is_english() or plan.source_assessment_id is None:
        return {}
    framework = plan.source_assessment.framework_id
    names = {
        (Weakness.Kind.INDICATOR.value, str(number)): name
        for number, name in Indicator.objects.filter(framework=framework)
        .exclude(name_en="")
        .values_list("number", "name_en")
    }
    for kind, code, text in (
        Item.objects.filter(framework=framework)
        .exclude(text_en="")
        .values_list("kind", "code", "text_en")
    ):
        weakness_kind = (
            Weakness.Kind.ITEM
            if kind == Item.Kind.DISCLOSURE
            else Weakness.Kind.QUESTION
        )
        names[(weakness_kind.value, code)] = text
    return names


def weakness_name(weakness: Weakness, english: dict[tuple[str, str], str]) -> str:
    """The weakness's name in the reader's language (see english_weakness_names)."""
    return localized(weakness.name, english.get((weakness.kind, weakness.code)))


def named_weaknesses(plan: Plan, weaknesses) -> list[Weakness]:
    """``weaknesses`` of ``plan``, each given ``display_name`` for the page."""
    english = english_weakness_names(plan)
    weaknesses = list(weaknesses)
    for weakness in weaknesses:
        weakness.display_name = weakness_name(weakness, english)
    return weaknesses
