"""Make WeasyPrint's PDFs copy, search and wrap right in Thai.

Four hooks into WeasyPrint, installed by ``install``:

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
   the line breaks mid-word (สำ|นัก). The hook raises the constant to 6, so
   that the cut falls half a line past the line's end and libthai sees the
   line's last words whole. 5 and 6 break every line of the demo and bench
   documents where 8 does (pdftotext -layout is the same); 4 fails
   tests/reports/test_pdf.py. 8 had Pango shape a tenth more text than 6.

4. Lines laid out again. A table row kept whole (``break-inside: avoid``)
   that does not fit at the bottom of a page is laid out there up to the
   page's end, dropped and laid out again on the next page; the header row is
   laid out again on every page. Each time WeasyPrint breaks the same text
   into the same lines, at about a millisecond a line
   (``weasyprint.layout.inline.split_text_box`` shapes the text with Pango
   two or three times a line). The hook keeps each line it breaks for the
   rest of the document's layout, keyed by the text box, the offset of the
   line in it and the width, and gives a copy back when the same box is
   broken at the same place and width again. The cache lives on WeasyPrint's
   layout context, so every document is laid out from nothing; only the same
   box of the same document hits it, never the same words elsewhere. It
   saves a quarter to a third of a long plan's layout (bench/documents.py).

Hooks 1, 2 and 4 wrap module-level functions that WeasyPrint looks up at call
time. ``hooks_disabled`` turns some off for a while, for tests (HOOKS names
them). All four were written against one WeasyPrint version and ``install``
refuses any other: read the four functions in the new version before
changing ``WEASYPRINT_VERSION``.
"""

import copy
import io
import re
import threading
import unicodedata
from contextlib import contextmanager
from functools import lru_cache, partial

import pydyf
import weasyprint
import weasyprint.draw.text
import weasyprint.layout.inline
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
_THAI_LINE_RATIO = 6

_install_lock = threading.Lock()
_installed = False
# Hook name -> (object, attribute, WeasyPrint's value, the hook's value).
_hooks: dict[str, tuple[object, str, object, object]] = {}
HOOKS = ("text_layer", "sara_am", "line_ratio", "line_cache")


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
        split_first_line = weasyprint.text.line_break.split_first_line
        original_code = split_first_line.__code__
        _raise_line_ratio(split_first_line)
        _hooks["line_ratio"] = (
            split_first_line,
            "__code__",
            original_code,
            split_first_line.__code__,
        )
        _wrap(
            "text_layer",
            weasyprint.pdf,
            "build_fonts_dictionary",
            _build_fonts_dictionary,
        )
        _wrap("sara_am", weasyprint.draw.text, "draw_first_line", _draw_first_line)
        _wrap("line_cache", weasyprint.layout.inline, "split_text_box", _split_text_box)
        _installed = True


def _wrap(hook_name, module, name, hook):
    original = getattr(module, name)
    hooked = partial(hook, original)
    setattr(module, name, hooked)
    _hooks[hook_name] = (module, name, original, hooked)


@contextmanager
def hooks_disabled(*names: str):
    """Install the hooks, then run the block with the named ones (of HOOKS)
    off: WeasyPrint's own code in their place. For tests; not thread-safe."""
    unknown = set(names) - set(HOOKS)
    if unknown:
        raise ValueError(f"no such hook: {', '.join(sorted(unknown))}")
    install()
    for name in names:
        target, attribute, original, _hooked = _hooks[name]
        setattr(target, attribute, original)
    try:
        yield
    finally:
        for name in names:
            target, attribute, _original, hooked = _hooks[name]
            setattr(target, attribute, hooked)


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


def _split_text_box(original, context, box, available_width, skip, is_line_start=True):
    # The result depends on the box (its text and style), where the line
    # starts in it, the width, and justification; the box itself is kept in
    # the cache so that its id is not reused for another box.
    lines = context.__dict__.setdefault("_ita_lines", {})
    key = (id(box), skip, available_width, is_line_start, box.justification_spacing)
    kept = lines.get(key)
    if kept is None or kept[0] is not box:
        new_box, resume_at, preserved_line_break = original(
            context, box, available_width, skip, is_line_start
        )
        # Kept before WeasyPrint places the new box (it moves it in place).
        kept = (box, _line_copy(new_box), resume_at, preserved_line_break)
        lines[key] = kept
        return new_box, resume_at, preserved_line_break
    _box, new_box, resume_at, preserved_line_break = kept
    return _line_copy(new_box), resume_at, preserved_line_break


def _line_copy(line_box):
    """A copy of a line's text box, with its own copy of the Pango layout
    holder (drawing reactivates it; an ellipsis changes its text)."""
    if line_box is None:
        return None
    line_box = line_box.copy()
    line_box.pango_layout = copy.copy(line_box.pango_layout)
    return line_box


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
