"""Demo plans: the measures plans (O42) of the five seed documents, with
their real measures, approved and published as they were. The data is under
"plans" in each organisation's file; demo/data/README.md says how each seed
was read.

Each plan is built through the services that record history, then taken
through the real workflow: `plan_submit` by `<slug>-staff`, `plan_approve` by
`<slug>-mayor` on the approval date, and `plan_publish` by `<slug>-staff`.
A plan that already exists for its organisation and fiscal year is left as it
is, so running `seed_demo` twice changes nothing.

Seed 004 (เทศบาลตำบลบ้านฉาง) is a progress report. Its plan's measures are
created in the order of the report's rows (`BANCHANG_MEASURE_ORDER`), so that
the progress demo can give each measure the status and results of the row at
the same position. Find the plan with `demo_plan(*BANCHANG_2566)`.
"""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.models import Assessment
from measures import services
from measures.models import AnalysisParagraph, Measure, MeasureTemplate, Plan, Weakness
from organizations.models import Division, Organization

from . import files

User = get_user_model()

# Every demo plan, keyed by (organisation slug, fiscal year), in the order of
# the organisations' files.
DEMO_PLANS = {
    (data["organization"]["slug"], plan["fiscal_year"]): plan
    for data in files.organizations()
    for plan in data.get("plans", [])
}

BANCHANG_2566 = ("banchang", 2566)
# The titles of the บ้านฉาง measures in the order of seed 004's rows
# (IIT ๑, IIT ๒, EIT). Measure.order 1, 2, 3 is row 1, 2, 3.
BANCHANG_MEASURE_ORDER = tuple(
    m["title"] for m in DEMO_PLANS[BANCHANG_2566]["measures"]
)

BANGKOK = ZoneInfo("Asia/Bangkok")

WEAKNESS_DEFAULTS = {"name": "", "score": None, "reasons": [], "note": ""}
WEAKNESS_FIELDS = ("kind", "code", "indicator", "instrument", *WEAKNESS_DEFAULTS)
MEASURE_DEFAULTS = {
    "theme": "",
    "follow_up": "",
    "reporting_frequency": "annual",
    "finding": "",
    "template": None,
    "responsible_people": "",
    "responsible_text": "",
    "timeframe_text": "",
}
# What a plan's file may leave out: the standard headings and paragraphs.
PLAN_DEFAULTS = {
    "report_preface": "",
    "report_background": "",
    "title_layout": "compact",
    "introduction_place": "top",
    "analysis_heading": "",
    "measures_heading": "",
    "measures_intro_shown": False,
    "measures_intro": "",
    "column_headers": "",
    "measure_titles_shown": True,
}


def demo_plan(slug: str, fiscal_year: int) -> Plan | None:
    """The current plan of a demo organisation for a fiscal year."""
    return (
        Plan.objects.current()
        .filter(organization__slug=slug, fiscal_year=fiscal_year)
        .first()
    )


def approval_datetime(data: dict) -> datetime:
    """The seeds give days, not times; approvals are put at the shared
    `approval_time`, Bangkok time."""
    at = time.fromisoformat(files.shared()["approval_time"])
    return datetime.combine(date.fromisoformat(data["approved_on"]), at, BANGKOK)


class _Divisions:
    """An organisation's divisions by the names a seed writes: the shared
    `all_divisions` stands for every division, `division_aliases` maps the
    seeds' abbreviations."""

    def __init__(self, organization: Organization):
        shared = files.shared()
        self.every = shared["all_divisions"]
        self.aliases = shared["division_aliases"]
        self.divisions = list(organization.divisions.order_by("name"))

    def one(self, name: str) -> Division:
        wanted = self.aliases.get(name, name)
        for division in self.divisions:
            if division.name == wanted:
                return division
        raise ValueError(f"no division named {name!r}")

    def many(self, names: list[str]) -> list[Division]:
        found: list[Division] = []
        for name in names:
            wanted = self.divisions if name == self.every else [self.one(name)]
            found.extend(d for d in wanted if d not in found)
        return found


