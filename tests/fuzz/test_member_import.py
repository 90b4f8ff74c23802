"""Bad input on the member import of the guided setup: files that are not a
workbook, and the portal's template with any cells typed in. Never a 500;
the preview saves nothing; the import saves every row or none.

Isolation: see tests/fuzz/conftest.py.
"""

import io
from datetime import datetime

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from organizations import member_sheet
from organizations.models import Division, Membership
from tests.fuzz.helpers import (
    FORMULAS,
    IMG,
    SCRIPT,
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
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

User = get_user_model()
TABLES = (User, Membership, Division, Membership.divisions.through)
XLSX_MIME = member_sheet.xlsx.XLSX_MIME


@pytest.fixture
def admin(login, people, division_a, division_b):
    return login(people.admin)


@pytest.fixture
def template(org, division_a) -> bytes:
    return member_sheet.template_bytes(org)


def url(org):
    return reverse("organizations:setup_members", args=[org.slug])


def upload(client, org, content: bytes, name="สมาชิก.xlsx"):
    return client.post(
        url(org), {"file": SimpleUploadedFile(name, content, content_type=XLSX_MIME)}
    )


def problems_of(response) -> list[str]:
    return error_messages(response) + [
        str(p) for p in response.context.get("problems") or []
    ]


def check_preview(response, before, after):
    """The preview (or the refusal) saved nothing and says what is wrong in Thai."""
    assert response.status_code == 200, response.status_code
    assert before == after, "a preview changed the database"
    assert_escaped(response)
    parsed = response.context.get("parsed")
    if parsed is None or not parsed.ok:
        assert_thai(problems_of(response))


@fuzz(30)
@given(data=st.data())
def test_it_refuses_broken_and_foreign_files_in_thai(admin, org, template, data):
    content = data.draw(bad_files(template))
    name = data.draw(st.one_of(st.just("สมาชิก.xlsx"), file_names))
    with example_state(admin):
        before = rows(*TABLES)
        response = upload(admin, org, content, name)
        check_preview(response, before, rows(*TABLES))


def _clean(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


GOOD = [
    "นายสุชาติ ใจซื่อ",
    "ผู้อำนวยการกองคลัง",
    "suchat@example.go.th",
    "MALI@Example.go.th",
    "orgadmin@example.org",
    "เจ้าหน้าที่",
    "หัวหน้าส่วนราชการ",
    "ผู้บริหาร",
    "ผู้ดูแลหน่วยงาน",
    "กองคลัง",
    "กองคลัง, กองช่าง",
    "กองช่าง\nกองคลัง",
]
cell_values = st.one_of(
    st.sampled_from(GOOD),
    texts,
    numbers,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(FORMULAS + [SCRIPT, IMG, "a@b", "@", "x" * 300 + "@e.org"]),
    st.just(datetime(2566, 1, 1)),
    st.none(),
).map(_clean)


def _good_row(n: int) -> list:
    return [f"นายคน{n} ทดสอบ", "นักวิชาการ", f"person{n}@example.go.th", "เจ้าหน้าที่", ""]


@st.composite
def sheets(draw):
    """A few good rows, then cells changed anywhere near them."""
    count = draw(st.integers(min_value=0, max_value=6))
    grid = {(r, c): v for r in range(count) for c, v in enumerate(_good_row(r))}
    changes = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=count + 2),
                st.integers(min_value=0, max_value=5),
                cell_values,
            ),
            max_size=8,
        )
    )
    for r, c, v in changes:
        grid[(r, c)] = v
    return grid


def workbook_with(template: bytes, grid) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    for (r, c), value in grid.items():
        sheet.cell(r + 2, c + 1).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@fuzz(30)
@given(grid=sheets())
@example(grid={(0, 0): SCRIPT, (0, 2): "x@example.org", (0, 3): "เจ้าหน้าที่"})
@example(grid={(0, 3): SCRIPT, (0, 0): "ก ข", (0, 2): "x@example.org"})
@example(grid={(0, 1): "=1+1", (0, 0): "ก ข", (0, 2): "x@example.org"})
@example(grid={(0, 0): "ก ข", (0, 2): "orgadmin@example.org", (0, 3): "staff"})
def test_any_cells_import_wholly_or_not_at_all(admin, org, people, template, grid):
    people.admin.email = "orgadmin@example.org"
    people.admin.save()
    content = workbook_with(template, grid)
    with example_state(admin):
        before = rows(*TABLES)
        preview = upload(admin, org, content)
        check_preview(preview, before, rows(*TABLES))
        parsed = preview.context["parsed"]
        if parsed is None or not parsed.ok:
            assert admin.post(url(org), {"confirm": "1"}).status_code == 302
            assert rows(*TABLES) == before, "a refused file was saved"
            return
        emails = {row.email.casefold() for row in parsed.rows}
        response = admin.post(url(org), {"confirm": "1"})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # refused at the last moment
            assert_thai([str(p) for p in response.context["problems"]])
            assert rows(*TABLES) == before, "a partial import was saved"
            return
        saved = {
            email.casefold()
            for email in Membership.objects.filter(organization=org).values_list(
                "user__email", flat=True
            )
        }
        assert emails <= saved, "an imported row is missing"
        page = admin.get(response["Location"])
        assert page.status_code == 200
        assert_escaped(page)
