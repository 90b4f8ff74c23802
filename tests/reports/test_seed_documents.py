"""The demo documents as the offices typed them (issue 21): each holds its
seed's timeframes, responsible cells, follow-up cells, headings and column
headers as the seed writes them (tests/reports/helpers.py reads the PDFs
back, NFKC, without whitespace), nothing the office did not write, and
tables that start and break well."""

import io
import re
import shutil
import tempfile
import unicodedata
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from pypdf import PdfReader

from demo.plans import demo_plan
from measures.models import ReportingRound
from reports import renderers
from reports.documents import memo_html, memo_pdf_bytes
from reports.models import Memo
from reports.renderers.plan import plan_context
from reports.renderers.progress import progress_context
from tests.reports.helpers import (
    assert_in_order,
    page_count,
    page_text,
    pdftotext,
    squeeze,
)

MEDIA = tempfile.mkdtemp(prefix="ita-seed-documents-")

# What each seed prints, in its own words (seed typos aside: "พ.ศ 2565",
# "อำเภอมือง", "อำเภอนองสองห้อง" are the seeds' slips).
SEEDS = {
    "chaemae": {
        "timeframes": ["ต.ค.- มี.ค.65", "ต.ค. 2565"],
        "owners": ["กองคลัง ทุกสำนัก/กอง", "ทุกสำนัก/กอง", "สำนักปลัดเทศบาล"],
        "follow_ups": [
            "รายงานผลดำเนินการในการประชุมประจำเดือนเมษายน 2565",
            "รายงานผลดำเนินการในการประชุมประจำเดือนทุกเดือน",
            "ตรวจสอบบนหน้าเว็บไซต์",
        ],
        "headings": [
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ.2565",
            "เทศบาลเมืองแฉะแม อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
            "1. การวิเคราะห์ผลการประเมิน ITA ของเทศบาลเมืองแฉะแม ปีงบประมาณ พ.ศ.2564",
            "โดยวิเคราะห์ผลการประเมินแต่ละตัวชี้วัด ได้ดังนี้",
            "2. ข้อเสนอแนะในการพัฒนาคุณธรรมและความโปร่งใสในงบประมาณ พ.ศ. 2565",
            # The meeting paragraph, under section 2, after the analysis.
            "จากการประชุมองค์กรปกครองส่วนท้องถิ่น เมื่อวันที่ 29 พฤศจิกายน 2564",
        ],
        "columns": [
            "มาตรการ/แนวทาง",
            "วิธีการดำเนินงาน",
            "ผู้รับผิดชอบ",
            "ระยะเวลา ดำเนินการ",
            "การติดตามผล",
        ],
    },
    "ubon": {
        "timeframes": ["ไตรมาสที่ 1", "ไตรมาสที่ 4"],
        "owners": [
            "ทุกสำนัก/กอง โดยกองยุทธศาสตร์และงบประมาณ เป็นผู้รับผิดชอบหลัก",
            "ทุกสำนัก/กอง โดยกองสาธารณสุขและสิ่งแวดล้อม กองสวัสดิการสังคม เป็นผู้รับผิดชอบหลัก",
            "สำนักปลัดเทศบาล สำนักช่าง และกองสาธารณสุขและสิ่งแวดล้อม",
            "ทุกสำนัก/กอง โดยสำนักคลังเป็นผู้รับผิดชอบหลัก",
            "ทุกสำนัก/กอง โดยมีกองการเจ้าหน้าที่เป็นผู้รับผิดชอบหลัก",
        ],
        "follow_ups": [],
        "headings": [
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลนครอุบลราชธานี ปี พ.ศ. 2566",
            "(1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            "(2) การให้บริการและระบบ E-Service",
        ],
        "columns": [
            "ประเด็น",
            "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
            "ข้อคำถาม ITA",
            "ข้อค้นพบ",
            "ขั้นตอน/วิธีการปฏิบัติ",
            "ระยะเวลาดำเนินการ",
            "หน่วยงานผู้รับผิดชอบ",
        ],
    },
    "nongphailom": {
        "timeframes": ["ประจำปีงบประมาณ พ.ศ. 2566"],
        "owners": [
            "กองคลัง",
            "สำนักปลัด/กองคลัง/ กองช่าง/กองการศึกษา ศาสนาและวัฒนธรรม",
            "สำนักปลัด",
        ],
        "follow_ups": [
            "รายงานผลการดำเนินการในการประชุมประจำเดือนทุกเดือน",
            "คณะทำงานติดตามและตรวจสอบการเปิดเผยข้อมูลสาธารณะ รายงานผลการดำเนินการแสดงผล"
            "การจัดซื้อจัดจ้างของหน่วยงานต่อผู้บังคับบัญชาและในที่ประชุมประจำเดือน",
        ],
        "headings": [
            "มาตรการขับเคลื่อนการส่งเสริมคุณธรรม ความโปร่งใสและการป้องกันการทุจริตภายใน"
            "หน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566",
            "องค์การบริหารส่วนตำบลหนองไผ่ล้อม ได้นำผลการวิเคราะห์การประเมินคุณธรรมและ"
            "ความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565 มากำหนดมาตรการเพื่อ"
            "ขับเคลื่อนการส่งเสริมคุณธรรม ความโปร่งใสและการป้องกันการทุจริตภายในหน่วยงาน "
            "ประจำปีงบประมาณ พ.ศ. 2566 ดังนี้",
        ],
        # Seed 003 words two headers its own way, not seed 000's.
        "columns": [
            "มาตรการ/แนวทาง",
            "วิธีการดำเนินการ",
            "ผู้รับผิดชอบ",
            "ระยะเวลาในการดำเนินการ",
            "การติดตามผล",
        ],
    },
    "banchang": {
        "timeframes": ["มี.ค. ๒๕๖๖", "ต.ค. ๒๕๖๕ ถึง มี.ค. ๒๕๖๖"],
        "owners": [
            "สำนักปลัด/กองคลัง/ กองช่าง / กองการศึกษาฯ",
            "สำนักปลัด/กองคลัง/ กองช่าง / กองการศึกษา",
            "สำนักปลัด/ กองคลัง/ กองช่าง กอง การศึกษาฯ",
            "ผอ.ทุกกอง",
            "นิติกร",
        ],
        "follow_ups": [
            "๑. ทต.บ้านฉาง มีการ เปิดโอกาสให้บุคลากรให้ มีส่วนร่วมในการ ตรวจสอบการใช้จ่าย "
            "งบประมาณเท่าที่ควร",
        ],
        "headings": [
            "ตามที่ เทศบาลตำบลบ้านฉาง มีแนวทางหรือมาตรการขับเคลื่อนการส่งเสริมคุณธรรม"
            "และความโปร่งใสภายในหน่วยงาน",
        ],
        "columns": [
            "ตัวชี้วัดของการประเมิน ITA",
            "(๑) ผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง",
            "(๒) ขั้นตอนหรือวิธีปฏิบัติ",
            "(๓) แนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล",
            "(๔) ระยะเวลาดำเนินการ",
            "ยังไม่ดำเนินการ",
            "อยู่ระหว่างดำเนินการ",
            "ดำเนินการแล้ว",
            "(๕) การรายงานผลการดำเนินการ",
        ],
    },
}
YEARS = {"chaemae": 2565, "ubon": 2566, "nongphailom": 2566, "banchang": 2566}
# Words the portal used to add to what the offices typed.
ADDED = ["(รายปี)", "(รายเดือน)", "(รายไตรมาส)", "(ราย 6 เดือน)", "(ราย ๖ เดือน)"]


