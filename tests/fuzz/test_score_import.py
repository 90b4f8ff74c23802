"""Bad input on the XLSX score import: files that are not a workbook, broken
workbooks, enormous ones, and the year's own sheet with any cell changed.

Isolation: see tests/fuzz/conftest.py. The import is all or nothing, so every
refused file must leave the score tables exactly as they were.
"""

import io
import zipfile
from datetime import datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assessments import spreadsheets
from assessments.models import (
    Assessment,
    IndicatorScore,
    ItemResult,
    SubIndicatorScore,
)
from ita_portal import xlsx
from tests.fuzz.helpers import (
    FORMULAS,
    IMG,
    PAYLOADS,
    PDF,
    PNG,
    SCRIPT,
    assert_echoed_escaped,
    assert_escaped,
    assert_thai,
    bad_files,
    error_messages,
    example_state,
    file_names,
    fuzz,
    numbers,
    rows,
    texts,
    zip_bytes,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

SCORE_TABLES = (Assessment, IndicatorScore, SubIndicatorScore, ItemResult)
XLSX_MIME = xlsx.XLSX_MIME


@pytest.fixture
def staff(login, people, assessment):
    return login(people.staff)


@pytest.fixture
def template(assessment) -> bytes:
    return spreadsheets.template_bytes(assessment.framework)


def upload(client, assessment, content: bytes, name="คะแนน.xlsx"):
    url = reverse("assessments:import", args=[assessment.pk])
    return client.post(
        url, {"file": SimpleUploadedFile(name, content, content_type=XLSX_MIME)}
    )


def problems_of(response) -> list[str]:
    """What the page says is wrong: the form's errors and the file's rows."""
    problems = [str(p) for p in response.context.get("problems") or []]
    return error_messages(response) + problems


def check(response, before, after, posted="") -> None:
    """Imported, or refused with Thai reasons and nothing stored."""
    if response.status_code == 302:
        return
    assert response.status_code == 200, response.status_code
    assert_thai(problems_of(response))
    assert before == after, "a refused import changed the scores"
    assert_escaped(response)
    if (
        posted
        and "<" in posted
        and any(p.row for p in response.context.get("problems") or [])
    ):
        # Codes and values the sheet held are quoted back in the problems.
        body = response.content.decode()
        for raw in PAYLOADS:
            assert raw not in body


# --- files that are not a workbook ------------------------------------------


def _zip_bomb() -> bytes:
    """A small zip that unzips to more than the import will read."""
    big = b"0" * (xlsx.MAX_UNZIPPED_BYTES + 1)
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/worksheets/a.xml": big})


def _far_cell(template: bytes, row: int) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    book.worksheets[0].cell(row, 3).value = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _damaged_sheet(template: bytes, how: str) -> bytes:
    """`template` with its worksheet broken inside a zip that still opens:
    a stray byte in the sheet's XML, or its compressed bytes changed so that
    the checksum fails. openpyxl opens both and fails only on reading cells."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    if how == "xml":
        xml = members[sheet]
        cut = xml.index(b"<sheetData>") + len(b"<sheetData>")
        members[sheet] = xml[:cut] + b'<row r="1"><c \x01/>' + xml[cut:]
        return zip_bytes(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    data = bytearray(out.getvalue())
    at = data.index(b"<sheetData>")
    data[at + 1 : at + 10] = b"sheetDota"  # same length, wrong checksum
    return bytes(data)


DAMAGED = ("damaged sheet xml", "bad crc")


@pytest.mark.parametrize(
    "kind",
    [
        *DAMAGED,
        "zero bytes",
        "png named xlsx",
        "pdf named xlsx",
        "html named xlsx",
        "truncated",
        "zip without workbook",
        "zip bomb",
        "too large",
        "row past the limit",
        "last row of excel",
        "workbook without sheets' data",
    ],
)
def test_it_refuses_files_that_are_not_a_score_sheet(
    staff, assessment, template, settings, kind
):
    settings.UPLOAD_MAX_BYTES = max(len(template) * 2, 200_000)
    content = {
        "damaged sheet xml": lambda: _damaged_sheet(template, "xml"),
        "bad crc": lambda: _damaged_sheet(template, "crc"),
        "zero bytes": lambda: b"",
        "png named xlsx": lambda: PNG,
        "pdf named xlsx": lambda: PDF,
        "html named xlsx": lambda: b"<html>" + SCRIPT.encode(),
        "truncated": lambda: template[: len(template) // 2],
        "zip without workbook": lambda: zip_bytes({"a.txt": b"a"}),
        "zip bomb": _zip_bomb,
        "too large": lambda: template + b"\0" * settings.UPLOAD_MAX_BYTES,
        "row past the limit": lambda: _far_cell(template, spreadsheets.MAX_ROWS + 1),
        "last row of excel": lambda: _far_cell(template, 1_048_576),
        "workbook without sheets' data": lambda: zip_bytes(
            {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
        ),
    }[kind]()
    before = rows(*SCORE_TABLES)
    response = upload(staff, assessment, content)
    assert response.status_code == 200
    assert_thai(problems_of(response))
    assert rows(*SCORE_TABLES) == before
    assert_escaped(response)


@fuzz(30)
@given(data=st.data())
@example(data="xml")  # a stray byte in the sheet's XML: was a 500
@example(data="crc")
def test_it_refuses_broken_and_foreign_files_in_thai(staff, assessment, template, data):
    if isinstance(data, str):
        content, name = _damaged_sheet(template, data), "คะแนน.xlsx"
    else:
        content = data.draw(bad_files(template))
        name = data.draw(st.one_of(st.just("คะแนน.xlsx"), file_names))
    with example_state(staff):
        before = rows(*SCORE_TABLES)
        response = upload(staff, assessment, content, name)
        check(response, before, rows(*SCORE_TABLES))


# --- the year's sheet, with cells changed ----------------------------------------


def _clean(value):
    """What a cell can hold: openpyxl refuses control characters."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


cell_values = st.one_of(
    numbers,
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=-1, max_value=101),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(
        FORMULAS + [SCRIPT, IMG, "มี", "ไม่มี", "ผ่าน", "๑๐๐", "100%", "AA", "ITA"]
    ),
    st.just(datetime(2566, 1, 1)),
    st.none(),
).map(_clean)

