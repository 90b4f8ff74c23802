"""Server-side SVG chart of measures' progress, in the style of
assessments/charts/ and built from its helpers (assessments/charts/svg.py):
plain SVG, no scripts, deterministic, every label escaped, an accessible
image with a Thai summary.

    status_bars(rows, *, title="", thai_digits=False, width=720)
"""

from collections.abc import Iterable, Mapping

# Bandit B406: escape writes the SVG's text; nothing here parses XML.
from xml.sax.saxutils import escape  # nosec B406

from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy, ngettext

from assessments.charts.svg import (
    AXIS,
    MUTED,
    TEXT,
    WARNING_TEXT,
    _attrs,
    _box_swatch,
    _chart_id,
    _legend,
    _svg,
    _text,
    _text_width,
    truncate_label,
)
from ita_portal.thai import format_number, to_thai_digits

from .models.progress import ProgressStatus

# Text on white meets WCAG AA; white count labels on each colour too.
STATUS_COLOURS = {
    ProgressStatus.NOT_STARTED: "#6b7280",  # grey-500, 4.8:1
    ProgressStatus.IN_PROGRESS: "#b45309",  # amber-700, 5.0:1
    ProgressStatus.DONE: "#15803d",  # green-700, 5.0:1
}
# The chart's words are in the reader's language (documents: Thai).
NO_MEASURES = gettext_lazy("ไม่มีมาตรการ")


def _digits(value: object, thai_digits: bool) -> str:
    return to_thai_digits(value) if thai_digits else str(value)


def status_bars(
    rows: Iterable[tuple[str, Mapping[str, int], int]],
    *,
    title: str = "",
    thai_digits: bool = False,
    width: int = 720,
    chart_id: str | None = None,
) -> SafeString:
    """A 100% bar per row, split by status (ยังไม่ดำเนินการ / อยู่ระหว่าง /
    ดำเนินการแล้ว), with the count in each part and the total and overdue at
    the right. Each row is ``(label, {status: count}, overdue)``."""
    items = [
        (" ".join(str(label).split()), dict(counts), int(overdue or 0))
        for label, counts, overdue in rows
    ]
    title = str(title or "").strip()
    name = title or gettext("ความก้าวหน้าของมาตรการ")

    pad = 12
    label_font, value_font = 13, 12.5
    label_w = round(min(230, max(110, width * 0.3)))
    right_w = 150
    plot_x = pad + label_w + 10
    plot_w = max(80, width - plot_x - right_w - pad)
    row_h, bar_h = 32, 20
    max_clusters = int((label_w - 4) / (label_font * 0.58))

    body: list[str] = []
    y = pad
    if title:
        body.append(
            _text(pad, y + 17, title, font_size=17, font_weight="bold", fill=TEXT)
        )
        y += 28
    legend = [
        (_box_swatch(STATUS_COLOURS[status]), str(status.label))
        for status in ProgressStatus
    ]
    parts, legend_h = _legend(legend, x0=pad, y0=y, right=width - pad)
    body += parts
    y += legend_h + 8
    plot_top = y
    plot_bottom = plot_top + row_h * max(1, len(items))
    height = plot_bottom + pad

    body.append('<g class="rows">')
    summary = []
    for i, (label, counts, overdue) in enumerate(items):
        top = plot_top + i * row_h
        mid = top + row_h / 2
        baseline = mid + label_font * 0.35
        short = truncate_label(label, max_clusters)
        body.append(
            _text(
                pad + label_w,
                baseline,
                short,
                class_="label",
                font_size=label_font,
                fill=TEXT,
                text_anchor="end",
            )
        )
        total = sum(counts.get(s.value, 0) for s in ProgressStatus)
        parts_text = []
        x = float(plot_x)
        if not total:
            body.append(
                f"<rect{_attrs(x=float(plot_x), y=mid - bar_h / 2, width=float(plot_w), height=float(bar_h), fill='#ffffff', stroke=AXIS, stroke_width=1)}/>"
            )
        for status in ProgressStatus:
            count = counts.get(status.value, 0)
            if not count:
                continue
            share = count / total
            seg_w = plot_w * share
            percent = format_number(100 * share, places=0, thai_digits=thai_digits)
            tip = f"{label}: {status.label} {_digits(count, thai_digits)} ({percent}%)"
            parts_text.append(
                f"{status.label} {_digits(count, thai_digits)} ({percent}%)"
            )
            body.append(
                f"<rect{_attrs(class_=f'bar bar--{status.value}', x=x, y=mid - bar_h / 2, width=seg_w, height=float(bar_h), fill=STATUS_COLOURS[status])}>"
                f"<title>{escape(tip)}</title></rect>"
            )
            text = _digits(count, thai_digits)
            if seg_w >= _text_width(text, value_font) + 8:
                body.append(
                    _text(
                        x + seg_w / 2,
                        mid + value_font * 0.35,
                        text,
                        class_="value",
                        font_size=value_font,
                        font_weight="bold",
                        fill="#ffffff",
                        text_anchor="middle",
                    )
                )
            x += seg_w
        right = (
            ngettext("{n} มาตรการ", "{n} มาตรการ", total).format(
                n=_digits(total, thai_digits)
            )
            if total
            else str(NO_MEASURES)
        )
        body.append(
            _text(
                plot_x + plot_w + 8,
                mid + value_font * 0.35,
                right,
                class_="total",
                font_size=value_font,
                fill=MUTED,
            )
        )
        if overdue:
            late = gettext("เลยกำหนด {}").format(_digits(overdue, thai_digits))
            body.append(
                _text(
                    plot_x + plot_w + 8 + _text_width(right, value_font) + 8,
                    mid + value_font * 0.35,
                    late,
                    class_="overdue",
                    font_size=value_font,
                    font_weight="bold",
                    fill=WARNING_TEXT,
                )
            )
            parts_text.append(late)
        summary.append(f"{label}: " + (", ".join(parts_text) or str(NO_MEASURES)))
    body.append("</g>")

    desc = gettext("แผนภูมิแท่ง{name}: ").format(name=name) + (
        "; ".join(summary) if summary else str(NO_MEASURES)
    )
    cid = chart_id or _chart_id("status", desc, width, title)
    return _svg(
        chart_id=cid, width=width, height=height, title=name, desc=desc, body=body
    )
