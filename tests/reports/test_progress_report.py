"""The O43 progress report of a closed reporting round: the PDF and the
XLSX sheet, the round's pages, its memo's freezing and the command."""

import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from measures import services
from reports import renderers
from reports import services as memos
from reports.models import ApprovedDocument
from tests.reports.helpers import (
    LATER,
    LONG_STEP,
    approve,
    assert_digits,
    assert_in_order,
    digits,
    measure_titles,
    page_count,
    page_text,
    pdftotext,
    squeeze,
)


def statuses(round_) -> list[str]:
    return list(
        round_.entries.order_by("measure__order", "measure__pk").values_list(
            "status", flat=True
        )
    )


@pytest.mark.parametrize("thai", [False, True], ids=["arabic", "thai-digits"])
def test_it_reports_progress_as_the_round_froze_it(closed_round, org, thai):
    org.thai_digits = thai
    org.save()
    pdf = renderers.progress_pdf(closed_round)
    text = pdftotext(pdf)
    plan = closed_round.plan
    assert_in_order(
        text,
        [
            "ความก้าวหน้าหรือผลการดำเนินงานตามมาตรการ",
            digits("2566", thai),
            org.name,
            "ยังไม่ดำเนินการ",
            "อยู่ระหว่างดำเนินการ",
            "ดำเนินการแล้ว",
        ],
    )
    for title in measure_titles(plan):
        assert squeeze(digits(title, thai)) in squeeze(text)
    assert squeeze("ประกาศเจตนารมณ์แล้วและเผยแพร่ทางเว็บไซต์") in squeeze(text)
    assert squeeze("อยู่ระหว่างจัดทำคู่มือการให้บริการ") in squeeze(text)
    assert squeeze("ประกาศเจตนารมณ์.pdf") in squeeze(text)  # the evidence
    assert squeeze(LATER) not in squeeze(text)
    assert text.count(renderers.progress.MARK) == len(statuses(closed_round))
    assert_digits(text, thai)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    }
    assert sizes == {(842, 595)}


def test_it_marks_each_measure_in_its_status_column(closed_round):
    html = renderers.progress_html(closed_round)
    rows = re.findall(r'<tr data-status="(\w+)"[^>]*>(.*?)</tr>', html, re.S)
    assert sorted(s for s, _ in rows) == sorted(statuses(closed_round))
    assert {s for s, _ in rows} == {"done", "in_progress", "not_started"}
    columns = {"not_started": 1, "in_progress": 2, "done": 3}
    for status, cells in rows:
        marked = re.findall(r'class="mark status-(\d)">(.*?)</td>', cells)
        assert [n for n, mark in marked if mark] == [str(columns[status])]


def test_a_first_row_that_fits_on_a_page_is_kept_whole_under_its_heading(
    closed_round,
):
    # Issue 21 (seed 004, บ้านฉาง): the first row used to break at the foot of
    # page 1, leaving page 2 to open on a row of empty cells. A row that fits
    # on a page starts the next page whole, its section heading with it.
    first = renderers.progress_context(closed_round)["sections"][0]
    measure = closed_round.plan.measures.get(title=first["lines"][0]["row"].title)
    measure.steps = [f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 3)]
    measure.save()
    line = renderers.progress_context(closed_round)["sections"][0]["lines"][0]
    assert not renderers.progress._splittable(line)  # it fits on one page

    pdf = renderers.progress_pdf(closed_round)
    pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
    starts = [n for n, text in enumerate(pages, 1) if squeeze(measure.title) in text]
    ends = [n for n, text in enumerate(pages, 1) if squeeze("ขั้นที่ 2") in text]
    assert starts == ends and len(starts) == 1
    page = pages[starts[0] - 1]
    header = squeeze("ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง")
    assert 0 <= page.find(squeeze(first["title"])) < page.find(header)
    assert page.find(header) < page.find(squeeze(measure.title))


