"""Make WeasyPrint's PDFs copy, search and wrap right in Thai.

Three hooks into WeasyPrint, installed by ``install``:

1. Text layer. WeasyPrint 70 writes each font's ToUnicode map (glyph -> text,
   what a reader copies and searches) from ``Font.to_unicode``, which it fills
   while drawing with the text of the cluster a glyph was first seen in. A
   Thai cluster holds several glyphs, so SARA AA (า) comes out as ำ wherever ำ
   was drawn first, and a shifted tone mark can take its consonant's text
   (DESIGN.md, "Known trap"). After drawing and before the fonts are written
   (``weasyprint.pdf.build_fonts_dictionary``), every glyph used gets the text
   the font itself gives it: its cmap entry, skipping private-use code points,
   or else the source of a GSUB single or alternate substitution (how TH
   Sarabun New reaches its shifted tone marks and tail-less ญ ฐ). ำ then reads
   ํา, which is ำ under NFKC. Text that is already right (a ligature's "fi")
   is kept.
2. SARA AM after a tone mark. When HarfBuzz splits SARA AM it moves NIKHAHIT
   in front of an upper vowel or tone mark (น้ำ is drawn น ํ ้ า), an order no
   glyph map can undo. A line holding such a sequence
   (``weasyprint.draw.text.draw_first_line``) is wrapped in an /ActualText
   span with its source text, which poppler, PDFium and Acrobat extract
   instead of the glyphs; pypdf ignores it.
3. Line breaks. ``weasyprint.text.line_break.split_first_line`` lays out only
   the first ``ratio * max_width / font_size`` characters of a text to save
   time, betting on fewer than ``ratio = 4`` characters per em. Thai in TH
   Sarabun New runs to about 4 (its marks are characters), so the cut can
   fall inside the line's last word; libthai takes the stub for a word and
   the line breaks mid-word (สำ|นัก). The hook raises the constant to 8, so
   WeasyPrint lays out a little more text and breaks where libthai finds words.

Hooks 1 and 2 wrap module-level functions that WeasyPrint looks up at call
time. All three were written against one WeasyPrint version and ``install``
refuses any other: read the three functions in the new version before
changing ``WEASYPRINT_VERSION``.
"""

import io
import re
import threading
import unicodedata
from functools import lru_cache, partial

import pydyf
import weasyprint
import weasyprint.draw.text
import weasyprint.pdf
import weasyprint.text.line_break
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

WEASYPRINT_VERSION = "70.0"

_PRIVATE_USE = range(0xE000, 0xF900)
# The marks HarfBuzz moves NIKHAHIT back over when it splits SARA AM: its Thai
# shaper's IS_TONE_MARK (hb-ot-shaper-thai.cc), upper vowels included.
_REORDERED_SARA_AM = re.compile("[\u0e31\u0e34-\u0e37\u0e47-\u0e4e]\u0e33")
# Characters per em that split_first_line bets a line never reaches (hook 3).
_WEASYPRINT_LINE_RATIO = 4
_THAI_LINE_RATIO = 8

_install_lock = threading.Lock()
_installed = False


class WeasyPrintVersionError(RuntimeError):
    """The installed WeasyPrint is not the one the hooks were written for."""


def check_weasyprint_version() -> None:
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise WeasyPrintVersionError(
            f"reports/weasyprint_thai.py hooks into WeasyPrint {WEASYPRINT_VERSION}"
            f" but WeasyPrint {weasyprint.__version__} is installed. Pin"
            f" weasyprint=={WEASYPRINT_VERSION}, or check the hooks against the new"
            " version (see that module's docstring) and update WEASYPRINT_VERSION."
        )


def install() -> None:
    """Check the WeasyPrint version, then install the hooks once."""
    global _installed
    check_weasyprint_version()
    with _install_lock:
        if _installed:
            return
        # First the one hook that can still refuse, so that none is left half done.
        _raise_line_ratio(weasyprint.text.line_break.split_first_line)
        _wrap(weasyprint.pdf, "build_fonts_dictionary", _build_fonts_dictionary)
        _wrap(weasyprint.draw.text, "draw_first_line", _draw_first_line)
        _installed = True


def _wrap(module, name, hook):
    setattr(module, name, partial(hook, getattr(module, name)))


def _raise_line_ratio(function) -> None:
    # "ratio = 4" is a local constant, so the function's code gets a new one;
    # every module that imported the function sees the change.
    code = function.__code__
    ratios = [
        i
        for i, value in enumerate(code.co_consts)
        if type(value) is int and value == _WEASYPRINT_LINE_RATIO
    ]
    if len(ratios) != 1:
        raise WeasyPrintVersionError(
            f"{function.__qualname__} no longer has one constant"
            f" {_WEASYPRINT_LINE_RATIO}: check hook 3 of reports/weasyprint_thai.py."
        )
    constants = list(code.co_consts)
    constants[ratios[0]] = _THAI_LINE_RATIO
    function.__code__ = code.replace(co_consts=tuple(constants))


def _build_fonts_dictionary(original, pdf, fonts, *args, **kwargs):
    # Every page is drawn, so to_unicode holds every glyph used; the fonts and
    # their ToUnicode maps are written by the original.
    for font in fonts.values():
        own_text = _glyph_text(font.file_content, font.index)
        font.to_unicode.update(
            {
                glyph: own_text[glyph]
                for glyph, text in font.to_unicode.items()
                if glyph in own_text and _nfkc(text) != _nfkc(own_text[glyph])
            }
        )
    return original(pdf, fonts, *args, **kwargs)


def _draw_first_line(original, stream, textbox, text_overflow, block_ellipsis, matrix):
    # An ellipsis hides part of textbox.text, which the span must not claim.
    if (
        not _REORDERED_SARA_AM.search(textbox.text)
        or text_overflow == "ellipsis"
        or block_ellipsis != "none"
    ):
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    actual_text = pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)})
    stream.begin_marked_content("Span", actual_text)
    try:
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        stream.end_marked_content()


@lru_cache(maxsize=16)
def _glyph_text(font_file: bytes, font_index: int) -> dict[int, str]:
    """Glyph id -> the character the font gives that glyph, where it gives one.

    From the cmap (the lowest code point where several share a glyph, none in
    the private-use area), then back through GSUB single and alternate
    substitutions, following chains (uni0E48 -> .alt2 -> .alt1 -> .alt3).
    """
    font = TTFont(io.BytesIO(font_file), fontNumber=font_index, lazy=True)
    glyph_id = font.getReverseGlyphMap()
    text: dict[int, str] = {}
    for code_point, name in sorted((font.getBestCmap() or {}).items()):
        if code_point not in _PRIVATE_USE:
            text.setdefault(glyph_id[name], chr(code_point))
    substitutions = [
        (glyph_id[source], glyph_id[target])
        for source, target in _single_substitutions(font)
    ]
    found = True
    while found:
        found = False
        for source, target in substitutions:
            if target not in text and source in text:
                text[target] = text[source]
                found = True
    return text


def _single_substitutions(font: TTFont):
    """(source, target) glyph names of GSUB single and alternate substitutions."""
    if "GSUB" not in font or not font["GSUB"].table.LookupList:
        return
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            if isinstance(subtable, otTables.ExtensionSubst):
                subtable = subtable.ExtSubTable
            if isinstance(subtable, otTables.SingleSubst):
                yield from subtable.mapping.items()
            elif isinstance(subtable, otTables.AlternateSubst):
                for source, targets in subtable.alternates.items():
                    for target in targets:
                        yield source, target


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
