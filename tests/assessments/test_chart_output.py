"""The charts' exact SVG for fixed inputs, recorded in chart_output/.

Written before assessments/charts.py became a package (issue 20, item 2):
a refactoring of the charts must give the same bytes. After a change meant to
alter a chart, record the new output and review its diff:

    UPDATE_CHART_OUTPUT=1 ./test.sh tests/assessments/test_chart_output.py
"""

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from assessments import charts
from measures.charts import status_bars

RECORDED = Path(__file__).parent / "chart_output"


@dataclass
class Row:
    label: str
    score: Decimal | None
    group: str | None = None


LONG = "ตัวชี้วัดที่มีชื่อยาวมากเกินกว่าที่จะแสดงได้ทั้งหมดในแผนภูมิ เพื่อทดสอบการตัดคำ"
ROWS = [
    Row("1. การปฏิบัติหน้าที่", Decimal("88.19"), "IIT"),
    Row("2. การใช้งบประมาณ", Decimal("79.50"), "IIT"),
    Row("5. การแก้ไขปัญหาการทุจริต", None, "EIT"),
    Row("9. การเปิดเผยข้อมูล", Decimal("97.00"), "OIT"),
]
MIXED = [
    {"label": '  ตัวชี้วัด <พิเศษ> & "อื่น"  ', "score": "84.99", "group": "XYZ"},
    ("แท่งที่สอง", 100, "ABC"),
    ("แท่งที่สาม", "", None),
    (LONG, 12.5, "IIT"),
    ("เกินร้อย", 120),
]
TREND = [
    (
        "เทศบาลตำบลคลองพน",
        [(2563, 78.5), (2564, 82.1), (2565, None), (2566, 88.19), (2567, 91.3)],
    ),
    ("ค่าเฉลี่ยจังหวัด", [(2563, 80), (2564, 83), (2565, 84.2), (2566, 86)]),
]
MANY = [
    (f"ชุดที่ {i}", [(2550 + y, 40 + 7 * i + 3 * y) for y in range(0, 14, 1 + i % 3)])
    for i in range(11)
]

CASES = {
    "bars-default": lambda: charts.indicator_bars(ROWS),
    "bars-titled-thai-digits": lambda: charts.indicator_bars(
        ROWS, title="คะแนนรายตัวชี้วัด", thai_digits=True, pass_mark="85.5"
    ),
    "bars-mixed-narrow": lambda: charts.indicator_bars(
        MIXED, pass_mark=None, width=320
    ),
    "bars-wide-id": lambda: charts.indicator_bars(
        MIXED, pass_mark=90, width=1200, chart_id="fixed"
    ),
    "bars-no-groups": lambda: charts.indicator_bars(
        [("ก", 50), ("ข", 95)], pass_mark=99.9
    ),
    "bars-empty": lambda: charts.indicator_bars([]),
    "trend-two": lambda: charts.score_trend(TREND),
    "trend-two-titled-thai": lambda: charts.score_trend(
        TREND, title="แนวโน้ม", thai_digits=True, pass_mark="70"
    ),
    "trend-one-short": lambda: charts.score_trend(
        [("ก", [(2566, 95), (2564, 20), (2565, "33.3")])], height=100, width=400
    ),
    "trend-equal-low": lambda: charts.score_trend(
        [("ก", [(2560, 30), (2561, 30)]), ("ข", [(2560, 30), (2561, 31)])],
        pass_mark=30,
    ),
    "trend-many": lambda: charts.score_trend(MANY, width=500, chart_id="many"),
    "trend-empty": lambda: charts.score_trend([]),
    "trend-no-scores": lambda: charts.score_trend([("ก", [(2566, None)])]),
    "status-bars": lambda: status_bars(
        [
            ("ทั้งแผน", {"done": 2, "in_progress": 1, "not_started": 1}, 1),
            ("กองช่าง <ทดสอบ>", {"not_started": 1}, 1),
            ("กองคลัง", {}, 0),
        ],
        title="ความก้าวหน้าตามส่วนราชการ",
        thai_digits=True,
    ),
    "status-bars-empty": lambda: status_bars([]),
}


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_chart_is_the_recorded_one(case, language):
    with translation.override(language):
        svg = str(CASES[case]())
    path = RECORDED / f"{case}.{language}.svg"
    if os.environ.get("UPDATE_CHART_OUTPUT"):
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8")
