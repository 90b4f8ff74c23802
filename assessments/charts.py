"""Server-side SVG charts of ITA scores, one implementation for pages and PDFs.

WeasyPrint runs no JavaScript but renders inline SVG, so the charts are plain
SVG strings built here: no scripts, no external references, deterministic
output (coordinates rounded to one decimal place), every label escaped.
Each chart is an accessible image (``role="img"``) named by its ``<title>`` and
summarised in Thai by its ``<desc>``; its ``viewBox`` lets it scale to a phone.

Public API::

    indicator_bars(rows, *, pass_mark=85, title="", thai_digits=False, width=720)
    score_trend(series, *, pass_mark=85, title="", thai_digits=False,
                width=720, height=320)
    format_score(value, thai_digits=False)

Colours are set as attributes (WeasyPrint and pages without the app's CSS draw
them the same) and repeated as classes (``bar``, ``bar--below``, ``point``...)
so tests and stylesheets can find the parts.
"""

import hashlib
import math
import unicodedata
from collections.abc import Iterable, Sequence

# Bandit B406: escape/quoteattr write the SVG's text; nothing here parses XML.
from xml.sax.saxutils import escape, quoteattr  # nosec B406

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

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
            width="100%",
            preserveAspectRatio="xMinYMin meet",
            role="img",
            aria_labelledby=f"{chart_id}-title",
            aria_describedby=f"{chart_id}-desc",
            font_family=FONT_FAMILY,
            style=f"max-width:{_n(width)}px;height:auto;display:block",
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


# --- 1. indicator bars -----------------------------------------------------


