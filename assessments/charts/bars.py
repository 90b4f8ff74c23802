"""Indicator bars: a horizontal bar 0-100 per indicator, with the pass mark."""

from collections.abc import Iterable
from dataclasses import dataclass

# Bandit B406: escape writes the SVG's text; nothing here parses XML.
from xml.sax.saxutils import escape  # nosec B406

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .svg import (
    AXIS,
    DEFAULT_BAR,
    EXTRA_GROUP_COLOURS,
    GRID,
    GROUP_COLOURS,
    GROUP_NAMES,
    MAX_LABEL_CLUSTERS,
    MUTED,
    NO_DATA,
    PASS_LINE,
    TEXT,
    WARNING,
    WARNING_TEXT,
    _attrs,
    _box_swatch,
    _chart_id,
    _format_mark,
    _get,
    _legend,
    _svg,
    _text,
    _text_width,
    _to_float,
    format_score,
    truncate_label,
)

# (label, score as given, score as a number or None, group or None)
_Item = tuple[str, object, float | None, str | None]

PAD = 12
LABEL_FONT, VALUE_FONT, TICK_FONT = 13, 12.5, 12
VALUE_W = 58
ROW_H, BAR_H = 30, 18


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
    items = _items(rows)
    title = str(title or "").strip()
    name = title or gettext("คะแนนรายตัวชี้วัด")
    groups, colours = _group_colours(items)
    any_below = any(v is not None and v < mark for _, _, v, _ in items)

    body: list[str] = []
    header, y = _header(title, groups, colours, any_below, width)
    body += header
    mark_label = gettext("เกณฑ์ผ่าน {}").format(_format_mark(mark, thai_digits))
    y += 20  # pass-mark label above the plot
    plot = _Plot.laid_out(width, top=y, rows=len(items))
    height = plot.bottom + 26 + 22 + PAD

    body += _axis(plot, thai_digits)
    rows_svg, value_labels, summary = _rows(items, plot, mark, colours, thai_digits)
    body += rows_svg
    body.append(_pass_mark(plot, mark, mark_label, width))
    body += ['<g class="values">', *value_labels, "</g>"]

    desc = gettext("แผนภูมิแท่ง{name} ({mark}): ").format(name=name, mark=mark_label) + (
        "; ".join(summary) if summary else str(NO_DATA)
    )
    cid = chart_id or _chart_id("bars", desc, width, title, tuple(items))
    return _svg(
        chart_id=cid, width=width, height=height, title=name, desc=desc, body=body
    )


def _items(rows: Iterable[object]) -> list[_Item]:
    """Each row's label (spaces collapsed), score and group."""
    items = []
    for row in rows:
        label = " ".join(str(_get(row, "label", 0) or "").split())
        group = _get(row, "group", 2)
        group = str(group).strip() if group not in (None, "") else None
        items.append(
            (label, _get(row, "score", 1), _to_float(_get(row, "score", 1)), group)
        )
    return items


def _group_colours(items: list[_Item]) -> tuple[list[str], dict[str, str]]:
    """The groups in legend order (IIT, EIT, OIT first, then as they come)
    and each group's colour."""
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
    return groups, colours


def _header(
    title: str,
    groups: list[str],
    colours: dict[str, str],
    any_below: bool,
    width: int,
) -> tuple[list[str], float]:
    """The title and the legend; returns their parts and the y below them."""
    body: list[str] = []
    y = PAD
    if title:
        body.append(
            _text(PAD, y + 17, title, font_size=17, font_weight="bold", fill=TEXT)
        )
        y += 28
    legend_items = [
        (_box_swatch(colours[g]), str(GROUP_NAMES.get(g, g))) for g in groups
    ]
    if groups and any_below:
        legend_items.append((_box_swatch(WARNING), gettext("ต่ำกว่าเกณฑ์ผ่าน")))
    if legend_items:
        parts, legend_h = _legend(legend_items, x0=PAD, y0=y, right=width - PAD)
        body += parts
        y += legend_h + 4
    return body, y


@dataclass(frozen=True)
class _Plot:
    """Where the bars go (viewBox units)."""

    label_w: int
    x: int
    w: int
    top: float
    bottom: float
    max_clusters: int

    @classmethod
    def laid_out(cls, width: int, *, top: float, rows: int) -> "_Plot":
        label_w = round(min(250, max(120, width * 0.34)))
        plot_x = PAD + label_w + 10
        return cls(
            label_w=label_w,
            x=plot_x,
            w=max(60, width - plot_x - VALUE_W - PAD),
            top=top,
            bottom=top + ROW_H * max(1, rows),
            max_clusters=min(
                MAX_LABEL_CLUSTERS, int((label_w - 4) / (LABEL_FONT * 0.58))
            ),
        )

    def x_of(self, value: float) -> float:
        return self.x + self.w * min(100.0, max(0.0, value)) / 100


