"""demo/progress.py: seed 004 on บ้านฉาง's FY2566 plan, a closed
12-month round, a few updates elsewhere; idempotent, and it skips cleanly."""

import io

import pytest

from demo import progress as demo_progress
from measures import rules
from measures.models import ProgressUpdate, ReportingRound, RoundEntry
from tests.factories import DivisionFactory, OrganizationFactory
from tests.measures.factories import MeasureFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def banchang_plan(db):
    """บ้านฉาง's FY2566 plan with seed 004's three measures, in its order."""
    org = OrganizationFactory(slug="banchang", name="เทศบาลตำบลบ้านฉาง")
    divisions = [
        DivisionFactory(organization=org, name=name)
        for name in ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา")
    ]
    plan = PlanFactory(organization=org, fiscal_year=2566)
    for order, (start, end) in enumerate([(3, 3), (3, 3), (10, 3)], start=1):
        MeasureFactory(
            plan=plan,
            order=order,
            lead_division=divisions[0],
            divisions=divisions,
            timeframe_kind="months",
            start_month=start,
            end_month=end,
        )
    return plan


def run() -> str:
    out = io.StringIO()
    demo_progress.seed(stdout=out)
    return out.getvalue()


def test_it_skips_cleanly_without_the_banchang_plan(db):
    assert "ข้ามความก้าวหน้าของบ้านฉาง" in run()
    assert not ProgressUpdate.objects.exists()


def test_it_reports_seed_004_in_order_and_closes_the_12_month_round(banchang_plan):
    output = run()
    assert "บ้านฉาง ปี 2566: เพิ่มรายงาน 3 รายการ" in output
    assert "30 กันยายน 2566) ปิดรอบแล้ว" in output
    measures = list(banchang_plan.measures.order_by("order"))
    latest = [rules.latest_update(m) for m in measures]
    assert [u.status for u in latest] == ["done", "done", "done"]
    assert latest[0].result.startswith("รายไตรมาส\n๑. ได้อนุมัติแผนประชุม")
    assert "คำสั่งแต่งตั้งคณะกรรมการจัดทำมาตรการ" in latest[1].result
    assert "บริการ E-Service" in latest[2].result
    assert [u.reported_on.isoformat() for u in latest] == ["2023-03-31"] * 3
    round_ = ReportingRound.objects.get(plan=banchang_plan)
    assert (round_.period, round_.status) == ("year", "closed")
    assert list(round_.entries.values_list("status", flat=True)) == ["done"] * 3


def test_it_is_idempotent(banchang_plan, approved_plan):
    run()
    counts = (
        ProgressUpdate.objects.count(),
        ReportingRound.objects.count(),
        RoundEntry.objects.count(),
    )
    second = run()
    assert "เพิ่มรายงาน 0 รายการ" in second
    assert counts == (
        ProgressUpdate.objects.count(),
        ReportingRound.objects.count(),
        RoundEntry.objects.count(),
    )


def test_other_demo_plans_get_a_few_updates_and_keep_some_overdue(
    people, approved_plan
):
    run()  # the personas' organisation is klongphon, a demo organisation
    statuses = [
        getattr(rules.latest_update(m), "status", None)
        for m in approved_plan.measures.order_by("order")
    ]
    assert statuses == ["done", "in_progress", None]
    assert rules.latest_update(approved_plan.measures.get(order=1)).created_by == (
        people.head_a
    )
    overdue = [
        m.order
        for m in approved_plan.measures.all()
        if rules.is_overdue(m, getattr(rules.latest_update(m), "status", None))
    ]
    assert overdue == [2, 3]
