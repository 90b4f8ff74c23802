"""The XLSX template, export and all-or-nothing import of an assessment."""

import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from assessments import services, spreadsheets
from assessments.models import (
    Assessment,
    FrameworkYear,
    Indicator,
    IndicatorScore,
    Item,
    ItemResult,
    SubIndicator,
)
from assessments.scoring import ItemEntry
from ita_portal import xlsx
from tests.assessments.seeds import NONGPHAILOM_2565, O24_NOTE

pytestmark = pytest.mark.django_db
FY = 2565


@pytest.fixture
def framework(db):
    return FrameworkYear.objects.get(fiscal_year=FY)


@pytest.fixture
def assessment(org, framework):
    return services.assessment_create(organization=org, fiscal_year=FY, by=None)


@pytest.fixture
def fresh(other_org, framework):
    return services.assessment_create(organization=other_org, fiscal_year=FY, by=None)


def sheet_of(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def row_of(sheet) -> dict[str, int]:
    """code -> row number."""
    return {
        str(sheet.cell(n, 1).value): n
        for n in range(2, sheet.max_row + 1)
        if sheet.cell(n, 1).value is not None
    }


def filled(framework, values: dict[str, object], notes=None) -> bytes:
    """The year's template with column C (and D) filled in by code."""
    sheet = sheet_of(spreadsheets.template_bytes(framework))
    rows = row_of(sheet)
    for code, value in values.items():
        sheet.cell(rows[code], 3).value = value
    for code, note in (notes or {}).items():
        sheet.cell(rows[code], 4).value = note
    out = io.BytesIO()
    sheet.parent.save(out)
    return out.getvalue()


def indicator_values(scores=NONGPHAILOM_2565) -> dict[str, D]:
    return {str(number): score for number, score in scores.items()}


def stored_counts():
    return (
        Assessment.objects.count(),
        IndicatorScore.objects.count(),
        ItemResult.objects.count(),
    )


def test_it_writes_one_row_per_element_of_the_year_in_column_a(framework):
    sheet = sheet_of(spreadsheets.template_bytes(framework))

    elements = (
        Indicator.objects.filter(framework=framework).count()
        + SubIndicator.objects.filter(indicator__framework=framework).count()
        + Item.objects.filter(framework=framework).count()
    )
    codes = [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)]
    assert sheet.title == "ITA 2565"
    assert [c.value for c in sheet[1]] == ["รหัส", "รายการ", "คะแนน", "หมายเหตุ"]
    assert len(codes) == elements + 1
    assert codes[:2] == ["1", "i1"]
    assert {"9.1", "10.2", "e1", "O1", "O24"} <= set(codes)
    assert codes.index("9") < codes.index("9.1") < codes.index("O1")
    assert codes[-1] == "ITA"
    assert all(isinstance(code, str) for code in codes)
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(1, 1).font.b
    assert all(sheet.cell(n, 3).value is None for n in range(2, sheet.max_row + 1))


def test_it_round_trips_what_was_entered(assessment, fresh, framework):
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=NONGPHAILOM_2565,
        items={
            "O24": ItemEntry(passed=False, note=O24_NOTE),
            "O1": ItemEntry(passed=True),
            "i1": ItemEntry(score=D("87.25"), note="=ข้อสังเกต ไม่ใช่สูตร"),
        },
        reported_overall=D("96.62"),
        reported_grade="AA",
    )
    data = spreadsheets.export_bytes(assessment)
    sheet = sheet_of(data)
    rows = row_of(sheet)
    assert sheet.cell(rows["O24"], 3).value == 0
    assert sheet.cell(rows["O24"], 4).value == O24_NOTE
    assert sheet.cell(rows["O1"], 3).value == 100
    assert sheet.cell(rows["ITA"], 4).value == "AA"

    outcome = spreadsheets.import_file(
        assessment=fresh, upload=io.BytesIO(data), by=None
    )

    assert outcome.ok, outcome.errors
    assert outcome.count == 10 + 3 + 1
    fresh.refresh_from_db()
    assert services.entered_scores(fresh) == services.entered_scores(assessment)
    assert services.evaluate(fresh).result.overall == D("96.62")


