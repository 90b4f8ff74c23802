"""The score trend: scores over fiscal years, a line and dots per series."""

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Bandit B406: escape writes the SVG's text; nothing here parses XML.
from xml.sax.saxutils import escape  # nosec B406

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .svg import (
    AXIS,
    GRID,
    MUTED,
    NO_DATA,
    PASS_LINE,
    SERIES_COLOURS,
    TEXT,
    _attrs,
    _chart_id,
    _format_mark,
    _halo_text,
    _legend,
    _n,
    _pass_swatch,
    _series_swatch,
    _svg,
    _text,
    _to_float,
    format_score,
)

# (fiscal year, score as given, score as a number or None), by year
_Points = list[tuple[int, object, float | None]]

PAD = 12
TICK_FONT, VALUE_FONT = 12, 11.5
AXIS_H = 26 + 20


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
    data = _series_data(series)
    years = sorted({y for _, pts in data for y, _, _ in pts})
    values = [v for _, pts in data for _, _, v in pts if v is not None]

    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(data))]
    mark_label = gettext("เกณฑ์ผ่าน {}").format(_format_mark(mark, thai_digits))
    body, y = _header(title, data, colours, mark_label, width)
    if height - PAD - AXIS_H - y < 120:
        height = y + 120 + AXIS_H + PAD
    plot = _Plot.laid_out(width, height, top=y, years=years, values=values, mark=mark)

    body += _axes(plot, years, values, thai_digits)
    py = plot.y_of(mark)
    body.append(
        f'<line class="pass-mark"{_attrs(x1=float(plot.x), y1=py, x2=float(plot.right), y2=py, stroke=PASS_LINE, stroke_width=1.5, stroke_dasharray="6 4")}/>'
    )

    below_at = _values_below(data, years)
    show_values = len(data) <= 2
    summary = []
    for index, ((series_name, pts), colour) in enumerate(
        zip(data, colours, strict=True)
    ):
        parts, texts = _series(
            index, series_name, pts, colour, plot, thai_digits, below_at, show_values
        )
        body += parts
        summary.append(f"{series_name}: " + ", ".join(texts))

    desc = gettext("แผนภูมิเส้น{name} ตามปีงบประมาณ ({mark}): ").format(
        name=name, mark=mark_label
    ) + ("; ".join(summary) if summary else str(NO_DATA))
    cid = chart_id or _chart_id("trend", desc, width, height, title)
    return _svg(
        chart_id=cid, width=width, height=height, title=name, desc=desc, body=body
    )


def _series_data(
    series: Iterable[tuple[str, Iterable[tuple[int, object]]]],
) -> list[tuple[str, _Points]]:
    """Each series' name (spaces collapsed) and its points by year, the last
    score given for a year winning."""
    data: list[tuple[str, _Points]] = []
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
    return data


def _header(
    title: str,
    data: list[tuple[str, _Points]],
    colours: list[str],
    mark_label: str,
    width: int,
) -> tuple[list[str], float]:
    """The title and the legend (the series, then the pass mark); returns
    their parts and the y below them."""
    body: list[str] = []
    y = PAD
    if title:
        body.append(
            _text(PAD, y + 17, title, font_size=17, font_weight="bold", fill=TEXT)
        )
        y += 28
    legend_items = [
        (_series_swatch(c), n) for (n, _), c in zip(data, colours, strict=True)
    ]
    legend_items.append((_pass_swatch(), mark_label))
    parts, legend_h = _legend(legend_items, x0=PAD, y0=y, right=width - PAD)
    body += parts
    y += legend_h + 10
    return body, y


@dataclass(frozen=True)
class _Plot:
    """Where the lines go (viewBox units) and the years and scores it spans."""

    x: int
    right: int
    top: float
    bottom: float
    first: int
    last: int
    y_start: int
    y_end: int

    @classmethod
    def laid_out(
        cls,
        width: int,
        height: int,
        *,
        top: float,
        years: list[int],
        values: list[float],
        mark: float,
    ) -> "_Plot":
        first, last = (years[0], years[-1]) if years else (0, 0)
        y_start, y_end = _y_range(values, mark)
        return cls(
            x=PAD + 34,
            right=width - PAD - 10,
            top=top,
            bottom=height - PAD - AXIS_H,
            first=first,
            last=last,
            y_start=y_start,
            y_end=y_end,
        )

    @property
    def w(self) -> float:
        return self.right - self.x

    @property
    def h(self) -> float:
        return self.bottom - self.top

    @property
    def span(self) -> int:
        return self.last - self.first + 1

    @property
    def y_step(self) -> int:
        return 10 if (self.y_end - self.y_start) <= 60 else 20

    def x_of(self, year: int) -> float:
        return self.x + self.w * (year - self.first + 0.5) / self.span

    def y_of(self, value: float) -> float:
        clamped = min(self.y_end, max(self.y_start, value))
        return self.bottom - self.h * (clamped - self.y_start) / (
            self.y_end - self.y_start
        )


