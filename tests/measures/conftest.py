import pytest

# --- progress (O43) ----------------------------------------------------------


@pytest.fixture
def approved_plan(org, people, division_a, division_b):
    """An approved FY2566 plan of the personas' organisation:
    1. กองคลัง, ต.ค.–ธ.ค. 65 (ends 31 Dec 2022), indicator 1;
    2. กองช่าง, quarter 2 (ends 31 Mar 2023), indicator 2;
    3. both, the whole year (ends 30 Sep 2023), indicators 1 and 9."""
    from tests.measures.factories import MeasureFactory, PlanFactory

    plan = PlanFactory(organization=org, fiscal_year=2566)
    MeasureFactory(
        plan=plan,
        order=1,
        title="เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี",
        lead_division=division_a,
        timeframe_kind="months",
        start_month=10,
        end_month=12,
        indicators=[1],
    )
    MeasureFactory(
        plan=plan,
        order=2,
        title="จัดทำคู่มือการให้บริการ",
        lead_division=division_b,
        timeframe_kind="quarter",
        quarter=2,
        indicators=[2],
    )
    MeasureFactory(
        plan=plan,
        order=3,
        title="แต่งตั้งคณะกรรมการจัดทำมาตรการ",
        lead_division=division_a,
        divisions=[division_a, division_b],
        timeframe_kind="year",
        indicators=[1, 9],
    )
    return plan
