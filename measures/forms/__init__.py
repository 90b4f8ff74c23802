"""The measures app's forms: plans (`plans`), measures and templates
(`measures`), progress (`progress`)."""

from .measures import MeasureForm, TemplateForm
from .plans import AnalysisParagraphForm, GeneratePlanForm, PlanForm
from .progress import ProgressUpdateForm, RoundOpenForm

__all__ = [
    "AnalysisParagraphForm",
    "GeneratePlanForm",
    "MeasureForm",
    "PlanForm",
    "ProgressUpdateForm",
    "RoundOpenForm",
    "TemplateForm",
]
