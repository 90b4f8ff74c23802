"""The four WeasyPrint hooks of reports/weasyprint_thai.py, each on the demo's
documents (``seed_demo``: seed 001's memo, analysis report and plan of
เทศบาลตำบลคลองพน, and seed 004's progress report of บ้านฉาง) rendered with
the hook and without it (``hooks_disabled``).

A hook that only saves time must change nothing: same text, same pages. A
hook whose point is to change the output is checked for what it is for.
The documents are rendered with ``render_pdf`` from their HTML, never
through the PDF cache, each once per state of the hooks.
"""

import io
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from fontTools.ttLib import TTFont
from weasyprint.text.line_break import get_log_attrs

from demo.plans import demo_plan
from reports import renderers, weasyprint_thai
from reports.documents import memo_html
from reports.pdf import FONT_FILES, render_pdf
from tests.reports.helpers import page_count, pdftotext

# The demo is seeded once for the module (seed_html); marking the tests makes
# pytest-django set up the test database at all.
pytestmark = pytest.mark.django_db

DOCUMENTS = ("memo", "analysis", "plan", "progress")
FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"


@pytest.fixture(scope="module")
def seed_html(django_db_setup, django_db_blocker, tmp_path_factory):
    """The HTML of each demo document; the demo is rolled back afterwards."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        plan = demo_plan("klongphon", 2563)
        round_ = (
            demo_plan("banchang", 2566)
            .rounds.exclude(status="open")
            .order_by("-ends_on")
            .first()
        )
        html = {
            "memo": memo_html(plan.memos.order_by("pk").first()),
            "analysis": renderers.analysis_html(plan),
            "plan": renderers.plan_html(plan),
            "progress": renderers.progress_html(round_),
        }
        transaction.set_rollback(True)
    return html


@pytest.fixture(scope="module")
def rendered(seed_html):
    """rendered(document, *hooks off) -> PDF bytes, each rendered once."""
    pdfs = {}

    def render(document, *off):
        key = (document, off)
        if key not in pdfs:
            with weasyprint_thai.hooks_disabled(*off):
                pdfs[key] = render_pdf(
                    seed_html[document], continuation=document == "memo"
                )
        return pdfs[key]

    return render


def layout_text(pdf: bytes) -> str:
    return pdftotext(pdf, "-layout")


class _Text(HTMLParser):
    """The text of an HTML page, without its head's style and title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def source_text(html: str, *, spaces: bool = False) -> str:
    """The document's text, NFKC, without whitespace; or with each run of
    whitespace, and each boundary between elements, as one space."""
    parser = _Text()
    parser.feed(html)
    text = unicodedata.normalize("NFKC", " ".join(parser.parts))
    return " ".join(text.split()) if spaces else re.sub(r"\s+", "", text)


def nfkc_lines(text: str) -> list[str]:
    """pdftotext -layout's lines, NFKC, each run of spaces as one."""
    return [
        " ".join(unicodedata.normalize("NFKC", line).split())
        for line in text.splitlines()
    ]


def words(pdf: bytes) -> list[str]:
    """The words pdftotext reads, NFKC, without the parentheses the
    stylesheet puts around a signer's name; a continuation marker ("/คำ...")
    counts as its word."""
    text = unicodedata.normalize("NFKC", pdftotext(pdf))
    return [w.removeprefix("/").removesuffix("...").strip("()") for w in text.split()]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_line_cache_changes_nothing(rendered, document):
    """Hook 4 only saves layout time: the same text on the same pages."""
    on, off = rendered(document), rendered(document, "line_cache")
    assert page_count(off) == page_count(on)
    assert layout_text(off) == layout_text(on)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_text_layer_reads_back_the_source(rendered, seed_html, document):
    """Hook 1 changes only the text a reader copies (the fonts' ToUnicode),
    so the pages are the same with it and without it. Without it the text
    differs on purpose: a glyph reads as the cluster it was first drawn in
    (า as ำ), which is what it fixes. With it, every word read back is the
    document's own text."""
    on, off = rendered(document), rendered(document, "text_layer")
    assert page_count(off) == page_count(on)
    source = source_text(seed_html[document])
    missing = [w for w in words(on) if w not in source]
    assert not missing, missing[:10]


REORDERED = re.compile("\u0e4d([\u0e31\u0e34-\u0e37\u0e47-\u0e4e])\u0e32")


def drawn(text: str) -> str:
    """Text in glyph order: NIKHAHIT of a SARA AM before the mark before it."""
    return re.sub("([\u0e31\u0e34-\u0e37\u0e47-\u0e4e])\u0e33", "\u0e4d\\1\u0e32", text)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sara_am_after_a_tone_mark_reads_as_written(rendered, document):
    """Hook 2 wraps the lines that hold a SARA AM after a tone mark in an
    /ActualText span, so they read in source order (น้ำ) and not in the
    order HarfBuzz draws them (น ํ ้ า). That is the only difference: the
    text without it is the text with it in drawing order, on the same pages
    (NFKC, as a span reads ำ where the glyphs read ํา; and with the spaces
    of -layout's columns collapsed, which poppler sets by the span's text)."""
    on, off = rendered(document), rendered(document, "sara_am")
    assert page_count(off) == page_count(on)
    assert not REORDERED.search(layout_text(on))
    assert nfkc_lines(layout_text(off)) == nfkc_lines(drawn(layout_text(on)))