def test_it_computes_the_overall_score_from_the_ten_indicator_rows(
    assessment, framework
):
    data = filled(framework, indicator_values())

    outcome = spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(data), by=None
    )

    assert outcome.ok and outcome.count == 10
    result = services.evaluate(assessment).result
    assert result.overall == D("96.62")
    assert result.grade == "AA"


@pytest.mark.parametrize("bad", [105, "abc", -1])
def test_it_saves_nothing_when_one_row_is_wrong(assessment, framework, bad):
    values = indicator_values()
    values["5"] = bad
    data = filled(framework, values)
    row = row_of(sheet_of(data))["5"]
    before = stored_counts()

    outcome = spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(data), by=None
    )

    assert not outcome.ok
    assert stored_counts() == before
    [error] = outcome.errors
    assert (error.row, error.code) == (row, "5")
    assert str(bad) in error.message
    assert spreadsheets.describe(error).startswith(f"แถวที่ {row} (รหัส 5): ")


def test_it_reports_every_bad_row(assessment, framework):
    values = {**indicator_values(), "1": 105, "6": "abc", "O3": 50}
    data = filled(framework, values)
    sheet = sheet_of(data)
    rows = row_of(sheet)
    sheet.cell(sheet.max_row + 1, 1).value = "X9"
    sheet.cell(sheet.max_row, 3).value = 10
    sheet.cell(sheet.max_row + 1, 1).value = "2"
    sheet.cell(sheet.max_row, 3).value = 90
    out = io.BytesIO()
    sheet.parent.save(out)
    last = sheet.max_row

    outcome = spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(out.getvalue()), by=None
    )

    assert not outcome.ok
    assert [(e.row, e.code) for e in outcome.errors] == [
        (rows["1"], "1"),
        (rows["6"], "6"),
        (rows["O3"], "O3"),
        (last - 1, "X9"),
        (last, "2"),
    ]
    assert outcome.errors[2].message == str(spreadsheets.NOT_PASS_FAIL)
    assert outcome.errors[4].message == spreadsheets.DUPLICATE_CODE.format(
        first=rows["2"]
    )
    assert not IndicatorScore.objects.filter(assessment=assessment).exists()


def test_it_accepts_thai_digits_and_thai_words(assessment, framework):
    data = filled(
        framework,
        {"1": "๙๖.๖๒", "O1": "มี", "O2": "ไม่มี", "O3": "ผ่าน", "O4": "ไม่ผ่าน"}
        | {"O5": "๑๐๐", "O6": "๐", "ITA": "๙๖.๖๒"},
        notes={"ITA": "aa"},
    )

    outcome = spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(data), by=None
    )

    assert outcome.ok, outcome.errors
    entered = services.entered_scores(assessment)
    assert entered.indicators == {1: D("96.62")}
    assert {code: entry.passed for code, entry in entered.items.items()} == {
        "O1": True,
        "O2": False,
        "O3": True,
        "O4": False,
        "O5": True,
        "O6": False,
    }
    assert (entered.reported_overall, entered.reported_grade) == (D("96.62"), "AA")


def test_it_leaves_rows_without_a_score_as_they_are(assessment, framework):
    services.assessment_set_scores(
        assessment=assessment, by=None, indicators={2: D("50")}, reported_grade="B"
    )
    data = filled(framework, {"1": 80})

    assert spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(data), by=None
    ).ok

    entered = services.entered_scores(assessment)
    assert entered.indicators == {1: D("80"), 2: D("50")}
    assert entered.reported_grade == "B"


