"""Demo plans: the measures plans (O42) of the five seed documents, with their
real measures, approved and published as they were.

The data is in `measures/demo_plans.py`, which also records how each seed was
read. Each plan is built through the services that record history, then taken
through the real workflow: `plan_submit` by `<slug>-staff`, `plan_approve` by
`<slug>-mayor` on the approval date, and `plan_publish` by `<slug>-staff`.
A plan that already exists for its organisation and fiscal year is left as it
is, so running `seed_demo` twice changes nothing.

Seed 004 (เทศบาลตำบลบ้านฉาง) is a progress report. Its plan's measures are
created in the order of the report's rows (`BANCHANG_MEASURE_ORDER`), so that
the progress demo can give each measure the status and results of the row at
the same position. Find the plan with `demo_plan(*BANCHANG_2566)`.
"""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.models import Assessment
from organizations.models import Division, Organization

from . import services
from .demo_plans import ALL, DIVISION_ALIASES, PLANS
from .models import AnalysisParagraph, Measure, MeasureTemplate, Plan, Weakness

User = get_user_model()

# Every demo plan, keyed by (organisation slug, fiscal year).
DEMO_PLANS = PLANS

BANCHANG_2566 = ("banchang", 2566)
# The titles of the บ้านฉาง measures in the order of seed 004's rows
# (IIT ๑, IIT ๒, EIT). Measure.order 1, 2, 3 is row 1, 2, 3.
BANCHANG_MEASURE_ORDER = tuple(m["title"] for m in PLANS[BANCHANG_2566]["measures"])

BANGKOK = ZoneInfo("Asia/Bangkok")
# The seeds give days, not times; approvals are put at 10:00 Bangkok time.
APPROVAL_TIME = time(10, 0)


def demo_plan(slug: str, fiscal_year: int) -> Plan | None:
    """The current plan of a demo organisation for a fiscal year."""
    return (
        Plan.objects.current()
        .filter(organization__slug=slug, fiscal_year=fiscal_year)
        .first()
    )


def approval_datetime(data: dict) -> datetime:
    return datetime.combine(data["approved_on"], APPROVAL_TIME, tzinfo=BANGKOK)


def _division(all_divisions: list[Division], name: str) -> Division:
    wanted = DIVISION_ALIASES.get(name, name)
    for division in all_divisions:
        if division.name == wanted:
            return division
    raise ValueError(f"no division named {name!r}")


def _divisions(all_divisions: list[Division], names: list[str]) -> list[Division]:
    """The organisation's divisions for the names a seed writes, in order."""
    found: list[Division] = []
    for name in names:
        wanted = all_divisions if name == ALL else [_division(all_divisions, name)]
        found.extend(d for d in wanted if d not in found)
    return found


def _source_assessment(organization, year):
    if year is None:
        return None
    return Assessment.objects.get(
        organization=organization, framework__fiscal_year=year
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
        report_preface=data.get("report_preface", ""),
        report_background=data.get("report_background", ""),
        layout=data["layout"],
        created_by=staff,
    )
    plan.full_clean()
    plan._history_user = staff
    plan.save()

    for order, (instrument, text) in enumerate(data["analysis"]):
        paragraph = AnalysisParagraph(
            plan=plan, instrument=instrument, order=order, text=text
        )
        paragraph.full_clean()
        paragraph._history_user = staff
        paragraph.save()

    weaknesses = {}
    for order, values in enumerate(data["weaknesses"]):
        score = values["score"]
        weakness = Weakness(
            plan=plan,
            order=order,
            **{**values, "score": None if score is None else Decimal(score)},
        )
        # `reasons` may be empty: the seed named the weakness without a rule.
        weakness.full_clean(exclude=["reasons"])
        weakness.save()
        weaknesses[weakness.code] = weakness

    templates = {
        t.key: t
        for t in MeasureTemplate.objects.library().filter(
            key__in=[m["template"] for m in data["measures"] if m["template"]]
        )
    }
    all_divisions = list(organization.divisions.order_by("name"))
    for order, values in enumerate(data["measures"], start=1):
        divisions = _divisions(all_divisions, values["divisions"])
        lead = values["lead"] and _division(all_divisions, values["lead"])
        measure = Measure(
            plan=plan,
            order=order,
            theme=values["theme"],
            title=values["title"],
            steps=list(values["steps"]),
            lead_division=lead,
            follow_up=values["follow_up"],
            reporting_frequency=values["reporting_frequency"],
            finding=values["finding"],
            responsible_people=values["responsible_people"],
            template=templates.get(values["template"]),
            **values["timeframe"],
        )
        services.measure_save(
            measure=measure,
            divisions=divisions,
            answers=[weaknesses[code] for code in values["answers"]],
            by=staff,
        )

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
    from . import demo_progress  # seed 004's progress on บ้านฉาง's plan

    demo_progress.seed(stdout=stdout)
    return plans
