"""The overview's two charts, drawn server-side as SVG with the helpers of
assessments/charts (plain SVG, no scripts, every label escaped, an
accessible image with a Thai summary):

    grades_chart(rows, *, fiscal_year)   how many offices got each grade
    published_chart(rows, *, fiscal_year, deadline, today)
                                         the share of offices published, day
                                         by day, against the deadline
"""

from datetime import date, timedelta

from django.utils.translation import gettext

from assessments.charts.svg import (
    AXIS,
    DEFAULT_BAR,
    GRID,
    MUTED,
    PASS_LINE,
    TEXT,
    _attrs,
    _chart_id,
    _svg,
    _text,
)
from ita_portal import language, thai

GRADES = ("AA", "A", "B", "C", "D", "E", "F")
WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40


def grades_chart(rows, *, fiscal_year: int):
    """A bar per grade (and one for offices without a score)."""
    counts = {grade: 0 for grade in GRADES}
    none = 0
    for row in rows:
        if row.grade in counts:
            counts[row.grade] += 1
        else:
            none += 1
    labels = [*GRADES, gettext("ไม่มีคะแนน")]
    values = [*counts.values(), none]
    top = max(values + [1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(values)
    body = [_axes(top, plot_w, plot_h)]
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + n * slot + slot * 0.15
        h = plot_h * value / top
        y = TOP + plot_h - h
        body.append(
            f"<rect{_attrs(x=x, y=y, width=slot * 0.7, height=h, fill=DEFAULT_BAR, class_='bar')}/>"
        )
        body.append(
            _text(
                x + slot * 0.35,
                y - 4,
                str(value),
                font_size=12,
                fill=TEXT,
                text_anchor="middle",
            )
        )
        body.append(
            _text(
                x + slot * 0.35,
                TOP + plot_h + 18,
                label,
                font_size=12,
                fill=TEXT,
                text_anchor="middle",
            )
        )
    summary = ", ".join(
        f"{label} {value}" for label, value in zip(labels, values, strict=True)
    )
    title = gettext("การกระจายของระดับผลการประเมิน ITA ปี {year}").format(
        year=fiscal_year - 1
    )
    return _svg(
        chart_id=_chart_id("grades", fiscal_year, tuple(values)),
        width=WIDTH,
        height=HEIGHT,
        title=title,
        desc=gettext("จำนวนหน่วยงานในแต่ละระดับ: {summary}").format(summary=summary),
        body=body,
    )


def _axes(top: int, plot_w: float, plot_h: float, percent: bool = False) -> str:
    parts = []
    for n in range(5):
        y = TOP + plot_h - plot_h * n / 4
        value = top * n / 4
        label = (
            f"{value:.0f}%"
            if percent
            else f"{value:.0f}"
            if value == int(value)
            else ""
        )
        parts.append(
            f"<line{_attrs(x1=float(LEFT), y1=y, x2=float(LEFT + plot_w), y2=y, stroke=GRID)}/>"
        )
        if label:
            parts.append(
                _text(
                    LEFT - 6, y + 4, label, font_size=11, fill=MUTED, text_anchor="end"
                )
            )
    parts.append(
        f"<line{_attrs(x1=float(LEFT), y1=float(TOP + plot_h), x2=float(LEFT + plot_w), y2=float(TOP + plot_h), stroke=AXIS)}/>"
    )
    return "\n".join(parts)


def published_series(
    rows, *, fiscal_year: int, today: date
) -> list[tuple[date, float]]:
    """(day, share of offices published by then, 0-100) from the start of
    the fiscal year to today or its end, one point a week."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    end = min(end, max(today, start))
    dates = sorted(
        r.plan_date for r in rows if r.plan_status == "published" and r.plan_date
    )
    total = max(len(rows), 1)
    points, day, n = [], start, 0
    while True:
        while n < len(dates) and dates[n] <= day:
            n += 1
        points.append((day, 100 * n / total))
        if day >= end:
            break
        day = min(day + timedelta(days=7), end)
    return points


def published_chart(rows, *, fiscal_year: int, deadline: date | None, today: date):
    """The share of offices whose plan is published, over the year, with the
    overseer's deadline as a vertical line."""
    points = published_series(rows, fiscal_year=fiscal_year, today=today)
    start, year_end = thai.fiscal_year_bounds(fiscal_year)
    span = max((year_end - start).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: date) -> float:
        return LEFT + plot_w * min(max((d - start).days, 0), span) / span

    def y(share: float) -> float:
        return TOP + plot_h - plot_h * share / 100

    body = [_axes(100, plot_w, plot_h, percent=True)]
    for month in (10, 1, 4, 7):
        d = thai.fiscal_month_date(fiscal_year, month)
        body.append(
            _text(
                x(d),
                TOP + plot_h + 18,
                language.format_month(d, short=True),
                font_size=11,
                fill=MUTED,
                text_anchor="start",
            )
        )
    path = " ".join(
        f"{'M' if n == 0 else 'L'}{x(d):.1f},{y(s):.1f}"
        for n, (d, s) in enumerate(points)
    )
    body.append(
        f'<path d="{path}" fill="none" stroke="{DEFAULT_BAR}" stroke-width="2.5" class="series"/>'
    )
    last_day, last_share = points[-1]
    body.append(
        _text(
            x(last_day),
            y(last_share) - 8,
            f"{last_share:.0f}%",
            font_size=12,
            fill=TEXT,
            text_anchor="end",
        )
    )
    desc = gettext("เผยแพร่แล้วร้อยละ {share} ของหน่วยงาน ณ {date}").format(
        share=f"{last_share:.0f}", date=language.format_date(last_day)
    )
    if deadline is not None:
        body.append(
            f"<line{_attrs(x1=x(deadline), y1=float(TOP), x2=x(deadline), y2=float(TOP + plot_h), stroke=PASS_LINE, stroke_width=2, stroke_dasharray='5 4', class_='deadline')}/>"
        )
        body.append(
            _text(
                x(deadline) + 4,
                TOP + 12,
                gettext("กำหนด {date}").format(
                    date=language.format_date(deadline, short=True)
                ),
                font_size=12,
                fill=PASS_LINE,
            )
        )
        desc += " " + gettext("กำหนดเผยแพร่ {date}").format(
            date=language.format_date(deadline)
        )
    return _svg(
        chart_id=_chart_id("published", fiscal_year, tuple(points), deadline),
        width=WIDTH,
        height=HEIGHT,
        title=gettext("สัดส่วนหน่วยงานที่เผยแพร่แผนปี {year}").format(year=fiscal_year),
        desc=desc,
        body=body,
    )
