"""The overview of the offices an overseer oversees, for one fiscal year,
in a fixed number of queries whatever the number of offices (ten, and
`framework_spec`'s once per framework year).

An overseer sees a draft only as its status: nothing here reads a plan's
title, analysis or measures unless the plan is published, and then only
counts (the content is on the public page the row links to).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from assessments.services import evaluate_many
from ita_portal import thai
from measures.models import Measure, Plan, ProgressStatus, ReportingRound, RoundEntry
from measures.rules import timeframe_ended_q
from reports.models import Memo

from .models import Deadline, Reminder
from .permissions import organizations_in_scope


class PlanStatus:
    """Where an office's O42 plan of the year stands, in the order of its way."""

    NONE = "none"
    DRAFT = "draft"
    WITH_PALAD = "with_palad"
    WITH_MAYOR = "with_mayor"
    APPROVED = "approved"
    PUBLISHED = "published"

    choices = [
        (NONE, _("ยังไม่มีแผน")),
        (DRAFT, _("อยู่ระหว่างจัดทำ")),
        (WITH_PALAD, _("เสนอปลัดพิจารณา")),
        (WITH_MAYOR, _("เสนอนายกพิจารณา")),
        (APPROVED, _("อนุมัติแล้ว รอเผยแพร่")),
        (PUBLISHED, _("เผยแพร่แล้ว")),
    ]
    labels = dict(choices)
    order = {key: n for n, (key, _label) in enumerate(choices)}


@dataclass
class Row:
    pk: int
    name: str
    slug: str
    kind: str
    kind_label: str
    district: str
    province: str
    score: Decimal | None = None
    grade: str | None = None
    previous_score: Decimal | None = None
    plan_status: str = PlanStatus.NONE
    plan_date: date | None = None
    late: bool = False
    rounds: list = field(default_factory=list)  # [(label, published date)]
    measures: dict = field(default_factory=dict)
    public_url: str = ""
    last_reminder: date | None = None

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def plan_status_label(self) -> str:
        return str(PlanStatus.labels[self.plan_status])

    @property
    def rounds_count(self) -> int:
        return len(self.rounds)

    @property
    def overdue(self) -> int:
        return self.measures.get("overdue", 0)


def deadline_for(user, fiscal_year: int) -> date | None:
    return (
        Deadline.objects.filter(user=user, fiscal_year=fiscal_year)
        .values_list("due_on", flat=True)
        .first()
    )


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def is_late(status: str, published_on: date | None, deadline, today) -> bool:
    """Late against the overseer's deadline: published after it, or not
    published while it has passed."""
    if deadline is None:
        return False
    if status == PlanStatus.PUBLISHED:
        return published_on is not None and published_on > deadline
    return today > deadline


def overview(user, fiscal_year: int, today: date | None = None) -> list[Row]:
    """One row per office in the user's scope, by name."""
    today = today or timezone.localdate()
    deadline = deadline_for(user, fiscal_year)
    organizations = organizations_in_scope(user).order_by("name")
    rows = {
        o.pk: Row(
            pk=o.pk,
            name=o.name,
            slug=o.slug,
            kind=o.kind,
            kind_label=str(o.get_kind_display()),
            district=o.district,
            province=o.province,
        )
        for o in organizations.only("name", "slug", "kind", "district", "province")
    }
    in_scope = organizations.values("pk")
    _scores(rows, in_scope, fiscal_year)
    published = _plans(rows, in_scope, fiscal_year, deadline, today)
    public_rounds = _rounds(rows, in_scope, fiscal_year, published)
    _measures(rows, published, public_rounds, fiscal_year, today)
    for pk, sent_at in (
        Reminder.objects.filter(organization__in=in_scope, fiscal_year=fiscal_year)
        .values("organization_id")
        .annotate(last=Min("sent_at"))
        .values_list("organization_id", "last")
    ):
        rows[pk].last_reminder = _local_date(sent_at)
    return list(rows.values())


# How long the computed scores of a scope are kept: the key is made of every
# assessment's and framework's last change, so a re-scored assessment (or a
# new one) means computing them again.
SCORE_SECONDS = 24 * 60 * 60