def test_it_refuses_formulas(assessment, framework):
    data = filled(framework, {"1": "=90+1", "2": 90})

    parsed = spreadsheets.parse_workbook(data, framework)

    assert [(e.code, e.message) for e in parsed.errors] == [
        ("1", str(spreadsheets.FORMULA))
    ]
    assert str(spreadsheets.FORMULA) == "ไม่รับสูตร กรุณาพิมพ์ตัวเลข"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        bytes(range(256)) * 4,
        b"PK\x03\x04 not really a zip",
    ],
)
def test_it_refuses_a_file_that_is_not_xlsx(assessment, framework, data):
    before = stored_counts()

    outcome = spreadsheets.import_file(
        assessment=assessment, upload=io.BytesIO(data), by=None
    )

    assert not outcome.ok
    assert outcome.errors == [spreadsheets.RowError(0, "", str(spreadsheets.NOT_XLSX))]
    assert stored_counts() == before


def test_it_refuses_an_empty_file_and_an_empty_sheet(framework):
    empty = io.BytesIO()
    openpyxl.Workbook().save(empty)

    for data in (b"", empty.getvalue()):
        parsed = spreadsheets.parse_workbook(data, framework)
        assert parsed.errors == [
            spreadsheets.RowError(0, "", str(spreadsheets.EMPTY_SHEET))
        ]


def test_it_refuses_a_template_with_nothing_entered(framework):
    parsed = spreadsheets.parse_workbook(
        spreadsheets.template_bytes(framework), framework
    )

    assert [e.message for e in parsed.errors] == [str(spreadsheets.NOTHING_ENTERED)]


def test_it_refuses_the_template_of_another_year(framework):
    other = FrameworkYear.objects.get(fiscal_year=2566)
    data = filled(other, {"1": 90})

    parsed = spreadsheets.parse_workbook(data, framework)

    assert [e.message for e in parsed.errors] == [
        spreadsheets.WRONG_YEAR.format(found=2566, year=FY)
    ]


def test_it_stops_reading_past_the_row_limit(framework, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 200)
    sheet = sheet_of(filled(framework, {"1": 90}))
    sheet.cell(500, 1).value = "1"
    out = io.BytesIO()
    sheet.parent.save(out)

    parsed = spreadsheets.parse_workbook(out.getvalue(), framework)

    assert [e.message for e in parsed.errors] == [
        spreadsheets.TOO_MANY_ROWS.format(limit=200)
    ]


def test_it_refuses_a_file_over_the_size_limit(framework):
    data = filled(framework, {"1": 90})

    with override_settings(UPLOAD_MAX_BYTES=len(data) - 1):
        parsed = spreadsheets.parse_workbook(io.BytesIO(data), framework)

    assert len(parsed.errors) == 1
    assert parsed.errors[0].row == 0


def upload(data: bytes, name="scores.xlsx"):
    return SimpleUploadedFile(name, data, content_type=xlsx.XLSX_MIME)


def test_the_form_accepts_an_xlsx_file(framework):
    form = spreadsheets.ImportForm(
        files={"file": upload(spreadsheets.template_bytes(framework))}
    )

    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"", "zip"],
    ids=["pdf", "empty", "plain-zip"],
)
def test_the_form_refuses_other_files(data):
    if data == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        data = buffer.getvalue()

    form = spreadsheets.ImportForm(files={"file": upload(data)})

    assert not form.is_valid()
    assert "file" in form.errors


def test_the_form_refuses_a_file_over_the_limit(framework):
    data = spreadsheets.template_bytes(framework)

    with override_settings(UPLOAD_MAX_BYTES=1000):
        form = spreadsheets.ImportForm(files={"file": upload(data)})
        assert not form.is_valid()

    assert "file" in form.errors


def test_it_refuses_a_sheet_whose_size_is_past_the_scan_window(framework, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 200)
    sheet = sheet_of(filled(framework, {"1": 90}))
    sheet.cell(5000, 1).value = "1"
    out = io.BytesIO()
    sheet.parent.save(out)

    parsed = spreadsheets.parse_workbook(out.getvalue(), framework)

    assert [e.message for e in parsed.errors] == [
        spreadsheets.TOO_MANY_ROWS.format(limit=200)
    ]
