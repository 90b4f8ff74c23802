"""A measure's timeframe and a reporting round's period on the English pages
(issue 22): English months and words there, Thai on the Thai pages and in
documents (tests/reports/test_document_language.py)."""

import pytest
from django.utils import translation

from measures.models import ReportingRound, TimeframeKind
from measures.selectors import indicator_names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "thai", "english"),
    [
        (
            {"timeframe_kind": TimeframeKind.MONTHS, "start_month": 10, "end_month": 3},
            "ต.ค. 65 – มี.ค. 66",
            "Oct 2565 – Mar 2566",
        ),
        (
            {"timeframe_kind": TimeframeKind.QUARTER, "quarter": 2},
            "ไตรมาสที่ 2",
            "Quarter 2",
        ),
        (
            {"timeframe_kind": TimeframeKind.YEAR},
            "ตลอดปีงบประมาณ พ.ศ. 2566",
            "Throughout fiscal year 2566",
        ),
    ],
)
def test_a_timeframe_reads_in_the_pages_language(plan, fields, thai, english):
    measure = plan.measures.first()
    for name, value in fields.items():
        setattr(measure, name, value)
    with translation.override("th"):
        assert measure.timeframe_label() == thai
    with translation.override("en"):
        assert measure.timeframe_label() == english


def test_a_rounds_period_reads_in_the_pages_language(plan, settings):
    starts_on, ends_on = ReportingRound.period_bounds(2566, "half")
    round_ = ReportingRound(
        plan=plan, period="half", starts_on=starts_on, ends_on=ends_on
    )
    with translation.override("th"):
        assert round_.label() == "รอบ 6 เดือน (1 ตุลาคม 2565 – 31 มีนาคม 2566)"
    with translation.override("en"):
        assert round_.label() == "6-month round (1 October 2565 – 31 March 2566)"
        settings.ENGLISH_DATE_ERA = "CE"
        assert round_.label() == "6-month round (1 October 2022 – 31 March 2023)"


def test_progress_is_tallied_under_the_indicators_english_names(plan):
    with translation.override("en"):
        assert indicator_names(plan)[1] == "Performance of duties"
    with translation.override("th"):
        assert indicator_names(plan)[1] == "การปฏิบัติหน้าที่"


def test_the_progress_chart_speaks_the_pages_language():
    from measures.charts import status_bars

    rows = [("กองคลัง", {"not_started": 2, "done": 1}, 1), ("กองช่าง", {}, 0)]
    with translation.override("en"):
        svg = status_bars(rows)
    assert "3 measures" in svg and "1 overdue" in svg and "No measures" in svg
    assert "มาตรการ" not in svg and "เลยกำหนด" not in svg
    with translation.override("th"):
        svg = status_bars(rows)
    assert "3 มาตรการ" in svg and "เลยกำหนด 1" in svg
