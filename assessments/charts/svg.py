"""What the charts share: colours, numbers and labels, SVG elements, and
the frame every chart is drawn in (its ``<svg>`` with title and description,
the legend and its swatches). measures/charts.py builds on these too.
"""

import hashlib
import math
import unicodedata
from collections.abc import Iterable, Sequence

# Bandit B406: escape/quoteattr write the SVG's text; nothing here parses XML.
from xml.sax.saxutils import escape, quoteattr  # nosec B406

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from ita_portal.thai import format_number, parse_number, to_thai_digits

FONT_FAMILY = "'Sarabun', 'TH Sarabun New', sans-serif"
# The charts' words are in the reader's language; documents draw them in Thai
# (they are built under ita_portal.language.in_thai).
NO_DATA = gettext_lazy("ไม่มีข้อมูล")
ELLIPSIS = "…"
MAX_LABEL_CLUSTERS = 28

# Colours: text on white meets WCAG AA (>= 4.5:1); bars meet 3:1 non-text.
TEXT = "#1f2937"  # 14.7:1
MUTED = "#4b5563"  # 7.6:1
GRID = "#e5e7eb"
AXIS = "#6b7280"
PASS_LINE = "#b91c1c"  # 6.5:1 (the pass-mark line's colour)  # nosec B105
WARNING = "#c2410c"  # orange-700, 5.2:1
WARNING_TEXT = "#9a3412"  # orange-800, 7.3:1
DEFAULT_BAR = "#1d4ed8"
GROUP_COLOURS = {"IIT": "#1d4ed8", "EIT": "#0f766e", "OIT": "#7e22ce"}
GROUP_NAMES = {
    "IIT": gettext_lazy("IIT ผู้มีส่วนได้ส่วนเสียภายใน"),
    "EIT": gettext_lazy("EIT ผู้มีส่วนได้ส่วนเสียภายนอก"),
    "OIT": gettext_lazy("OIT การเปิดเผยข้อมูลสาธารณะ"),
}
EXTRA_GROUP_COLOURS = ("#0e7490", "#4d7c0f", "#be185d", "#374151")
SERIES_COLOURS = (
    "#1d4ed8",
    "#0f766e",
    "#7e22ce",
    "#b45309",
    "#be185d",
    "#374151",
)

