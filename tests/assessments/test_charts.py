"""Server-side SVG charts: well-formed, accessible, deterministic (no database)."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal

from assessments.charts import (
    format_score,
    indicator_bars,
    score_trend,
    truncate_label,
)

SVG = "{http://www.w3.org/2000/svg}"
THAI_DIGIT = re.compile("[๐-๙]")


@dataclass
class Row:
    label: str
    score: Decimal | None
    group: str | None = None


ROWS = [
    Row("1. การปฏิบัติหน้าที่", Decimal("88.19"), "IIT"),
    Row("2. การใช้งบประมาณ", Decimal("79.50"), "IIT"),
    Row("9. การเปิดเผยข้อมูล", Decimal("97.00"), "OIT"),
]

TREND = [
    (
        "เทศบาลตำบลคลองพน",
        [(2563, 78.5), (2564, 82.1), (2565, None), (2566, 88.19), (2567, 91.3)],
    ),
    ("ค่าเฉลี่ยจังหวัด", [(2563, 80), (2564, 83), (2565, 84.2), (2566, 86)]),
]


def parse(svg):
    return ET.fromstring(str(svg))


def by_class(root, tag, name):
    return [el for el in root.iter(SVG + tag) if name in el.get("class", "").split()]


def bars(root):
    return by_class(root, "rect", "bar")


def visible_text(root):
    """Every text drawn, without the white halo copies and tooltips."""
    return [
        "".join(t for t in el.itertext())
        for el in root.iter(SVG + "text")
        if "halo" not in el.get("class", "").split()
    ]


def test_it_draws_a_well_formed_accessible_svg():
    root = parse(indicator_bars(ROWS, title="คะแนนรายตัวชี้วัด"))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    # Its own width at most (portal.css's .ita-chart narrows it on a phone).
    assert root.get("width") == "720"
    assert root.get("style") is None  # the Content-Security-Policy allows none
    assert root.get("viewBox").startswith("0 0 720 ")
    title = root.find(SVG + "title")
    assert title.text == "คะแนนรายตัวชี้วัด"
    assert root.get("aria-labelledby") == title.get("id")
    desc = root.find(SVG + "desc")
    assert root.get("aria-describedby") == desc.get("id")
    assert "1. การปฏิบัติหน้าที่ 88.19" in desc.text
    assert "เกณฑ์ผ่าน 85" in desc.text


def test_it_draws_one_bar_per_row_with_a_score():
    rows = [*ROWS, Row("5. การแก้ไขปัญหาการทุจริต", None)]
    assert len(bars(parse(indicator_bars(rows)))) == 3


def test_it_accepts_dicts_and_tuples_as_rows():
    rows = [
        {"label": "1. การปฏิบัติหน้าที่", "score": Decimal("88.19"), "group": "IIT"},
        ("2. การใช้งบประมาณ", 79.5),
    ]
    root = parse(indicator_bars(rows))
    assert len(bars(root)) == 2
    assert "88.19" in visible_text(root)
    assert "79.50" in visible_text(root)


def test_it_marks_a_bar_under_the_pass_mark_as_a_warning():
    root = parse(indicator_bars(ROWS))
    above, below, _ = bars(root)
    assert "bar--below" in below.get("class")
    assert below.get("fill") != above.get("fill")
    assert "bar--below" not in above.get("class")
    assert "ต่ำกว่าเกณฑ์ผ่าน" in root.find(SVG + "desc").text


def test_it_draws_bars_in_proportion_to_the_score():
    rows = [Row("ครึ่ง", Decimal("50")), Row("เต็ม", Decimal("100"))]
    half, full = (float(b.get("width")) for b in bars(parse(indicator_bars(rows))))
    assert abs(half * 2 - full) <= 0.2


def test_it_colours_bars_by_instrument_with_a_legend():
    root = parse(indicator_bars(ROWS))
    iit, _, oit = bars(root)
    assert iit.get("fill") != oit.get("fill")
    legend = "".join(by_class(root, "g", "legend")[0].itertext())
    assert "IIT" in legend and "OIT" in legend and "EIT" not in legend


def test_it_writes_thai_digits_only_when_asked():
    arabic = indicator_bars(ROWS, title="ตัวชี้วัด")
    thai = indicator_bars(ROWS, title="ตัวชี้วัด", thai_digits=True)
    assert not THAI_DIGIT.search(arabic)
    assert "๘๘.๑๙" in visible_text(parse(thai))
    assert "เกณฑ์ผ่าน ๘๕" in visible_text(parse(thai))
    assert not THAI_DIGIT.search(score_trend(TREND))
    trend_text = visible_text(parse(score_trend(TREND, thai_digits=True)))
    assert "๒๕๖๕" in trend_text


def test_it_escapes_labels_and_titles():
    rows = [Row('<script>alert("x")</script> & "ข้อ"', Decimal("90"))]
    svg = indicator_bars(rows, title="<b>A & B</b>")
    root = parse(svg)  # well-formed XML
    assert not list(root.iter(SVG + "script"))
    assert not list(root.iter("script"))
    assert "<script>" not in svg
    assert root.find(SVG + "title").text == "<b>A & B</b>"
    trend = score_trend([("<script>&", [(2566, 90)])], title="x & y")
    root = parse(trend)
    assert not list(root.iter(SVG + "script"))
    assert "<script>&" in "".join(root.itertext())


def test_it_writes_no_data_and_draws_no_bar_for_a_missing_score():
    root = parse(indicator_bars([Row("5. การแก้ไขปัญหาการทุจริต", None)]))
    assert bars(root) == []
    assert "ไม่มีข้อมูล" in visible_text(root)
    assert "การแก้ไขปัญหาการทุจริต ไม่มีข้อมูล" in root.find(SVG + "desc").text


def test_it_grows_taller_with_more_rows():
    def height(svg):
        return float(parse(svg).get("viewBox").split()[3])

    assert height(indicator_bars(ROWS * 4)) > height(indicator_bars(ROWS))


def test_it_truncates_long_labels_without_splitting_marks():
    label = "6. คุณภาพการดำเนินงานและการให้บริการประชาชนอย่างเท่าเทียมกัน"
    short = truncate_label(label)
    assert short.endswith("…")
    assert label.startswith(short[:-1])
    # Never end on a base consonant whose mark was cut off.
    next_char = label[len(short) - 1]
    assert not ("\u0e31" == next_char or "\u0e34" <= next_char <= "\u0e3a")
    assert not ("\u0e47" <= next_char <= "\u0e4e")
    assert truncate_label("กี่ ที่ นี่", 4) == "กี่ ที่…"
    assert truncate_label("1. การปฏิบัติหน้าที่") == "1. การปฏิบัติหน้าที่"
    root = parse(indicator_bars([Row(label, Decimal("90"))]))
    drawn = [el for el in by_class(root, "text", "label")][0]
    assert drawn.find(SVG + "title").text == label  # full label as tooltip


def test_it_formats_scores_with_two_decimals():
    assert format_score(Decimal("88.1"), False) == "88.10"
    assert format_score(84.995, True) == "๘๕.๐๐"
    assert format_score(None, False) == "ไม่มีข้อมูล"


def test_it_draws_a_dot_per_trend_point_with_a_tooltip():
    root = parse(score_trend(TREND, title="แนวโน้มคะแนน ITA"))
    points = by_class(root, "circle", "point")
    assert len(points) == 8  # 9 points, one None
    tips = [p.find(SVG + "title").text for p in points]
    assert "เทศบาลตำบลคลองพน ปีงบประมาณ 2566: 88.19" in tips
    legend = "".join(by_class(root, "g", "legend")[0].itertext())
    assert "ค่าเฉลี่ยจังหวัด" in legend and "เกณฑ์ผ่าน 85" in legend
    assert len(by_class(root, "line", "pass-mark")) == 1


def test_it_breaks_the_trend_line_at_a_gap():
    root = parse(score_trend(TREND[:1]))
    lines = by_class(root, "polyline", "line")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]


def test_it_draws_only_dots_for_a_single_year():
    root = parse(score_trend([("คลองพน", [(2567, Decimal("91.30"))])]))
    assert by_class(root, "polyline", "line") == []
    assert len(by_class(root, "circle", "point")) == 1


def test_it_starts_the_trend_axis_below_the_lowest_score():
    labels = visible_text(parse(score_trend(TREND)))
    assert "70" in labels and "100" in labels
    assert "60" not in labels and "0" not in labels
    low = visible_text(parse(score_trend([("ต่ำ", [(2566, 5), (2567, 40)])])))
    assert "0" in low


def test_it_gives_the_same_svg_for_the_same_input():
    assert score_trend(TREND, title="t") == score_trend(TREND, title="t")
    assert indicator_bars(ROWS, title="t") == indicator_bars(ROWS, title="t")
    assert indicator_bars(ROWS) != indicator_bars(ROWS[:2])


def test_it_rounds_coordinates_to_one_decimal():
    svg = indicator_bars(ROWS, width=733) + score_trend(TREND, width=733)
    numbers = re.findall(r'(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([-0-9.]+)"', svg)
    assert numbers
    assert all(len(n.partition(".")[2]) <= 1 for n in numbers)


def test_it_uses_no_scripts_or_external_references():
    svg = indicator_bars(ROWS) + score_trend(TREND)
    assert "<script" not in svg
    assert "href" not in svg
    assert "url(" not in svg
