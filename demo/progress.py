"""Demo progress (O43): seed 004's statuses and results on บ้านฉาง's FY2566
plan ("progress" in banchang.json), its closed 12-month round, and a few
updates on the other demo plans that leave some measures overdue
("progress_elsewhere" in shared.json).

`seed(stdout)` runs after the plans exist. It skips what is missing and adds
nothing twice: a measure that has any update already is left alone, and a
round is opened and closed once.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from measures import services
from measures.models import Plan, ProgressStatus, ProgressUpdate, ReportingRound
from organizations.models import Membership

from . import files


def _reporter(plan: Plan, measure):
    """The head of one of the measure's divisions, else a staff member."""
    memberships = Membership.objects.filter(organization=plan.organization)
    head = (
        memberships.filter(
            role=Membership.Role.DIVISION_HEAD,
            divisions__in=measure.divisions.all(),
        )
        .select_related("user")
        .first()
    )
    if head:
        return head.user
    staff = memberships.filter(role=Membership.Role.STAFF).select_related("user")
    first = staff.first()
    return first.user if first else None


def _has_updates(measure) -> bool:
    return ProgressUpdate.objects.for_measure(measure).exists()


def _report(plan, measure, status, result, reported_on, today) -> bool:
    if _has_updates(measure):
        return False
    services.progress_update_create(
        measure=measure,
        by=_reporter(plan, measure),
        status=status,
        reported_on=min(reported_on, today),
        result=result,
    )
    return True


def _seed_rows(plan: Plan, data: dict, today: date, write) -> None:
    """The seed's rows, each on the measure at the same position."""
    measures = list(plan.measures.order_by("order", "pk"))
    added = 0
    for measure, row in zip(measures, data["rows"], strict=False):
        end = measure.timeframe_bounds()[1]
        added += _report(plan, measure, row["status"], row["result"], end, today)
    period = ReportingRound.Period(data["round"])
    round_ = plan.rounds.filter(period=period).first()
    if round_ is None:
        round_ = services.round_open(plan=plan, period=period, by=None)
    if round_.is_open and today > round_.ends_on:
        round_ = services.round_close(round_=round_, by=None, today=today)
    write(
        f"ความก้าวหน้า (O43) {data['label']} ปี {plan.fiscal_year}: เพิ่มรายงาน {added} รายการ, {round_.label()} {round_.get_status_display()}"
    )


def _seed_other(plan: Plan, pattern: list, today: date, write) -> None:
    measures = list(plan.measures.order_by("order", "pk"))
    added = 0
    for index, measure in enumerate(measures):
        entry = pattern[index % len(pattern)]
        if entry is None:
            continue
        status, result = entry["status"], entry["result"]
        start, end = measure.timeframe_bounds()
        when = end if status == ProgressStatus.DONE else start + timedelta(days=45)
        added += _report(plan, measure, status, result, when, today)
    if added:
        write(
            f"ความก้าวหน้า (O43) {plan.organization.name} ปี {plan.fiscal_year}: เพิ่มรายงาน {added} รายการ"
        )


@transaction.atomic
def seed(stdout=None) -> None:
    def write(text):
        if stdout is not None:
            stdout.write(text + "\n")

    today = timezone.localdate()
    organizations = files.organizations()
    seeded = {
        (data["organization"]["slug"], entry["fiscal_year"]): entry
        for data in organizations
        for entry in data.get("progress", [])
    }
    pattern = files.shared()["progress_elsewhere"]["pattern"]
    plans = (
        Plan.objects.reporting()
        .filter(
            organization__slug__in=[d["organization"]["slug"] for d in organizations]
        )
        .select_related("organization")
        .order_by("organization__slug", "fiscal_year")
    )
    found = set()
    for plan in plans:
        key = (plan.organization.slug, plan.fiscal_year)
        if key in seeded and plan.is_current:
            found.add(key)
            _seed_rows(plan, seeded[key], today, write)
        else:
            _seed_other(plan, pattern, today, write)
    for (_slug, year), entry in seeded.items():
        if (_slug, year) not in found:
            write(f"ข้ามความก้าวหน้าของ{entry['label']}: ยังไม่มีแผนปี {year} ที่อนุมัติแล้ว")