titles = st.sampled_from(["ITA 2565", "ITA 2566", "ITA ๒๕๖๕", "Sheet", "ITA 0000"])


@st.composite
def edits(draw, last_row: int):
    """A few (row, column, value) changes, mostly in the filled part."""
    row = st.one_of(
        st.integers(min_value=1, max_value=last_row + 3),
        st.sampled_from([spreadsheets.MAX_ROWS, spreadsheets.MAX_ROWS + 1]),
    )
    column = st.integers(min_value=1, max_value=5)
    return draw(st.lists(st.tuples(row, column, cell_values), min_size=1, max_size=6))


def workbook_with(template: bytes, changes, title=None) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    if title:
        sheet.title = title
    for row, column, value in changes:
        sheet.cell(row, column).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@fuzz(30)
@given(data=st.data())
@example(data=[(2, 3, "=1+1")])
@example(data=[(2, 3, '=HYPERLINK("http://x.example","คลิก")')])
@example(data=[(3, 4, SCRIPT), (3, 3, 90)])  # i1 with a note
@example(data=[(2, 1, SCRIPT), (2, 3, 90)])
@example(data=[(2, 3, "NaN")])
@example(data=[(2, 3, float("inf"))])
@example(data=[(2, 3, "๘๕.๕๐")])
@example(data=[(2, 3, "8๕.5")])
@example(data=[(2, 3, -1)])
@example(data=[(2, 3, 10**20)])
def test_any_change_to_the_sheet_imports_or_is_refused_in_thai(
    staff, assessment, template, data
):
    last_row = openpyxl.load_workbook(io.BytesIO(template)).worksheets[0].max_row
    if isinstance(data, list):  # an @example: the changes themselves
        changes, title = data, None
    else:
        changes = data.draw(edits(last_row))
        title = data.draw(st.one_of(st.none(), titles))
    content = workbook_with(template, changes, title)
    posted = " ".join(str(v) for _r, _c, v in changes)
    with example_state(staff):
        before = rows(*SCORE_TABLES)
        response = upload(staff, assessment, content)
        check(response, before, rows(*SCORE_TABLES), posted)
        if response.status_code == 302:
            detail = staff.get(response["Location"])
            assert detail.status_code == 200
            assert_escaped(detail)
        else:
            assert_echoed_escaped(response, "")  # nothing raw, see check()