def indicator_bars(
    rows: Iterable[object],
    *,
    pass_mark: object = 85,
    title: str = "",
    thai_digits: bool = False,
    width: int = 720,
    chart_id: str | None = None,
) -> SafeString:
    """A horizontal bar per row: its label, a bar 0-100 and the score.

    Each row is an object or dict with ``label``, ``score`` (None: not entered,
    no bar) and optional ``group`` (instrument code, colours the bar), or a
    tuple ``(label, score[, group])``. Bars under ``pass_mark`` are drawn in
    the warning colour with class ``bar--below``.
    """
    mark = _to_float(pass_mark)
    mark = 85.0 if mark is None else mark
    items = []
    for row in rows:
        label = " ".join(str(_get(row, "label", 0) or "").split())
        group = _get(row, "group", 2)
        group = str(group).strip() if group not in (None, "") else None
        items.append(
            (label, _get(row, "score", 1), _to_float(_get(row, "score", 1)), group)
        )
    title = str(title or "").strip()
    name = title or gettext("คะแนนรายตัวชี้วัด")

    groups: list[str] = []
    for *_, group in items:
        if group and group not in groups:
            groups.append(group)
    known = [g for g in GROUP_COLOURS if g in groups]
    groups = known + [g for g in groups if g not in GROUP_COLOURS]
    colours = {}
    extra = iter(EXTRA_GROUP_COLOURS * (len(groups) + 1))
    for group in groups:
        colours[group] = GROUP_COLOURS.get(group) or next(extra)
    any_below = any(v is not None and v < mark for _, _, v, _ in items)

    # Layout (viewBox units).
    pad = 12
    label_font, value_font, tick_font = 13, 12.5, 12
    label_w = round(min(250, max(120, width * 0.34)))
    value_w = 58
    plot_x = pad + label_w + 10
    plot_w = max(60, width - plot_x - value_w - pad)
    row_h, bar_h = 30, 18
    max_clusters = min(MAX_LABEL_CLUSTERS, int((label_w - 4) / (label_font * 0.58)))

    def x_of(value: float) -> float:
        return plot_x + plot_w * min(100.0, max(0.0, value)) / 100

    body: list[str] = []
    y = pad
    if title:
        body.append(
            _text(pad, y + 17, title, font_size=17, font_weight="bold", fill=TEXT)
        )
        y += 28
    legend_items = [
        (_box_swatch(colours[g]), str(GROUP_NAMES.get(g, g))) for g in groups
    ]
    if groups and any_below:
        legend_items.append((_box_swatch(WARNING), gettext("ต่ำกว่าเกณฑ์ผ่าน")))
    if legend_items:
        parts, legend_h = _legend(legend_items, x0=pad, y0=y, right=width - pad)
        body += parts
        y += legend_h + 4
    mark_label = gettext("เกณฑ์ผ่าน {}").format(_format_mark(mark, thai_digits))
    y += 20  # pass-mark label above the plot
    plot_top = y
    plot_h = row_h * max(1, len(items))
    plot_bottom = plot_top + plot_h
    height = plot_bottom + 26 + 22 + pad

    # Grid and axis.
    step = 10 if plot_w >= 300 else 20
    grid = ['<g class="axis">']
    for tick in range(0, 101, step):
        tx = x_of(tick)
        grid.append(
            f"<line{_attrs(x1=tx, y1=float(plot_top), x2=tx, y2=float(plot_bottom), stroke=GRID if tick else AXIS, stroke_width=1)}/>"
        )
        grid.append(
            _text(
                tx,
                plot_bottom + 18,
                _format_mark(tick, thai_digits),
                font_size=tick_font,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    grid.append(
        f"<line{_attrs(x1=float(plot_x), y1=float(plot_bottom), x2=x_of(100), y2=float(plot_bottom), stroke=AXIS, stroke_width=1)}/>"
    )
    grid.append(
        _text(
            x_of(50),
            plot_bottom + 40,
            gettext("คะแนน (เต็ม {})").format(_format_mark(100, thai_digits)),
            font_size=tick_font,
            fill=MUTED,
            text_anchor="middle",
        )
    )
    grid.append("</g>")
    body += grid

    # Rows.
    body.append('<g class="rows">')
    summary = []
    value_labels: list[str] = []
    for i, (label, raw, value, group) in enumerate(items):
        top = plot_top + i * row_h
        mid = top + row_h / 2
        baseline = mid + label_font * 0.35
        short = truncate_label(label, max_clusters)
        label_attrs = dict(font_size=label_font, fill=TEXT, text_anchor="end")
        if short != label:
            body.append(
                f"<text{_attrs(x=float(pad + label_w), y=baseline, class_='label', **label_attrs)}>"
                f"<title>{escape(label)}</title>{escape(short)}</text>"
            )
        else:
            body.append(
                _text(pad + label_w, baseline, label, class_="label", **label_attrs)
            )
        if value is None:
            body.append(
                _text(
                    plot_x + 6,
                    mid + value_font * 0.35,
                    str(NO_DATA),
                    class_="no-data",
                    font_size=value_font,
                    font_style="italic",
                    fill=MUTED,
                )
            )
            summary.append(f"{label} {str(NO_DATA)}")
            continue
        below = value < mark
        score_text = format_score(raw, thai_digits)
        colour = WARNING if below else colours.get(group, DEFAULT_BAR)
        bar_w = x_of(value) - plot_x
        classes = "bar bar--below" if below else "bar"
        if group:
            classes += f" bar--{group.lower()}"
        body.append(
            f"<rect{_attrs(class_=classes, x=float(plot_x), y=mid - bar_h / 2, width=bar_w, height=float(bar_h), fill=colour)}>"
            f"<title>{escape(f'{label} {score_text}')}</title></rect>"
        )
        # A white box behind the score hides the pass line where it crosses.
        text_x = x_of(value) + 5
        box_w = _text_width(score_text, value_font) * 1.1 + 6
        value_labels.append(
            f"<rect{_attrs(x=text_x - 3, y=mid - value_font * 0.7, width=box_w, height=value_font * 1.4, fill='#ffffff')}/>"
        )
        value_labels.append(
            _text(
                text_x,
                mid + value_font * 0.35,
                score_text,
                class_="value value--below" if below else "value",
                font_size=value_font,
                font_weight="bold",
                fill=WARNING_TEXT if below else TEXT,
            )
        )
        summary.append(
            f"{label} {score_text}"
            + (" ({})".format(gettext("ต่ำกว่าเกณฑ์ผ่าน")) if below else "")
        )
    if not items:
        body.append(
            _text(
                plot_x + 6,
                plot_top + row_h / 2 + value_font * 0.35,
                str(NO_DATA),
                class_="no-data",
                font_size=value_font,
                fill=MUTED,
            )
        )
    body.append("</g>")

    # Pass mark, drawn over the bars.
    px = x_of(mark)
    mark_w = _text_width(mark_label, 12)
    anchor_x = min(px, width - pad - mark_w / 2)
    body.append(
        '<g class="pass-mark">'
        + f"<line{_attrs(x1=px, y1=float(plot_top), x2=px, y2=float(plot_bottom), stroke=PASS_LINE, stroke_width=2, stroke_dasharray='5 4')}/>"
        + _text(
            anchor_x,
            plot_top - 8,
            mark_label,
            font_size=12,
            font_weight="bold",
            fill=PASS_LINE,
            text_anchor="middle",
        )
        + "</g>"
    )
    body += ['<g class="values">', *value_labels, "</g>"]

    desc = gettext("แผนภูมิแท่ง{name} ({mark}): ").format(name=name, mark=mark_label) + (
        "; ".join(summary) if summary else str(NO_DATA)
    )
    cid = chart_id or _chart_id("bars", desc, width, title, tuple(items))
    return _svg(
        chart_id=cid, width=width, height=height, title=name, desc=desc, body=body
    )


# --- 2. score trend ----------------------------------------------------------


def score_trend(
    series: Iterable[tuple[str, Iterable[tuple[int, object]]]],
    *,
    pass_mark: object = 85,
    title: str = "",
    thai_digits: bool = False,
    width: int = 720,
    height: int = 320,
    chart_id: str | None = None,
) -> SafeString:
    """Scores over fiscal years (พ.ศ.): a line and dots per series.

    ``series`` is a list of ``(name, [(fiscal_year_be, score or None), ...])``.
    A None score, or a fiscal year missing between two others, breaks the line
    (each unbroken run is one ``<polyline>``); a lone point is a dot only.
    The Y axis starts at the multiple of 10 below the lowest score or pass
    mark (never below 0), so changes are visible; its tick labels say so.
    """
    mark = _to_float(pass_mark)
    mark = 85.0 if mark is None else mark
    title = str(title or "").strip()
    name = title or gettext("แนวโน้มคะแนน ITA")
    data: list[tuple[str, list[tuple[int, object, float | None]]]] = []
    for series_name, points in series:
        by_year: dict[int, tuple[object, float | None]] = {}
        for year, score in points:
            by_year[int(year)] = (score, _to_float(score))
        data.append(
            (
                " ".join(str(series_name).split()),
                [(y, raw, v) for y, (raw, v) in sorted(by_year.items())],
            )
        )
    years = sorted({y for _, pts in data for y, _, _ in pts})
    values = [v for _, pts in data for _, _, v in pts if v is not None]

    low = min([*values, mark]) if values else 0.0
    y_start = max(0, math.floor(low / 10) * 10)
    if y_start == low and y_start > 0:
        y_start -= 10
    y_end = max(100, math.ceil(max([*values, mark]) / 10) * 10) if values else 100
    y_step = 10 if (y_end - y_start) <= 60 else 20

    # Layout.
    pad = 12
    tick_font, value_font = 12, 11.5
    body: list[str] = []
    y = pad
    if title:
        body.append(
            _text(pad, y + 17, title, font_size=17, font_weight="bold", fill=TEXT)
        )
        y += 28
    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(data))]
    mark_label = gettext("เกณฑ์ผ่าน {}").format(_format_mark(mark, thai_digits))
    legend_items = [
        (_series_swatch(c), n) for (n, _), c in zip(data, colours, strict=True)
    ]
    legend_items.append((_pass_swatch(), mark_label))
    parts, legend_h = _legend(legend_items, x0=pad, y0=y, right=width - pad)
    body += parts
    y += legend_h + 10
    plot_x = pad + 34
    plot_right = width - pad - 10
    plot_top = y
    axis_h = 26 + 20
    if height - pad - axis_h - plot_top < 120:
        height = plot_top + 120 + axis_h + pad
    plot_bottom = height - pad - axis_h
    plot_w = plot_right - plot_x
    plot_h = plot_bottom - plot_top

    first, last = (years[0], years[-1]) if years else (0, 0)
    span = last - first + 1

    def x_of(year: int) -> float:
        return plot_x + plot_w * (year - first + 0.5) / span

    def y_of(value: float) -> float:
        clamped = min(y_end, max(y_start, value))
        return plot_bottom - plot_h * (clamped - y_start) / (y_end - y_start)

    # Axes.
    axis = ['<g class="axis">']
    for tick in range(y_start, y_end + 1, y_step):
        ty = y_of(tick)
        axis.append(
            f"<line{_attrs(x1=float(plot_x), y1=ty, x2=float(plot_right), y2=ty, stroke=GRID if tick != y_start else AXIS, stroke_width=1)}/>"
        )
        axis.append(
            _text(
                plot_x - 6,
                ty + tick_font * 0.35,
                _format_mark(tick, thai_digits),
                font_size=tick_font,
                fill=MUTED,
                text_anchor="end",
            )
        )
    axis.append(
        f"<line{_attrs(x1=float(plot_x), y1=float(plot_top), x2=float(plot_x), y2=float(plot_bottom), stroke=AXIS, stroke_width=1)}/>"
    )
    year_step = max(1, math.ceil(span / max(1, plot_w / 56)))
    for year in range(first, last + 1, year_step) if years else ():
        axis.append(
            _text(
                x_of(year),
                plot_bottom + 18,
                _format_mark(year, thai_digits),
                font_size=tick_font,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    axis.append(
        _text(
            (plot_x + plot_right) / 2,
            plot_bottom + 38,
            gettext("ปีงบประมาณ (พ.ศ.)"),
            font_size=tick_font,
            fill=MUTED,
            text_anchor="middle",
        )
    )
    if not values:
        axis.append(
            _text(
                (plot_x + plot_right) / 2,
                (plot_top + plot_bottom) / 2,
                str(NO_DATA),
                class_="no-data",
                font_size=14,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    axis.append("</g>")
    body += axis

    # Pass line.
    py = y_of(mark)
    body.append(
        f'<line class="pass-mark"{_attrs(x1=float(plot_x), y1=py, x2=float(plot_right), y2=py, stroke=PASS_LINE, stroke_width=1.5, stroke_dasharray="6 4")}/>'
    )

    # Which value labels go under their dot: the lower of two series per year.
    below_at: set[tuple[int, int]] = set()
    show_values = len(data) <= 2
    if len(data) == 2:
        lookup = [{yr: v for yr, _, v in pts} for _, pts in data]
        for yr in years:
            a, b = lookup[0].get(yr), lookup[1].get(yr)
            if a is not None and b is not None:
                below_at.add((1, yr) if b <= a else (0, yr))

    summary = []
    for index, ((series_name, pts), colour) in enumerate(
        zip(data, colours, strict=True)
    ):
        body.append(f'<g class="series"{_attrs(data_series=index)}>')
        runs: list[list[tuple[float, float]]] = []
        previous = None
        for yr, _, v in pts:
            if v is None:
                previous = None
                continue
            point = (x_of(yr), y_of(v))
            if previous is not None and previous == yr - 1:
                runs[-1].append(point)
            else:
                runs.append([point])
            previous = yr
        for run in runs:
            if len(run) > 1:
                body.append(
                    f"<polyline{_attrs(class_='line', points=' '.join(f'{_n(px)},{_n(py)}' for px, py in run), fill='none', stroke=colour, stroke_width=2.5, stroke_linejoin='round', stroke_linecap='round')}/>"
                )
        texts = []
        for yr, raw, v in pts:
            year_text = _format_mark(yr, thai_digits)
            if v is None:
                texts.append(f"{year_text} {str(NO_DATA)}")
                continue
            score_text = format_score(raw, thai_digits)
            texts.append(f"{year_text} {score_text}")
            cx, cy = x_of(yr), y_of(v)
            tip = gettext("{series} ปีงบประมาณ {year}: {score}").format(
                series=series_name, year=year_text, score=score_text
            )
            body.append(
                f"<circle{_attrs(class_='point', cx=cx, cy=cy, r=4.5, fill=colour, stroke='#ffffff', stroke_width=1.5)}>"
                f"<title>{escape(tip)}</title></circle>"
            )
            if show_values:
                under = (index, yr) in below_at
                body.append(
                    _halo_text(
                        cx,
                        cy + 18 if under else cy - 9,
                        score_text,
                        class_="value",
                        font_size=value_font,
                        font_weight="bold",
                        fill=TEXT,
                        text_anchor="middle",
                    )
                )
        body.append("</g>")
        summary.append(f"{series_name}: " + ", ".join(texts))

    desc = gettext("แผนภูมิเส้น{name} ตามปีงบประมาณ ({mark}): ").format(
        name=name, mark=mark_label
    ) + ("; ".join(summary) if summary else str(NO_DATA))
    cid = chart_id or _chart_id("trend", desc, width, height, title)
    return _svg(
        chart_id=cid, width=width, height=height, title=name, desc=desc, body=body
    )