# Thai marks that sit on or under the preceding consonant: never cut before
# them. Leading vowels (เ แ โ ใ ไ) are written before their consonant: never
# leave one at the end of a truncated label.
_THAI_COMBINING = frozenset([0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
_THAI_LEADING = frozenset(range(0x0E40, 0x0E45))


# --- numbers and text -------------------------------------------------------


def format_score(value: object, thai_digits: bool = False) -> str:
    """A score with two decimals (``88.19``, ``๘๘.๑๙``); None gives "ไม่มีข้อมูล"."""
    if value is None:
        return str(NO_DATA)
    return format_number(value, places=2, thai_digits=thai_digits)


def _format_mark(value: float, thai_digits: bool) -> str:
    """A pass mark or axis value: ``85``, ``85.5``; no trailing zeros."""
    text = format_number(value, places=2).rstrip("0").rstrip(".")
    return to_thai_digits(text) if thai_digits else text


def _to_float(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        number = float(parse_number(value))
    else:
        number = float(value)
    return number if math.isfinite(number) else None


def _n(x: float) -> str:
    """A coordinate rounded to one decimal place, without a trailing ``.0``."""
    text = f"{x:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _is_mark(char: str) -> bool:
    return ord(char) in _THAI_COMBINING or unicodedata.combining(char) != 0


def _clusters(text: str) -> list[str]:
    """Split into grapheme-ish clusters: a base character and its marks."""
    clusters: list[str] = []
    for char in text:
        if clusters and _is_mark(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def truncate_label(text: str, max_clusters: int = MAX_LABEL_CLUSTERS) -> str:
    """Shorten ``text`` to ``max_clusters`` clusters ending in "…"."""
    text = " ".join(str(text).split())
    clusters = _clusters(text)
    if len(clusters) <= max_clusters:
        return text
    kept = clusters[: max(1, max_clusters - 1)]
    while len(kept) > 1 and (kept[-1].isspace() or ord(kept[-1][0]) in _THAI_LEADING):
        kept.pop()
    return "".join(kept).rstrip() + ELLIPSIS


def _text_width(text: str, size: float) -> float:
    """A rough width of ``text`` in Sarabun, for layout only."""
    width = 0.0
    for char in text:
        if _is_mark(char):
            continue
        if char == " ":
            width += 0.28
        elif char in ".,:;()|'":
            width += 0.3
        elif char.isupper():
            width += 0.66
        else:
            width += 0.56
    return width * size


def _attrs(**attrs: object) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = _n(value)
        parts.append(f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}")
    return "".join(parts)


def _text(x: float, y: float, content: str, **attrs: object) -> str:
    return f"<text{_attrs(x=float(x), y=float(y), **attrs)}>{escape(content)}</text>"


def _halo_text(x: float, y: float, content: str, **attrs: object) -> str:
    """Text over a white outline, readable where it crosses a line.

    A copy stroked in white goes first: WeasyPrint ignores ``paint-order``.
    """
    halo = dict(attrs, fill="#ffffff", stroke="#ffffff", class_="halo")
    return _text(
        x,
        y,
        content,
        stroke_width=3.5,
        stroke_linejoin="round",
        aria_hidden="true",
        **halo,
    ) + _text(x, y, content, **attrs)


def _get(row: object, name: str, index: int) -> object:
    if isinstance(row, dict):
        return row.get(name)
    if hasattr(row, name):
        return getattr(row, name)
    if isinstance(row, Sequence) and not isinstance(row, str):
        return row[index] if len(row) > index else None
    return None


# --- the frame shared by both charts ---------------------------------------


def _chart_id(kind: str, *parts: object) -> str:
    digest = hashlib.sha1(
        repr((kind, parts)).encode("utf-8"), usedforsecurity=False
    ).hexdigest()
    return f"ita-{kind}-{digest[:10]}"


def _svg(
    *,
    chart_id: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
) -> SafeString:
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg"'
        + _attrs(
            class_="ita-chart",
            viewBox=f"0 0 {_n(width)} {_n(height)}",
            # Its own width at most, narrower on a phone: portal.css's
            # .ita-chart (no style attribute: the Content-Security-Policy).
            width=_n(width),
            height=_n(height),
            preserveAspectRatio="xMinYMin meet",
            role="img",
            aria_labelledby=f"{chart_id}-title",
            aria_describedby=f"{chart_id}-desc",
            font_family=FONT_FAMILY,
        )
        + ">"
    )
    parts = [
        head,
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        _attrs_rect_background(width, height),
        *body,
        "</svg>",
    ]
    # Bandit B308/B703: every text and attribute above went through
    # escape/quoteattr (_text, _attrs); the rest is markup written here.
    return mark_safe("\n".join(parts))  # nosec


def _attrs_rect_background(width: float, height: float) -> str:
    return f"<rect{_attrs(x=0, y=0, width=float(width), height=float(height), fill='#ffffff')}/>"


def _legend(
    items: list[tuple[str, str]], *, x0: float, y0: float, right: float
) -> tuple[list[str], float]:
    """Lay out (swatch svg, label) items in rows; returns parts and height."""
    size, row_h, gap = 13, 22, 18
    parts = ['<g class="legend">']
    x, y = x0, y0
    for swatch, label in items:
        item_w = 22 + _text_width(label, size)
        if x > x0 and x + item_w > right:
            x, y = x0, y + row_h
        cy = y + row_h / 2
        parts.append(
            swatch.format(x=_n(x), x2=_n(x + 16), cx=_n(x + 8), cy=_n(cy), y=_n(cy - 6))
        )
        parts.append(_text(x + 22, cy + size * 0.35, label, font_size=size, fill=TEXT))
        x += item_w + gap
    parts.append("</g>")
    return parts, (y - y0) + row_h


def _box_swatch(colour: str) -> str:
    return (
        f'<rect x="{{x}}" y="{{y}}" width="16" height="12" fill={quoteattr(colour)}/>'
    )


def _pass_swatch() -> str:
    return (
        '<line x1="{x}" y1="{cy}" x2="{x2}" y2="{cy}"'
        f' stroke="{PASS_LINE}" stroke-width="2" stroke-dasharray="4 3"/>'
    )


def _series_swatch(colour: str) -> str:
    return (
        '<line x1="{x}" y1="{cy}" x2="{x2}" y2="{cy}"'
        f' stroke={quoteattr(colour)} stroke-width="2.5"/>'
        f'<circle cx="{{cx}}" cy="{{cy}}" r="4" fill={quoteattr(colour)}/>'
    )
