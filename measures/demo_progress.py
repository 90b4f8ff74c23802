"""Demo progress (O43): seed 004's statuses and results on บ้านฉาง's FY2566
plan, a closed 12-month round, and a few updates on the other demo plans
that leave some measures overdue.

`seed(stdout)` is called at the end of measures/demo.py, after the plans
exist. It skips what is missing and adds nothing twice: a measure that has
any update already is left alone, and a round is opened and closed once.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from organizations.demo import ORGANIZATIONS
from organizations.models import Membership

from . import services
from .models import Plan, ProgressStatus, ProgressUpdate, ReportingRound

BANCHANG = ("banchang", 2566)

# Seed 004, in its order: the status column ticked and column (5), "การรายงาน
# ผลการดำเนินการ", with the line breaks of the PDF table taken out of words.
SEED_004 = [
    (
        ProgressStatus.DONE,
        "รายไตรมาส\n"
        "๑. ได้อนุมัติแผนประชุมการจัดทำการใช้จ่ายงบประมาณ\n"
        "๒. ได้กำกับ ติดตาม การใช้จ่ายงบประมาณ\n"
        "๓. รายงานผู้บริหารและที่ประชุมประจำเดือน",
    ),
    (
        ProgressStatus.DONE,
        "ราย ๖ เดือน และ ๑๒ เดือน ของปีงบประมาณ\n"
        "๑. ได้จัดทำคำสั่งแต่งตั้งคณะกรรมการจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    ),
    (
        ProgressStatus.DONE,
        "รายไตรมาส\n"
        "๑. ได้จัดทำคู่มือมาตรฐานการปฏิบัติงาน และคู่มือการรับบริการ\n"
        "๒. มีการประชาสัมพันธ์คู่มือการรับบริการ\n"
        "๓. ได้ดำเนินการจัดให้มีบริการ E-Service\n"
        "๔. ได้จัดทำช่องทางประชาสัมพันธ์คู่มือการรับบริการ\n"
        "๕. รายงานผู้บังคับบัญชาตามลำดับชั้นและผู้บริหารทราบ",
    ),
]

# The other demo plans: every third measure done, the next in progress, the
# third not reported, so that whatever has ended shows as overdue.
OTHER_PATTERN = [
    (
        ProgressStatus.DONE,
        "ดำเนินการครบทุกขั้นตอนแล้ว และรายงานผู้บริหารในที่ประชุมประจำเดือน",
    ),
    (
        ProgressStatus.IN_PROGRESS,
        "อยู่ระหว่างดำเนินการตามขั้นตอนที่ ๒ คาดว่าจะแล้วเสร็จตามกำหนด",
    ),
    None,
]


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


def _seed_banchang(plan: Plan, today: date, write) -> None:
    measures = list(plan.measures.order_by("order", "pk"))
    added = 0
    for measure, (status, result) in zip(measures, SEED_004, strict=False):
        end = measure.timeframe_bounds()[1]
        added += _report(plan, measure, status, result, end, today)
    round_ = plan.rounds.filter(period=ReportingRound.Period.YEAR).first()
    if round_ is None:
        round_ = services.round_open(
            plan=plan, period=ReportingRound.Period.YEAR, by=None
        )
    if round_.is_open and today > round_.ends_on:
        round_ = services.round_close(round_=round_, by=None, today=today)
    write(
        f"ความก้าวหน้า (O43) บ้านฉาง ปี 2566: เพิ่มรายงาน {added} รายการ, {round_.label()} {round_.get_status_display()}"
    )


def _seed_other(plan: Plan, today: date, write) -> None:
    measures = list(plan.measures.order_by("order", "pk"))
    added = 0
    for index, measure in enumerate(measures):
        entry = OTHER_PATTERN[index % len(OTHER_PATTERN)]
        if entry is None:
            continue
        status, result = entry
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
    slugs = [spec.slug for spec in ORGANIZATIONS]
    plans = (
        Plan.objects.reporting()
        .filter(organization__slug__in=slugs)
        .select_related("organization")
        .order_by("organization__slug", "fiscal_year")
    )
    banchang = None
    for plan in plans:
        if (plan.organization.slug, plan.fiscal_year) == BANCHANG and plan.is_current:
            banchang = plan
            _seed_banchang(plan, today, write)
        else:
            _seed_other(plan, today, write)
    if banchang is None:
        write("ข้ามความก้าวหน้าของบ้านฉาง: ยังไม่มีแผนปี 2566 ที่อนุมัติแล้ว")