def _y_range(values: list[float], mark: float) -> tuple[int, int]:
    """The Y axis: from the multiple of 10 below the lowest score or pass
    mark (never below 0) to 100 or the highest score above it."""
    low = min([*values, mark]) if values else 0.0
    y_start = max(0, math.floor(low / 10) * 10)
    if y_start == low and y_start > 0:
        y_start -= 10
    y_end = max(100, math.ceil(max([*values, mark]) / 10) * 10) if values else 100
    return y_start, y_end


def _axes(
    plot: _Plot, years: list[int], values: list[float], thai_digits: bool
) -> list[str]:
    """The score grid and ticks, the year ticks, the axes' captions, and
    "no data" when there is no score."""
    axis = ['<g class="axis">']
    for tick in range(plot.y_start, plot.y_end + 1, plot.y_step):
        ty = plot.y_of(tick)
        axis.append(
            f"<line{_attrs(x1=float(plot.x), y1=ty, x2=float(plot.right), y2=ty, stroke=GRID if tick != plot.y_start else AXIS, stroke_width=1)}/>"
        )
        axis.append(
            _text(
                plot.x - 6,
                ty + TICK_FONT * 0.35,
                _format_mark(tick, thai_digits),
                font_size=TICK_FONT,
                fill=MUTED,
                text_anchor="end",
            )
        )
    axis.append(
        f"<line{_attrs(x1=float(plot.x), y1=float(plot.top), x2=float(plot.x), y2=float(plot.bottom), stroke=AXIS, stroke_width=1)}/>"
    )
    year_step = max(1, math.ceil(plot.span / max(1, plot.w / 56)))
    for year in range(plot.first, plot.last + 1, year_step) if years else ():
        axis.append(
            _text(
                plot.x_of(year),
                plot.bottom + 18,
                _format_mark(year, thai_digits),
                font_size=TICK_FONT,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    axis.append(
        _text(
            (plot.x + plot.right) / 2,
            plot.bottom + 38,
            gettext("ปีงบประมาณ (พ.ศ.)"),
            font_size=TICK_FONT,
            fill=MUTED,
            text_anchor="middle",
        )
    )
    if not values:
        axis.append(
            _text(
                (plot.x + plot.right) / 2,
                (plot.top + plot.bottom) / 2,
                str(NO_DATA),
                class_="no-data",
                font_size=14,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    axis.append("</g>")
    return axis


def _values_below(
    data: list[tuple[str, _Points]], years: list[int]
) -> set[tuple[int, int]]:
    """(series index, year) of the value labels that go under their dot: of
    two series, the lower one each year."""
    below_at: set[tuple[int, int]] = set()
    if len(data) == 2:
        lookup = [{yr: v for yr, _, v in pts} for _, pts in data]
        for yr in years:
            a, b = lookup[0].get(yr), lookup[1].get(yr)
            if a is not None and b is not None:
                below_at.add((1, yr) if b <= a else (0, yr))
    return below_at


def _series(
    index: int,
    series_name: str,
    pts: _Points,
    colour: str,
    plot: _Plot,
    thai_digits: bool,
    below_at: set[tuple[int, int]],
    show_values: bool,
) -> tuple[list[str], list[str]]:
    """One series' lines, dots and value labels; returns them and the text of
    each point for the description."""
    body = [f'<g class="series"{_attrs(data_series=index)}>']
    for run in _runs(pts, plot):
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
        cx, cy = plot.x_of(yr), plot.y_of(v)
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
                    font_size=VALUE_FONT,
                    font_weight="bold",
                    fill=TEXT,
                    text_anchor="middle",
                )
            )
    body.append("</g>")
    return body, texts


def _runs(pts: _Points, plot: _Plot) -> list[list[tuple[float, float]]]:
    """The points of each unbroken run of consecutive years with a score."""
    runs: list[list[tuple[float, float]]] = []
    previous = None
    for yr, _, v in pts:
        if v is None:
            previous = None
            continue
        point = (plot.x_of(yr), plot.y_of(v))
        if previous is not None and previous == yr - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
        previous = yr
    return runs
