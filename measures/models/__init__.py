"""The measures app's models, one module per part of the year: plans
(`plans`), their measures and the template library (`measures`), and the
progress reported on them (`progress`). Import them from here."""

from .measures import (
    Measure,
    MeasureTemplate,
    ReportingFrequency,
    ResponsibleKind,
    TimeframeKind,
)
from .plans import (
    LAYOUT_COLUMNS,
    AnalysisParagraph,
    IntroductionPlace,
    Layout,
    Plan,
    TitleLayout,
    Weakness,
)
from .progress import (
    Evidence,
    ProgressStatus,
    ProgressUpdate,
    ReportingRound,
    RoundEntry,
)

__all__ = [
    "LAYOUT_COLUMNS",
    "AnalysisParagraph",
    "Evidence",
    "IntroductionPlace",
    "Layout",
    "Measure",
    "MeasureTemplate",
    "Plan",
    "ProgressStatus",
    "ProgressUpdate",
    "ReportingFrequency",
    "ReportingRound",
    "ResponsibleKind",
    "RoundEntry",
    "TimeframeKind",
    "TitleLayout",
    "Weakness",
]