def _scores(rows, in_scope, fiscal_year):
    """The assessed year's (the year before) score and grade, and the year
    before that's score for the change. The scope's assessments are scored
    together (`evaluate_many`) and kept in the cache, as one entry, until
    one of them changes."""
    found = list(
        Assessment.objects.filter(
            organization__in=in_scope,
            framework__fiscal_year__in=[fiscal_year - 1, fiscal_year - 2],
        )
        .order_by("pk")
        .values_list(
            "pk",
            "organization_id",
            "framework__fiscal_year",
            "updated_at",
            "framework__updated_at",
        )
    )
    fingerprint = hashlib.sha256(
        repr([(pk, a, b) for pk, _org, _year, a, b in found]).encode()
    ).hexdigest()
    key = f"oversight:scores:{fiscal_year}:{fingerprint}"
    scores = cache.get(key)
    if scores is None:
        assessments = Assessment.objects.filter(
            pk__in=[pk for pk, *_rest in found]
        ).select_related("framework")
        scores = {
            pk: (result.stated_overall, result.stated_grade)
            for pk, result in evaluate_many(assessments).items()
        }
        cache.set(key, scores, SCORE_SECONDS)
    for pk, org_id, year, _changed, _framework_changed in found:
        overall, grade = scores[pk]
        row = rows[org_id]
        if year == fiscal_year - 1:
            row.score, row.grade = overall, grade
        else:
            row.previous_score = overall


def _plans(rows, in_scope, fiscal_year, deadline, today) -> dict[int, tuple]:
    """Each office's plan status and its date; (revision, id) of the latest
    published revision by organisation."""
    plans = Plan.objects.filter(organization__in=in_scope, fiscal_year=fiscal_year)
    published = {}  # organization -> (revision, pk)
    first_published = {}
    current = {}
    for (
        org_id,
        pk,
        revision,
        status,
        is_current,
        created,
        submitted,
        approved,
        at,
    ) in plans.values_list(
        "organization_id",
        "pk",
        "revision",
        "status",
        "is_current",
        "created_at",
        "submitted_at",
        "approved_at",
        "published_at",
    ):
        if status == Plan.Status.PUBLISHED:
            if revision > published.get(org_id, (0, None))[0]:
                published[org_id] = (revision, pk)
            first = first_published.get(org_id)
            if at and (first is None or at < first):
                first_published[org_id] = at
        if is_current:
            current[org_id] = (pk, status, created, submitted, approved)
    # The plan memos waiting for an executive: at which step of their chain.
    waiting = {}
    for plan_id, step, chain, sent_at in Memo.objects.filter(
        plan__organization__in=in_scope,
        plan__fiscal_year=fiscal_year,
        kind=Memo.Kind.PLAN,
        status=Memo.Status.PENDING,
    ).values_list("plan_id", "current_step", "chain", "sent_at"):
        waiting[plan_id] = (step, len(chain or []), sent_at)

    for org_id, row in rows.items():
        if org_id in published:
            row.plan_status = PlanStatus.PUBLISHED
            row.plan_date = _local_date(first_published.get(org_id))
            row.public_url = reverse("public:plan", args=[row.slug, fiscal_year])
        elif org_id in current:
            pk, status, created, submitted, approved = current[org_id]
            if status == Plan.Status.APPROVED:
                row.plan_status, row.plan_date = PlanStatus.APPROVED, approved
            elif status == Plan.Status.SUBMITTED:
                step, steps, sent_at = waiting.get(pk, (0, 0, submitted))
                # The chain's last step decides (the นายก); those before
                # it endorse (the ปลัด): reports.models.ApprovalStep.
                final = steps and step >= steps - 1
                row.plan_status = (
                    PlanStatus.WITH_MAYOR if final else PlanStatus.WITH_PALAD
                )
                row.plan_date = sent_at or submitted
            else:
                row.plan_status, row.plan_date = PlanStatus.DRAFT, created
            row.plan_date = _local_date(row.plan_date)
        row.late = is_late(row.plan_status, row.plan_date, deadline, today)
    return published


def _rounds(rows, in_scope, fiscal_year, published) -> dict[int, int]:
    """The year's published progress (O43) rounds of each office; returns
    the round whose statuses each published plan's public page shows (the
    latest published round of its revision or an earlier one,
    `ReportingRound.objects.public_for`), by organisation."""
    periods = dict(ReportingRound.Period.choices)
    rounds = (
        ReportingRound.objects.filter(
            plan__organization__in=in_scope,
            plan__fiscal_year=fiscal_year,
            status=ReportingRound.Status.PUBLISHED,
        )
        .order_by("ends_on", "published_at")
        .values_list(
            "pk", "plan__organization_id", "plan__revision", "period", "published_at"
        )
    )
    public = {}
    for pk, org_id, revision, period, published_at in rounds:
        rows[org_id].rounds.append((str(periods[period]), _local_date(published_at)))
        if org_id in published and revision <= published[org_id][0]:
            public[org_id] = pk  # in order: the last one wins
    return public