def _axis(plot: _Plot, thai_digits: bool) -> list[str]:
    """The grid lines and ticks 0-100, the axis and its caption."""
    step = 10 if plot.w >= 300 else 20
    grid = ['<g class="axis">']
    for tick in range(0, 101, step):
        tx = plot.x_of(tick)
        grid.append(
            f"<line{_attrs(x1=tx, y1=float(plot.top), x2=tx, y2=float(plot.bottom), stroke=GRID if tick else AXIS, stroke_width=1)}/>"
        )
        grid.append(
            _text(
                tx,
                plot.bottom + 18,
                _format_mark(tick, thai_digits),
                font_size=TICK_FONT,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    grid.append(
        f"<line{_attrs(x1=float(plot.x), y1=float(plot.bottom), x2=plot.x_of(100), y2=float(plot.bottom), stroke=AXIS, stroke_width=1)}/>"
    )
    grid.append(
        _text(
            plot.x_of(50),
            plot.bottom + 40,
            gettext("คะแนน (เต็ม {})").format(_format_mark(100, thai_digits)),
            font_size=TICK_FONT,
            fill=MUTED,
            text_anchor="middle",
        )
    )
    grid.append("</g>")
    return grid


def _rows(
    items: list[_Item],
    plot: _Plot,
    mark: float,
    colours: dict[str, str],
    thai_digits: bool,
) -> tuple[list[str], list[str], list[str]]:
    """Each row's label and bar; returns those parts, the score labels
    (drawn last, over the pass line) and the description of each row."""
    body = ['<g class="rows">']
    summary = []
    value_labels: list[str] = []
    for i, (label, raw, value, group) in enumerate(items):
        top = plot.top + i * ROW_H
        mid = top + ROW_H / 2
        body.append(_row_label(label, plot, baseline=mid + LABEL_FONT * 0.35))
        if value is None:
            body.append(
                _text(
                    plot.x + 6,
                    mid + VALUE_FONT * 0.35,
                    str(NO_DATA),
                    class_="no-data",
                    font_size=VALUE_FONT,
                    font_style="italic",
                    fill=MUTED,
                )
            )
            summary.append(f"{label} {str(NO_DATA)}")
            continue
        below = value < mark
        score_text = format_score(raw, thai_digits)
        colour = WARNING if below else colours.get(group, DEFAULT_BAR)
        body.append(_bar(label, score_text, value, group, below, colour, plot, mid))
        value_labels += _value_label(score_text, value, below, plot, mid)
        summary.append(
            f"{label} {score_text}"
            + (" ({})".format(gettext("ต่ำกว่าเกณฑ์ผ่าน")) if below else "")
        )
    if not items:
        body.append(
            _text(
                plot.x + 6,
                plot.top + ROW_H / 2 + VALUE_FONT * 0.35,
                str(NO_DATA),
                class_="no-data",
                font_size=VALUE_FONT,
                fill=MUTED,
            )
        )
    body.append("</g>")
    return body, value_labels, summary


def _row_label(label: str, plot: _Plot, *, baseline: float) -> str:
    """The row's label, right-aligned; a shortened one keeps the whole label
    as its tooltip."""
    short = truncate_label(label, plot.max_clusters)
    label_attrs = dict(font_size=LABEL_FONT, fill=TEXT, text_anchor="end")
    if short != label:
        return (
            f"<text{_attrs(x=float(PAD + plot.label_w), y=baseline, class_='label', **label_attrs)}>"
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
    return _text(PAD + plot.label_w, baseline, label, class_="label", **label_attrs)


def _bar(
    label: str,
    score_text: str,
    value: float,
    group: str | None,
    below: bool,
    colour: str,
    plot: _Plot,
    mid: float,
) -> str:
    bar_w = plot.x_of(value) - plot.x
    classes = "bar bar--below" if below else "bar"
    if group:
        classes += f" bar--{group.lower()}"
    return (
        f"<rect{_attrs(class_=classes, x=float(plot.x), y=mid - BAR_H / 2, width=bar_w, height=float(BAR_H), fill=colour)}>"
        f"<title>{escape(f'{label} {score_text}')}</title></rect>"
    )


def _value_label(
    score_text: str, value: float, below: bool, plot: _Plot, mid: float
) -> list[str]:
    """The score at the bar's end, over a white box that hides the pass line
    where it crosses."""
    text_x = plot.x_of(value) + 5
    box_w = _text_width(score_text, VALUE_FONT) * 1.1 + 6
    return [
        f"<rect{_attrs(x=text_x - 3, y=mid - VALUE_FONT * 0.7, width=box_w, height=VALUE_FONT * 1.4, fill='#ffffff')}/>",
        _text(
            text_x,
            mid + VALUE_FONT * 0.35,
            score_text,
            class_="value value--below" if below else "value",
            font_size=VALUE_FONT,
            font_weight="bold",
            fill=WARNING_TEXT if below else TEXT,
        ),
    ]


def _pass_mark(plot: _Plot, mark: float, mark_label: str, width: int) -> str:
    """The pass-mark line and its label, drawn over the bars."""
    px = plot.x_of(mark)
    mark_w = _text_width(mark_label, 12)
    anchor_x = min(px, width - PAD - mark_w / 2)
    return (
        '<g class="pass-mark">'
        + f"<line{_attrs(x1=px, y1=float(plot.top), x2=px, y2=float(plot.bottom), stroke=PASS_LINE, stroke_width=2, stroke_dasharray='5 4')}/>"
        + _text(
            anchor_x,
            plot.top - 8,
            mark_label,
            font_size=12,
            font_weight="bold",
            fill=PASS_LINE,
            text_anchor="middle",
        )
        + "</g>"
    )
