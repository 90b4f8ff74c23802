"""The timeframe rule lives on the model (`Measure.clean`), so the form shows
each error on its own field and every save path keeps the same rule."""

import pytest
from django.core.exceptions import ValidationError

from measures import services
from measures.forms import MeasureForm
from measures.models import Measure, TimeframeKind
from tests.measures.test_views import measure_data

pytestmark = pytest.mark.django_db


def timeframe(plan, **fields) -> Measure:
    measure = plan.measures.first()
    for name, value in fields.items():
        setattr(measure, name, value)
    return measure


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"timeframe_kind": TimeframeKind.MONTHS, "start_month": None},
            "start_month",
            "กรุณาเลือกเดือนเริ่ม",
        ),
        (
            {"timeframe_kind": TimeframeKind.MONTHS, "start_month": 3, "end_month": 11},
            "end_month",
            "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มในปีงบประมาณเดียวกัน",
        ),
        (
            {"timeframe_kind": TimeframeKind.QUARTER, "quarter": None},
            "quarter",
            "กรุณาเลือกไตรมาส",
        ),
    ],
)
def test_a_timeframe_that_cannot_be_is_refused_on_its_field(
    plan, fields, field, message
):
    measure = timeframe(plan, **fields)
    with pytest.raises(ValidationError) as error:
        measure.clean()
    assert error.value.message_dict == {field: [message]}


def test_months_run_forward_across_the_new_year(plan):
    """November to March is forward in a Thai fiscal year (ต.ค. first)."""
    timeframe(plan, timeframe_kind="months", start_month=11, end_month=3).clean()


def test_fields_of_another_kind_are_cleared(plan):
    measure = timeframe(
        plan, timeframe_kind=TimeframeKind.YEAR, start_month=10, end_month=3, quarter=2
    )
    measure.clean()
    assert (measure.start_month, measure.end_month, measure.quarter) == (
        None,
        None,
        None,
    )


def test_the_form_shows_the_rule_on_the_field(plan):
    measure = plan.measures.first()
    form = MeasureForm(
        measure_data(measure, start_month=3, end_month=11), instance=measure, plan=plan
    )
    assert not form.is_valid()
    assert form.errors["end_month"] == ["เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มในปีงบประมาณเดียวกัน"]


def test_the_service_keeps_the_same_rule(plan, people):
    measure = timeframe(plan, timeframe_kind="quarter", quarter=None)
    with pytest.raises(ValidationError) as error:
        services.measure_save(
            measure=measure, divisions=[], answers=[], by=people.staff
        )
    assert "quarter" in error.value.message_dict


# --- the office's own words ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        # Seed 000: October to March, the year written once at the end.
        ("ต.ค.- มี.ค.65", ("2021-10-01", "2022-03-31")),
        # Seed 000: a month after the plan's fiscal year (FY2565) ends.
        ("ต.ค. 2565", ("2022-10-01", "2022-10-31")),
        # Seed 004, in Thai digits.
        ("ต.ค. ๒๕๖๕ ถึง มี.ค. ๒๕๖๖", ("2022-10-01", "2023-03-31")),
        ("มีนาคม 2566", ("2023-03-01", "2023-03-31")),
        # No year: the months of the plan's fiscal year.
        ("พ.ย. - ธ.ค.", ("2020-11-01", "2020-12-31")),
        ("ไตรมาสที่ 2", ("2021-01-01", "2021-03-31")),
        ("ตลอดปีงบประมาณ", ("2020-10-01", "2021-09-30")),
        ("ทุกไตรมาส", ("2020-10-01", "2021-09-30")),
    ],
)
def test_the_offices_words_give_the_range_where_they_can(text, bounds):
    from measures.models import Plan

    measure = Measure(plan=Plan(fiscal_year=2564), timeframe_text=text)
    measure.timeframe_kind = TimeframeKind.QUARTER  # whatever was chosen before
    measure.quarter = 4
    measure.clean()
    start, end = measure.timeframe_bounds()
    assert (start.isoformat(), end.isoformat()) == bounds
    assert measure.timeframe_label() == " ".join(text.split())


def test_words_that_give_no_range_need_one_chosen(plan):
    measure = timeframe(
        plan,
        timeframe_text="ตามความเหมาะสม",
        timeframe_kind=TimeframeKind.MONTHS,
        start_month=None,
    )
    with pytest.raises(ValidationError) as error:
        measure.clean()
    assert error.value.message_dict == {"start_month": ["กรุณาเลือกเดือนเริ่ม"]}
    measure.start_month, measure.end_month = 1, 3
    measure.clean()
    assert measure.timeframe_label() == "ตามความเหมาะสม"  # printed as typed
    assert measure.timeframe_range_label() == "ม.ค. 66 – มี.ค. 66"


def test_words_that_run_backwards_are_refused(plan):
    measure = timeframe(plan, timeframe_text="มี.ค. 2566 - ต.ค. 2565")
    with pytest.raises(ValidationError) as error:
        measure.clean()
    assert "timeframe_text" in error.value.message_dict


def test_the_form_takes_the_words_alone(plan):
    measure = plan.measures.first()
    data = measure_data(measure, timeframe_text="ต.ค. 2566")
    data.update(timeframe_kind="year", start_month="", end_month="", quarter="")
    form = MeasureForm(data, instance=measure, plan=plan)
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.timeframe_kind, saved.start_month, saved.start_year) == (
        "months",
        10,
        2566,
    )