def _source_assessment(organization, year):
    if year is None:
        return None
    return Assessment.objects.get(
        organization=organization, framework__fiscal_year=year
    )


def _weaknesses(plan: Plan, data: dict) -> dict[str, Weakness]:
    weaknesses = {}
    for order, entry in enumerate(data["weaknesses"]):
        values = {
            name: entry.get(name, WEAKNESS_DEFAULTS.get(name))
            for name in WEAKNESS_FIELDS
        }
        score = values["score"]
        values["score"] = None if score is None else Decimal(score)
        weakness = Weakness(plan=plan, order=order, **values)
        # `reasons` may be empty: the seed named the weakness without a rule.
        weakness.full_clean(exclude=["reasons"])
        weakness.save()
        weaknesses[weakness.code] = weakness
    return weaknesses


def _measures(plan: Plan, data: dict, weaknesses: dict, staff) -> None:
    templates = {
        t.key: t
        for t in MeasureTemplate.objects.library().filter(
            key__in=[m["template"] for m in data["measures"] if m.get("template")]
        )
    }
    divisions = _Divisions(plan.organization)
    for order, entry in enumerate(data["measures"], start=1):
        values = {**MEASURE_DEFAULTS, **entry}
        measure = Measure(
            plan=plan,
            order=order,
            theme=values["theme"],
            title=values["title"],
            steps=list(values["steps"]),
            lead_division=values["lead"] and divisions.one(values["lead"]),
            follow_up=values["follow_up"],
            reporting_frequency=values["reporting_frequency"],
            finding=values["finding"],
            responsible_people=values["responsible_people"],
            responsible_text=values["responsible_text"],
            timeframe_text=values["timeframe_text"],
            template=templates.get(values["template"]),
            **values["timeframe"],
        )
        services.measure_save(
            measure=measure,
            divisions=divisions.many(values["divisions"]),
            answers=[weaknesses[code] for code in values["answers"]],
            by=staff,
        )


def _create_plan(organization: Organization, fiscal_year: int, data: dict) -> Plan:
    slug = organization.slug
    staff = User.objects.get(username=f"{slug}-staff")
    mayor = User.objects.get(username=f"{slug}-mayor")

    plan = Plan(
        organization=organization,
        fiscal_year=fiscal_year,
        source_assessment=_source_assessment(organization, data["source_year"]),
        title=data["title"],
        introduction=data["introduction"],
        layout=data["layout"],
        **{name: data.get(name, default) for name, default in PLAN_DEFAULTS.items()},
        created_by=staff,
    )
    plan.full_clean()
    plan._history_user = staff
    plan.save()

    for order, entry in enumerate(data["analysis"]):
        paragraph = AnalysisParagraph(
            plan=plan, instrument=entry["instrument"], order=order, text=entry["text"]
        )
        paragraph.full_clean()
        paragraph._history_user = staff
        paragraph.save()

    _measures(plan, data, _weaknesses(plan, data), staff)

    approved_at = approval_datetime(data)
    plan = services.plan_submit(plan=plan, by=staff)
    # The workflow stamps a submission with the present moment; the seeds'
    # plans were submitted for approval on the day they were approved.
    Plan.objects.filter(pk=plan.pk).update(submitted_at=approved_at)
    plan = services.plan_approve(plan=plan, by=mayor, at=approved_at)
    return services.plan_publish(plan=plan, by=staff, at=approved_at)


@transaction.atomic
def seed(stdout=None) -> dict:
    """Create the demo plans that are missing; returns them by (slug, year)."""
    plans = {}
    for (slug, fiscal_year), data in DEMO_PLANS.items():
        organization = Organization.objects.get(slug=slug)
        existing = Plan.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        )
        if existing.exists():
            plans[slug, fiscal_year] = demo_plan(slug, fiscal_year)
            continue
        plans[slug, fiscal_year] = _create_plan(organization, fiscal_year, data)
    if stdout is not None:
        stdout.write(
            "แผนมาตรการตัวอย่าง: "
            + ", ".join(
                f"{slug} {year} ({len(data['measures'])} มาตรการ)"
                for (slug, year), data in DEMO_PLANS.items()
            )
        )
    return plans