def mid_word_breaks(pdf: bytes, source: str) -> list[str]:
    """Line ends inside a Thai word: two lines of the same source text
    (their junction is in the source, ``source_text(spaces=True)``) that
    libthai would not break there."""
    thai = re.compile("[\u0e01-\u0e4e]+")
    lines = [
        unicodedata.normalize("NFKC", line).strip()
        for line in pdftotext(pdf).splitlines()
    ]
    found = []
    for before, after in zip(lines, lines[1:], strict=False):
        end = re.search(f"({thai.pattern})$", before)
        start = re.match(thai.pattern, after)
        if not (end and start):
            continue
        # The whole words either side, as far as the line goes.
        left = before.split()[-1]
        right = after.split()[0]
        if left + right not in source:
            continue  # not one text wrapped: two cells or paragraphs
        # libthai reads SARA AM, not NFKC's NIKHAHIT and SARA AA.
        left, right = (w.replace("\u0e4d\u0e32", "\u0e33") for w in (left, right))
        attrs = get_log_attrs(left + right, "th")
        if not attrs[len(left)].is_line_break:
            found.append(f"{left}|{right}")
    return found


@pytest.mark.parametrize("document", DOCUMENTS)
def test_lines_break_between_words(rendered, seed_html, document):
    """Hook 3 lets Pango see each line's last words whole; without it the
    line can end in the stub of a word (สำ|นัก), so the text with and
    without it differ on purpose. With it, every line that wraps a text
    ends where libthai allows a break."""
    pdf = rendered(document)
    source = source_text(seed_html[document], spaces=True)
    assert mid_word_breaks(pdf, source) == []


# --- the glyph map against the font --------------------------------------------

CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F)]  # ก-ฮ
DIGITS = "๐๑๒๓๔๕๖๗๘๙"
# Every Thai vowel, tone mark and sign, each in a syllable HarfBuzz shapes
# without a dotted circle; tone marks over short and tall consonants, over
# upper vowels, and before SARA AM; lower vowels under ญ and ฐ.
SYLLABLES = (
    "กะ กั กา กำ กิ กี กึ กื กุ กู กฺ ฿ เก แก โก ใก ไก ๆ กๅ ฯ ก็ ก่ ก้ ก๊ ก๋ ก์ กํ ก๎"
    " ๏ ๚ ๛ ฤ ฤๅ ฦ ฦๅ ปิ่ ปี้ ฟื๊ ฝึ๋ ป่ ป้ ป๊ ป๋ ป์ ปั่ น้ำ ต่ำ ป่ำ ญุ ญู ฐุ ฐู ฎุ ฏู"
    " กิ่ กี้ กึ๊ กื๋ กั้ ปั๊"
)
THAI = " ".join(["".join(CONSONANTS), DIGITS, SYLLABLES])


@pytest.mark.parametrize("weight", sorted(FONT_FILES))
def test_the_font_gives_each_thai_glyph_its_character(weight):
    """Hook 1's map, checked against TH Sarabun New itself: each Thai code
    point's glyph reads as that character, and every glyph GSUB puts in its
    place (shifted tone marks, tail-less ญ ฐ) as the character it replaces."""
    data = (FONTS / FONT_FILES[weight]).read_bytes()
    text = weasyprint_thai._glyph_text(data, 0)
    font = TTFont(io.BytesIO(data))
    glyph_id = font.getReverseGlyphMap()
    cmap = font.getBestCmap()
    thai = [c for c in cmap if 0x0E01 <= c <= 0x0E5B]
    assert len(thai) >= 87  # every assigned Thai code point
    for code_point in thai:
        assert text[glyph_id[cmap[code_point]]] == chr(code_point), hex(code_point)
    thai_glyphs = {cmap[c] for c in thai}
    own = {name for c, name in cmap.items() if not 0xE000 <= c < 0xF900}
    substituted = 0
    for source, target in weasyprint_thai._single_substitutions(font):
        if source in thai_glyphs and target not in own:  # no character of its own
            substituted += 1
            assert text[glyph_id[target]] == text[glyph_id[source]], target
    assert substituted


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_every_thai_character_reads_back_as_written(weight):
    """Every consonant, vowel, tone mark, sign and digit, rendered and read
    back with pdftotext, is the text written (NFKC: ำ may read ํา)."""
    html = (
        '<html lang="th"><body style="font-family: \'TH Sarabun New\';'
        f' font-weight: {weight}"><p>{THAI}</p></body></html>'
    )
    text = pdftotext(render_pdf(html))
    assert unicodedata.normalize("NFKC", " ".join(text.split())) == (
        unicodedata.normalize("NFKC", THAI)
    )
