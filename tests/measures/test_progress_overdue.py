"""Overdue: the timeframe ended before today (Bangkok) and it is not done.
Checked around the ends of quarters and fiscal years."""

from datetime import date

import pytest

from measures import rules, selectors, services
from measures.models import Measure, Plan, ProgressStatus

pytestmark = pytest.mark.django_db


def build(fiscal_year=2566, **timeframe) -> Measure:
    """An unsaved measure: timeframes need no database."""
    return Measure(plan=Plan(fiscal_year=fiscal_year), **timeframe)


WHOLE_YEAR = {"timeframe_kind": "year"}
FIRST_QUARTER = {"timeframe_kind": "quarter", "quarter": 1}
LAST_MONTHS = {"timeframe_kind": "months", "start_month": 7, "end_month": 9}
OCT_TO_MAR = {"timeframe_kind": "months", "start_month": 10, "end_month": 3}


@pytest.mark.parametrize(
    ("timeframe", "last_day"),
    [
        (WHOLE_YEAR, date(2023, 9, 30)),
        (FIRST_QUARTER, date(2022, 12, 31)),
        (LAST_MONTHS, date(2023, 9, 30)),
        (OCT_TO_MAR, date(2023, 3, 31)),
    ],
)
def test_a_measure_is_overdue_from_the_day_after_its_timeframe(
    timeframe, last_day, time_machine
):
    measure = build(**timeframe)
    assert measure.timeframe_bounds()[1] == last_day
    time_machine.move_to(f"{last_day.isoformat()} 23:59 +07:00")
    assert not rules.is_overdue(measure, None)
    assert not rules.is_overdue(measure, ProgressStatus.IN_PROGRESS)
    time_machine.shift(120)  # two minutes later: the next day in Bangkok
    assert rules.is_overdue(measure, None)
    assert rules.is_overdue(measure, ProgressStatus.NOT_STARTED)
    assert rules.is_overdue(measure, ProgressStatus.IN_PROGRESS)
    assert not rules.is_overdue(measure, ProgressStatus.DONE)


def test_the_fiscal_year_turns_at_midnight_in_bangkok_not_utc(time_machine):
    measure = build(**WHOLE_YEAR)
    # 30 Sep 2023 17:30 UTC is 1 Oct 2023 00:30 in Bangkok: FY2567 has begun.
    time_machine.move_to("2023-09-30T17:30:00Z")
    assert rules.is_overdue(measure, None)
    time_machine.move_to("2023-09-30T16:30:00Z")  # 23:30 in Bangkok
    assert not rules.is_overdue(measure, None)


def test_a_measure_of_next_years_plan_is_not_overdue_yet(time_machine):
    time_machine.move_to("2023-10-01 08:00 +07:00")
    assert rules.is_overdue(build(2566, **WHOLE_YEAR), None)
    assert not rules.is_overdue(build(2567, **FIRST_QUARTER), None)


def test_the_worklist_puts_overdue_first_then_by_end_date_done_last(
    people, approved_plan, time_machine
):
    # 1 ends 31 Dec 2022, 2 ends 31 Mar 2023, 3 ends 30 Sep 2023.
    time_machine.move_to("2023-03-15 10:00 +07:00")
    one, two, three = approved_plan.measures.order_by("order")
    services.progress_update_create(
        measure=three, by=people.staff, status="done", result="แล้วเสร็จ"
    )
    rows = selectors.worklist(people.head_a.memberships.get())
    assert [(r.measure.order, r.overdue, r.due_soon) for r in rows] == [
        (1, True, False),  # ended in December, not done
        (3, False, False),  # done: last
    ]
    rows = selectors.worklist(people.head_b.memberships.get())
    assert [(r.measure.order, r.overdue, r.due_soon) for r in rows] == [
        (2, False, True),  # ends 31 March: within 30 days
        (3, False, False),
    ]
