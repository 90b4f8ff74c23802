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