def test_it_writes_the_progress_report_as_a_sheet(closed_round):
    sheet = openpyxl.load_workbook(
        io.BytesIO(renderers.progress_xlsx(closed_round))
    ).active
    header = renderers.XLSX_HEADER_ROW
    names = [h for h, _w in renderers.PROGRESS_COLUMNS]
    assert [c.value for c in sheet[header]] == names
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    assert [r[1] for r in rows] == measure_titles(closed_round.plan)
    first = names.index("ยังไม่ดำเนินการ")
    marked = [
        ["not_started", "in_progress", "done"][
            [c or "" for c in r[first : first + 3]].index("√")
        ]
        for r in rows
    ]
    assert marked == statuses(closed_round)
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_setup.orientation == "landscape"


def test_an_open_round_has_no_report_yet(login, people, plan):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    round_ = services.round_open(plan=plan, period="year", by=people.staff)
    with pytest.raises(renderers.NoSnapshot):
        renderers.progress_pdf(round_)
    client = login(people.staff)
    for name in ("reports:progress_pdf", "reports:progress_xlsx"):
        assert client.get(reverse(name, args=[round_.pk])).status_code == 404
    page = client.get(round_.get_absolute_url()).content.decode()
    assert reverse("reports:progress_pdf", args=[round_.pk]) not in page


def test_the_round_page_offers_the_report(login, people, closed_round):
    client = login(people.head_a)
    page = client.get(closed_round.get_absolute_url()).content.decode()
    for name in ("reports:progress_pdf", "reports:progress_xlsx"):
        url = reverse(name, args=[closed_round.pk])
        assert url in page
        assert client.get(url).status_code == 200
    progress_page = client.get(
        reverse("measures:plan_progress", args=[closed_round.plan.pk])
    ).content.decode()
    assert reverse("reports:progress_pdf", args=[closed_round.pk]) in progress_page
    assert login(people.outsider).get(url).status_code == 404


def test_approving_the_progress_memo_freezes_the_report(
    login, people, chain, closed_round
):
    memo = memos.memo_draft_for_round(round_=closed_round, by=people.staff)
    approve(memo, people)
    frozen = memo.documents.get(kind=ApprovedDocument.Kind.PROGRESS)
    assert set(memo.documents.values_list("kind", flat=True)) == {"memo", "progress"}
    response = login(people.staff).get(
        reverse("reports:progress_pdf", args=[closed_round.pk])
    )
    assert b"".join(response.streaming_content) == frozen.file.read()


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK\x03\x04")])
def test_the_command_writes_the_progress_report(
    tmp_path, org, closed_round, fmt, magic
):
    out = tmp_path / f"progress.{fmt}"
    call_command(
        "render_document",
        "progress",
        "--org",
        org.slug,
        "--fy",
        "2566",
        "--round",
        "half",
        "--format",
        fmt,
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert out.read_bytes()[:4] == magic
    with pytest.raises(CommandError, match="ไม่มีรอบรายงานที่ปิดแล้ว"):
        call_command(
            "render_document",
            "progress",
            "--org",
            org.slug,
            "--fy",
            "2566",
            "--round",
            "year",
            "--out",
            str(out),
        )


def test_the_status_line_is_printed_only_when_the_round_asks_for_it(closed_round):
    # Issue 21: seed 004 has no status line above its table.
    assert "สถานะณวันที่" not in squeeze(pdftotext(renderers.progress_pdf(closed_round)))
    closed_round.summary_shown = True
    closed_round.save()
    assert "สถานะณวันที่" in squeeze(pdftotext(renderers.progress_pdf(closed_round)))
    closed_round.summary = "สรุปสถานะตามที่หน่วยงานเขียน"
    closed_round.save()
    text = squeeze(pdftotext(renderers.progress_pdf(closed_round)))
    assert squeeze(closed_round.summary) in text and "สถานะณวันที่" not in text