def count(text: str, part: str) -> int:
    return squeeze(text).count(squeeze(part))


@override_settings(MEDIA_ROOT=MEDIA)
class SeedDocumentsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())
        cls.plans = {slug: demo_plan(slug, year) for slug, year in YEARS.items()}
        cls.round = ReportingRound.objects.get(plan=cls.plans["banchang"])
        cls.pdfs = {
            slug: renderers.plan_pdf(plan)
            for slug, plan in cls.plans.items()
            if slug != "banchang"
        }
        cls.pdfs["banchang"] = renderers.progress_pdf(cls.round)
        klongphon = demo_plan("klongphon", 2563)
        cls.pdfs["klongphon"] = renderers.plan_pdf(klongphon)
        cls.plans["klongphon"] = klongphon
        cls.texts = {slug: pdftotext(pdf) for slug, pdf in cls.pdfs.items()}

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_each_document_holds_its_seeds_words_for_the_cells_headings_and_columns(
        self,
    ):
        for slug, parts in SEEDS.items():
            text = squeeze(self.texts[slug])
            for part, strings in parts.items():
                for string in strings:
                    assert squeeze(string) in text, f"{slug} {part}: {string!r}"

    def test_timeframes_print_as_written_even_outside_the_fiscal_year(self):
        text = self.texts["chaemae"]
        assert count(text, "ต.ค.- มี.ค.65") == 3
        assert count(text, "ต.ค. 2565") == 1
        assert "ต.ค.64" not in squeeze(text)
        # The overdue logic still has a range: October 2565 is in FY2566.
        late = self.plans["chaemae"].measures.get(timeframe_text="ต.ค. 2565")
        start, end = late.timeframe_bounds()
        assert (start.isoformat(), end.isoformat()) == ("2022-10-01", "2022-10-31")

    def test_cells_hold_nothing_the_office_did_not_write(self):
        for slug, text in self.texts.items():
            for added in ADDED:
                assert squeeze(added) not in squeeze(text), (slug, added)
        chaemae = squeeze(self.texts["chaemae"])
        assert squeeze("ทุกสำนัก/กอง โดยกองคลัง") not in chaemae

    def test_paragraphs_no_seed_has_are_left_out_and_the_seeds_own_are_where_they_put_them(
        self,
    ):
        # Seeds 000 and 002 have no "…ได้นำผลการวิเคราะห์…" paragraph; 003 has it
        # once, under its measures' heading; 004 has no status line.
        assert "ได้นำผลการวิเคราะห์" not in squeeze(self.texts["chaemae"])
        assert "ได้นำผลการวิเคราะห์" not in squeeze(self.texts["ubon"])
        assert count(self.texts["nongphailom"], "ได้นำผลการวิเคราะห์") == 1
        assert "สถานะณวันที่" not in squeeze(self.texts["banchang"])
        # Seed 002 is its title and its table: no heading of a second part.
        assert squeeze("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี") not in (
            squeeze(self.texts["ubon"])
        )
        # แฉะแม: the analysis, then section 2, then the meeting paragraph.
        assert_in_order(
            self.texts["chaemae"],
            [
                "1. การวิเคราะห์ผลการประเมิน ITA",
                "2. ข้อเสนอแนะในการพัฒนาคุณธรรม",
                "จากการประชุมองค์กรปกครองส่วนท้องถิ่น",
                "มาตรการ/แนวทาง",
            ],
        )
        nongphailom = SEEDS["nongphailom"]["headings"]
        assert_in_order(self.texts["nongphailom"], ["การวิเคราะห์ผล", *nongphailom])

    def test_each_table_is_headed_as_its_seed_heads_it(self):
        """The headers, in order, on every page of the measures table, and
        none of another seed's wording."""
        for slug in ("chaemae", "ubon", "nongphailom"):
            pdf = self.pdfs[slug]
            columns = SEEDS[slug]["columns"]
            if slug == "ubon":
                # Seed 002's header has two rows: the two headers under
                # "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ" come after the first.
                columns = [columns[i] for i in (0, 1, 4, 5, 6, 2, 3)]
            table_pages = self._pages_of(pdf, columns[-1])
            assert table_pages, slug
            for number in table_pages:
                assert_in_order(page_text(pdf, number), columns)
        nongphailom = squeeze(self.texts["nongphailom"])
        assert squeeze("วิธีการดำเนินงาน") not in nongphailom
        assert count(self.texts["nongphailom"], "ระยะเวลาในการดำเนินการ") == len(
            self._pages_of(self.pdfs["nongphailom"], "ระยะเวลาในการดำเนินการ")
        )

    def test_seed_002s_first_column_holds_its_themes_and_no_measure(self):
        """Seed 002 names no measure: its ประเด็น column has the themes only,
        each above the first of its rows."""
        plan = self.plans["ubon"]
        hidden = self.texts["ubon"]
        # By default a by-question plan names each measure in that column.
        plan.measure_titles_shown = True
        shown = pdftotext(renderers.plan_pdf(plan))
        rows = plan_context(plan)["rows"]
        assert rows
        for row in rows:
            # A title may also start a step ("1. จัดทำแผนผัง…"): the column
            # prints it once more than the rest of the row does.
            named = f"{row.number}. {row.title}"
            assert count(shown, named) == count(hidden, named) + 1, named
        # What the seed's rows say is all there, the themes in order.
        assert_in_order(
            hidden,
            [
                "(1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
                "e1 หน่วยงานปฏิบัติหรือให้บริการแก่ท่านเป็นไปตามขั้นตอนและระยะเวลา",
                "ประชาชนผู้มารับบริการมีความเห็นว่า การปฏิบัติงานหรือการให้บริการ",
                "1. จัดทำแผนผังขั้นตอนและระยะเวลาการปฏิบัติงานของทุกภารกิจ",
                "(2) การให้บริการและระบบ E-Service",
                "e11 การปฏิบัติหรือการให้บริการของเจ้าหน้าที่ที่ดีขึ้นกว่าที่ผ่านมา",
            ],
        )

    def test_nongphailoms_title_block_is_four_centred_lines(self):
        lines = [
            nfkc_line
            for line in page_text(self.pdfs["nongphailom"], 1, "-layout").splitlines()
            if (nfkc_line := " ".join(unicodedata.normalize("NFKC", line).split()))
        ]
        expected = [
            "มาตรการส่งเสริมคุณธรรม และความโปร่งใสภายในหน่วยงาน",
            "ประจำปีงบประมาณ พ.ศ. 2566",
            "องค์การบริหารส่วนตำบลหนองไผ่ล้อม",
            "อำเภอหนองสองห้อง จังหวัดขอนแก่น",
        ]
        assert [squeeze(line) for line in lines[:4]] == [squeeze(e) for e in expected]

    def test_the_memo_prints_the_garuda_not_the_organisations_seal(self):
        memo = Memo.objects.get(organization__slug="klongphon")
        html = memo_html(memo)
        assert "garuda-default.svg" in html
        assert "emblem-default.svg" not in html
        assert memo_pdf_bytes(memo).startswith(b"%PDF")

    # --- tables that start and break well ----------------------------------

    def _rows(self, slug) -> list[list[str]]:
        """For each measure row of a document, distinctive pieces of its first
        and last cells' text: where the row starts and where it ends."""
        if slug == "banchang":
            context = progress_context(self.round)
            return [
                [
                    f"{line['row'].number}. {line['row'].title}",
                    (line["row"].steps or ["-"])[-1],
                    *line["result"],
                ]
                for section in context["sections"]
                for line in section["lines"]
            ]
        context = plan_context(self.plans[slug])
        if not context["titled"]:
            # Seed 002's rows start with their questions.
            return [[row.questions[0], *row.steps[-1:]] for row in context["rows"]]
        return [
            [f"{row.number}. {row.title}", *row.steps[-1:]] for row in context["rows"]
        ]

    def _pages_of(self, pdf, piece) -> list[int]:
        wanted = squeeze(piece)
        return [
            number
            for number in range(1, page_count(pdf) + 1)
            if wanted in squeeze(page_text(pdf, number))
        ]

    def test_no_row_that_fits_on_a_page_is_split_across_pages(self):
        for slug, pdf in self.pdfs.items():
            for pieces in self._rows(slug):
                # Each piece's head and tail: a cell that breaks leaves its
                # head on one page and its tail on the next. Some page holds
                # them all.
                ends = [p for piece in pieces for p in (piece[:24], piece[-24:])]
                together = set.intersection(
                    *(set(self._pages_of(pdf, e)) for e in ends)
                )
                assert together, (slug, pieces[0])

    def test_no_table_starts_in_the_last_quarter_of_a_page(self):
        first_headers = {
            "ตัวชี้วัดของการประเมิน",
            "มาตรการ/แนวทาง",
            "ประเด็น",
            "ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อนจากการประเมิน",
        }
        for slug, pdf in self.pdfs.items():
            boxes = pdftotext(pdf, "-bbox")
            pages = re.findall(
                r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', boxes, re.S
            )
            for number, (height, body) in enumerate(pages, 1):
                top, bottom = TOP_MARGIN_PT, float(height) - BOTTOM_MARGIN_PT
                for y, word in WORD.findall(body):
                    word = unicodedata.normalize("NFKC", word)
                    if word in first_headers:
                        share = (float(y) - top) / (bottom - top)
                        assert share <= 0.75, (slug, number, word, round(share, 2))

    def test_no_page_ends_on_a_heading(self):
        headings = {
            "chaemae": plan_context(self.plans["chaemae"]),
            "nongphailom": plan_context(self.plans["nongphailom"]),
            "klongphon": plan_context(self.plans["klongphon"]),
        }
        for slug, context in headings.items():
            texts = [context["analysis_heading"], context["measures_heading"]]
            texts += [s["table_title"] for s in context["weakness_sections"]]
            self._assert_no_page_ends_on(slug, texts)
        sections = progress_context(self.round)["sections"]
        self._assert_no_page_ends_on("banchang", [s["title"] for s in sections])

    def _assert_no_page_ends_on(self, slug, headings):
        pdf = self.pdfs[slug]
        headings = [squeeze(h) for h in headings if h]
        for number in range(1, page_count(pdf)):
            body = page_text(pdf, number, *BODY_AREA[pdf_orientation(pdf, number)])
            lines = [squeeze(line) for line in body.splitlines() if line.strip()]
            last = lines[-1] if lines else ""
            assert not any(h.endswith(last) or h.startswith(last) for h in headings), (
                slug,
                number,
                last,
            )


CM_PT = 72 / 2.54
TOP_MARGIN_PT = 2.5 * CM_PT
BOTTOM_MARGIN_PT = 2 * CM_PT
WORD = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>'
)
# The text area of a page (no page number, no running footer), for
# pdftotext's -x -y -W -H, by orientation.
BODY_AREA = {
    "portrait": [
        "-layout",
        "-x",
        "0",
        "-y",
        str(int(TOP_MARGIN_PT)),
        "-W",
        "600",
        "-H",
        str(int(841.89 - TOP_MARGIN_PT - BOTTOM_MARGIN_PT)),
    ],
    "landscape": [
        "-layout",
        "-x",
        "0",
        "-y",
        str(int(TOP_MARGIN_PT)),
        "-W",
        "850",
        "-H",
        str(int(595.28 - TOP_MARGIN_PT - BOTTOM_MARGIN_PT)),
    ],
}


def pdf_orientation(pdf: bytes, number: int) -> str:
    page = PdfReader(io.BytesIO(pdf)).pages[number - 1]
    return "landscape" if page.mediabox.width > page.mediabox.height else "portrait"
