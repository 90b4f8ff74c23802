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

The charts are built in steps: ``bars`` and ``trend`` draw one chart each,
``svg`` holds what they share with each other and with measures/charts.py.
"""

from .bars import indicator_bars
from .svg import (
    AXIS,
    DEFAULT_BAR,
    ELLIPSIS,
    EXTRA_GROUP_COLOURS,
    FONT_FAMILY,
    GRID,
    GROUP_COLOURS,
    GROUP_NAMES,
    MAX_LABEL_CLUSTERS,
    MUTED,
    NO_DATA,
    PASS_LINE,
    SERIES_COLOURS,
    TEXT,
    WARNING,
    WARNING_TEXT,
    format_score,
    truncate_label,
)
from .trend import score_trend

__all__ = [
    "AXIS",
    "DEFAULT_BAR",
    "ELLIPSIS",
    "EXTRA_GROUP_COLOURS",
    "FONT_FAMILY",
    "GRID",
    "GROUP_COLOURS",
    "GROUP_NAMES",
    "MAX_LABEL_CLUSTERS",
    "MUTED",
    "NO_DATA",
    "PASS_LINE",
    "SERIES_COLOURS",
    "TEXT",
    "WARNING",
    "WARNING_TEXT",
    "format_score",
    "indicator_bars",
    "score_trend",
    "truncate_label",
]
