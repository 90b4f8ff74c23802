"""The assessment_template, import_assessment and assessment_json commands."""

import io
import json
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from assessments import services
from assessments.models import Assessment, IndicatorScore, ItemResult
from assessments.scoring import ItemEntry
from tests.assessments.seeds import CHAEMAE_2564, NONGPHAILOM_2565, O24_NOTE

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def as_json(org, fy) -> dict:
    return json.loads(run("assessment_json", "--org", org.slug, "--fy", str(fy)))


def fill(path, values: dict[str, object], notes=None) -> None:
    """Fill the template at `path` in place, by the codes in column A."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = {str(sheet.cell(n, 1).value): n for n in range(2, sheet.max_row + 1)}
    for code, value in values.items():
        sheet.cell(rows[code], 3).value = value
    for code, note in (notes or {}).items():
        sheet.cell(rows[code], 4).value = note
    workbook.save(path)


def test_it_writes_the_template_of_a_year(tmp_path, db):
    out = tmp_path / "t.xlsx"

    run("assessment_template", "--fy", "2565", "--out", str(out))

    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.title == "ITA 2565"
    assert sheet.cell(sheet.max_row, 1).value == "ITA"


def test_it_refuses_a_year_without_a_framework(tmp_path, db):
    out = tmp_path / "t.xlsx"

    with pytest.raises(CommandError, match="2400"):
        run("assessment_template", "--fy", "2400", "--out", str(out))

    assert not out.exists()


def test_it_imports_a_filled_template_and_prints_the_result(tmp_path, org):
    path = tmp_path / "scores.xlsx"
    run("assessment_template", "--fy", "2565", "--out", str(path))
    values = {str(n): score for n, score in NONGPHAILOM_2565.items()}
    fill(
        path,
        {**values, "O24": 0, "ITA": 96.62},
        notes={"O24": O24_NOTE, "ITA": "AA"},
    )

    output = run("import_assessment", "--org", org.slug, "--fy", "2565", str(path))
    data = as_json(org, 2565)

    assert "12" in output
    assert data["organization"] == "klongphon"
    assert data["fiscal_year"] == 2565
    assert (data["overall"], data["grade"], data["passed"]) == ("96.62", "AA", True)
    assert (data["reported_overall"], data["reported_grade"]) == ("96.62", "AA")
    assert set(data["instruments"]) == {"IIT", "EIT", "OIT"}
    assert data["instruments"]["OIT"] == "98.57"
    assert data["indicators"]["1"] == "93.85"
    assert data["indicators"]["10"] == "100.00"
    assert set(data["sub_indicators"]) >= {"9.1", "10.2"}
    o24 = [w for w in data["weaknesses"] if w["code"] == "O24"]
    assert o24 and o24[0]["kind"] == "item" and o24[0]["note"] == O24_NOTE
    assert data["warnings"] == []


def test_it_imports_into_an_existing_assessment(tmp_path, org):
    assessment = services.assessment_create(organization=org, fiscal_year=2565, by=None)
    path = tmp_path / "scores.xlsx"
    run("assessment_template", "--fy", "2565", "--out", str(path))
    fill(path, {"1": "๙๐"})

    run("import_assessment", "--org", org.slug, "--fy", "2565", str(path))

    assert services.entered_scores(assessment).indicators == {1: D("90")}
    assert Assessment.objects.count() == 1


def test_it_saves_nothing_and_names_the_bad_rows(tmp_path, org):
    path = tmp_path / "bad.xlsx"
    run("assessment_template", "--fy", "2565", "--out", str(path))
    fill(path, {"1": 90, "5": 105, "6": "abc"})
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_assessment",
            "--org",
            org.slug,
            "--fy",
            "2565",
            str(path),
            stdout=io.StringIO(),
            stderr=err,
        )

    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert "(รหัส 5)" in lines[0] and lines[0].startswith("แถวที่ ")
    assert "105" in lines[0]
    assert "(รหัส 6)" in lines[1] and "abc" in lines[1]
    assert not Assessment.objects.exists()
    assert not IndicatorScore.objects.exists()
    assert not ItemResult.objects.exists()


def test_it_refuses_a_file_that_is_not_a_workbook(tmp_path, org):
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"%PDF-1.7\n")

    with pytest.raises(CommandError):
        call_command(
            "import_assessment",
            "--org",
            org.slug,
            "--fy",
            "2565",
            str(path),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    assert not Assessment.objects.exists()


def test_it_warns_when_the_reported_overall_score_does_not_match(org):
    assessment = services.assessment_create(organization=org, fiscal_year=2564, by=None)
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=CHAEMAE_2564,
        reported_overall=D("78.77"),
        reported_grade="B",
    )

    data = as_json(org, 2564)

    assert data["overall"] == "78.85"
    assert data["reported_overall"] == "78.77"
    assert [w["code"] for w in data["warnings"]] == ["overall_mismatch"]
    assert "78.85" in data["warnings"][0]["message"]


def test_it_prints_null_for_what_cannot_be_computed(org):
    assessment = services.assessment_create(organization=org, fiscal_year=2565, by=None)
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        items={"O1": ItemEntry(passed=True)},
    )

    data = as_json(org, 2565)

    assert data["overall"] is None and data["grade"] is None
    assert data["passed"] is None
    assert data["indicators"]["1"] is None
    assert data["instruments"]["IIT"] is None
    assert data["reported_overall"] is None


def test_it_refuses_an_organisation_without_that_year(org):
    with pytest.raises(CommandError):
        as_json(org, 2565)