def _measures(rows, published, public_rounds, fiscal_year, today):
    """The published plan's measures by status as of the round its public
    page shows (public/queries.py), and how many are overdue
    (measures.rules: ended and not done). Two aggregates, whatever the
    number of offices: the plans' measures, and the rounds' entries (a
    measure's entry is that of the same measure in the round, whose
    timeframe an earlier revision may have set)."""
    if not published:
        return
    ended = timeframe_ended_q(fiscal_year, today)
    for item in (
        Measure.objects.filter(plan_id__in=[pk for _rev, pk in published.values()])
        .values("plan__organization_id")
        .annotate(total=Count("pk"), ended=Count("pk", filter=ended))
        .order_by()
    ):
        rows[item["plan__organization_id"]].measures = {
            "total": item["total"],
            "done": 0,
            "in_progress": 0,
            "not_started": item["total"],
            "overdue": item["ended"],
        }
    done = Q(status=ProgressStatus.DONE)
    for item in (
        RoundEntry.objects.filter(round_id__in=list(public_rounds.values()))
        .values("round__plan__organization_id")
        .annotate(
            done=Count("pk", filter=done),
            in_progress=Count("pk", filter=Q(status=ProgressStatus.IN_PROGRESS)),
            ended_done=Count(
                "pk", filter=done & timeframe_ended_q(fiscal_year, today, "measure__")
            ),
        )
        .order_by()
    ):
        measures = rows[item["round__plan__organization_id"]].measures
        if not measures:
            continue
        measures["done"] = item["done"]
        measures["in_progress"] = item["in_progress"]
        measures["not_started"] = max(
            measures["total"] - item["done"] - item["in_progress"], 0
        )
        measures["overdue"] = max(measures["overdue"] - item["ended_done"], 0)


# --- what the page does with the rows ----------------------------------------

SORTS = {
    "name": lambda r: r.name,
    "kind": lambda r: (r.kind_label, r.name),
    "district": lambda r: (r.district, r.name),
    "score": lambda r: (r.score is None, r.score or 0, r.name),
    "change": lambda r: (r.change is None, r.change or 0, r.name),
    "grade": lambda r: (r.grade is None, r.grade or "", r.name),
    "plan": lambda r: (
        PlanStatus.order[r.plan_status],
        r.plan_date or date.min,
        r.name,
    ),
    "rounds": lambda r: (r.rounds_count, r.name),
    "measures": lambda r: (r.measures.get("total", -1), r.name),
    "overdue": lambda r: (r.overdue, r.name),
}


def filtered(
    rows: list[Row],
    *,
    kind="",
    district="",
    grade="",
    plan="",
    late=False,
    q="",
    sort="name",
    descending=False,
) -> list[Row]:
    q = q.strip()
    found = [
        r
        for r in rows
        if (not kind or r.kind == kind)
        and (not district or r.district == district)
        and (not grade or (r.grade or "") == grade)
        and (not plan or r.plan_status == plan)
        and (not late or r.late)
        and (not q or q in r.name)
    ]
    return sorted(found, key=SORTS.get(sort, SORTS["name"]), reverse=descending)


def counts(rows: list[Row]) -> dict:
    by_status = {key: 0 for key, _label in PlanStatus.choices}
    for r in rows:
        by_status[r.plan_status] += 1
    return {
        "offices": len(rows),
        "by_status": [(PlanStatus.labels[k], k, n) for k, n in by_status.items()],
        "late": sum(r.late for r in rows),
        "published": by_status[PlanStatus.PUBLISHED],
        "reported": sum(1 for r in rows if r.rounds),
        "overdue_measures": sum(r.overdue for r in rows),
    }


def current_fiscal_year(today: date | None = None) -> int:
    return thai.fiscal_year(today or timezone.localdate())


def default_fiscal_year(user) -> int:
    """The newest fiscal year of any plan in the user's scope, else the
    current one: the year the overview opens on."""
    newest = (
        Plan.objects.filter(organization__in=organizations_in_scope(user))
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    return newest or current_fiscal_year()
