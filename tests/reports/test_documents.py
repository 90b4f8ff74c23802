"""What spans the plan's documents: who may download them, their freezing at
the memo's approval, the render_document command and the queries they cost.
Each document's own tests are in test_plan_document.py, test_analysis_report.py,
test_progress_report.py and test_memos.py.

The helpers are importable from here too (tests/measures import them so).
"""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from measures import services
from measures.models import Layout
from reports import renderers
from reports import services as memos
from reports.models import ApprovedDocument
from reports.views import XLSX_MIME
from tests.reports.helpers import (
    approve,
    pdftotext,
)

# --- downloads --------------------------------------------------------------------

DOWNLOADS = [
    ("reports:plan_analysis_pdf", "application/pdf"),
    ("reports:plan_pdf", "application/pdf"),
    ("reports:plan_xlsx", XLSX_MIME),
]


@pytest.mark.parametrize(("name", "content_type"), DOWNLOADS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 404), ("staff", 200), ("head_a", 200), ("mayor", 200)],
)
def test_downloads_follow_who_may_view_the_plan(
    client, login, people, plan, name, content_type, persona, status
):
    if persona is not None:
        login(getattr(people, persona))
    url = reverse(name, args=[plan.pk])
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 200:
        assert response["Content-Type"] == content_type
        assert response.content[:4] in (b"%PDF", b"PK\x03\x04")


def test_plan_page_offers_the_downloads(login, people, plan):
    page = login(people.staff).get(plan.get_absolute_url()).content.decode()
    for name in ("reports:plan_analysis_pdf", "reports:plan_pdf", "reports:plan_xlsx"):
        assert reverse(name, args=[plan.pk]) in page


def test_approval_freezes_the_analysis_and_the_plan_and_downloads_serve_them(
    login, people, memo, plan
):
    approve(memo, people)
    frozen = {d.kind: d for d in memo.documents.all()}
    assert set(frozen) == {"memo", "analysis", "plan"}
    # Editing after approval (as a revision would) does not change the download.
    plan.measures.update(title="ชื่อที่แก้ไขหลังอนุมัติ")
    client = login(people.staff)
    for name, kind in (
        ("reports:plan_analysis_pdf", "analysis"),
        ("reports:plan_pdf", "plan"),
    ):
        response = client.get(reverse(name, args=[plan.pk]))
        assert b"".join(response.streaming_content) == frozen[kind].file.read()
    assert "ชื่อที่แก้ไขหลังอนุมัติ" not in pdftotext(frozen["plan"].file.open().read())


# --- the command --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "fy", "fmt", "magic"),
    [
        ("analysis", 2565, "pdf", b"%PDF"),
        ("plan", 2566, "pdf", b"%PDF"),
        ("plan", 2566, "xlsx", b"PK\x03\x04"),
        ("memo", 2566, "pdf", b"%PDF"),
    ],
)
def test_the_command_writes_the_document(
    tmp_path, org, people, plan, document, fy, fmt, magic
):
    memos.memo_draft_for_plan(plan=plan, by=people.staff)
    out = tmp_path / f"{document}.{fmt}"
    stdout = io.StringIO()
    call_command(
        "render_document",
        document,
        "--org",
        org.slug,
        "--fy",
        str(fy),
        "--out",
        str(out),
        "--format",
        fmt,
        stdout=stdout,
    )
    assert out.read_bytes()[:4] == magic
    assert str(out) in stdout.getvalue()


def test_the_command_writes_the_approved_pdf_once_approved(tmp_path, org, people, memo):
    approve(memo, people)
    out = tmp_path / "plan.pdf"
    call_command(
        "render_document",
        "plan",
        "--org",
        org.slug,
        "--fy",
        "2566",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    stored = memo.documents.get(kind=ApprovedDocument.Kind.PLAN)
    assert out.read_bytes() == stored.file.read()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["progress", "--fy", "2566"], "ไม่มีรอบรายงานที่ปิดแล้ว"),
        (["plan", "--fy", "2570"], "ไม่มีแผนปีงบประมาณ 2570"),
        (["analysis", "--fy", "2566"], "ไม่มีแผนที่วิเคราะห์จากผลการประเมินปี 2566"),
        (["analysis", "--fy", "2565", "--format", "xlsx"], "ไม่มีรูปแบบ xlsx"),
        (["memo", "--fy", "2566"], "ยังไม่มีบันทึกข้อความ"),
    ],
)
def test_the_command_says_what_it_cannot_write(tmp_path, org, plan, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "render_document",
            *arguments,
            "--org",
            org.slug,
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="ไม่มีหน่วยงาน"):
        call_command(
            "render_document",
            "plan",
            "--org",
            "nowhere",
            "--fy",
            "2566",
            "--out",
            str(tmp_path / "x"),
        )


def test_documents_cost_a_fixed_number_of_queries(
    long_plan, people, django_assert_max_num_queries
):
    for layout in Layout.values:  # the weakness layout also reads progress
        long_plan.layout = layout
        long_plan.save()
        with django_assert_max_num_queries(15):
            renderers.plan_html(long_plan)
    with django_assert_max_num_queries(15):
        renderers.analysis_html(long_plan)
    services.plan_submit(plan=long_plan, by=people.staff)
    services.plan_approve(plan=long_plan, by=people.mayor)
    round_ = services.round_open(plan=long_plan, period="half", by=people.staff)
    round_ = services.round_close(
        round_=round_, by=people.staff, today=date(2023, 4, 2)
    )
    with django_assert_max_num_queries(10):
        renderers.progress_html(round_)
