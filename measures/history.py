"""A plan's history as people read it: who did what, when, to which part.

django-simple-history keeps every version of the plan, its measures and its
analysis paragraphs. This turns those rows into entries such as
“แก้ไขมาตรการ ‘…’: ระยะเวลาดำเนินการ ต.ค.–มี.ค. → ไตรมาสที่ 2”, newest first,
with a fixed number of queries whatever the length of the history.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AnalysisParagraph, Measure, Plan

# The fields whose changes are worth telling a reader, in reading order.
PLAN_FIELDS = [
    "title",
    "introduction",
    "report_preface",
    "report_background",
    "layout",
    "title_layout",
    "introduction_place",
    "analysis_heading",
    "measures_heading",
    "measures_intro_shown",
    "measures_intro",
    "column_headers",
    "measure_titles_shown",
    "status",
]
MEASURE_FIELDS = [
    "theme",
    "title",
    "steps",
    "lead_division",
    "responsible_people",
    "responsible_text",
    "timeframe",
    "follow_up",
    "reporting_frequency",
    "finding",
    "indicators",
    "items",
]
SHOWN_LENGTH = 80
LABELS = {"timeframe": gettext_lazy("ระยะเวลาดำเนินการ")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    user: object
    action: str
    subject: str = ""
    changes: list[Change] = field(default_factory=list)


def _shown(record, name: str) -> str:
    """A field's value as a reader knows it: choice labels, list items joined,
    a measure's timeframe as `ต.ค. 65 – มี.ค. 66`."""
    if name == "timeframe":
        measure = record.instance
        measure.plan = record.plan
        return measure.timeframe_label()
    model_field = record._meta.get_field(name)
    value = getattr(record, model_field.attname)
    if value in (None, "", []):
        return "—"
    if model_field.choices:
        value = getattr(record, f"get_{name}_display")()
    elif model_field.is_relation:
        value = getattr(record, name, None) or value
    elif isinstance(value, list):
        value = " / ".join(str(v) for v in value)
    return Truncator(str(value)).chars(SHOWN_LENGTH)


def _changes(old, new, names) -> list[Change]:
    changes = []
    for name in names:
        before, after = _shown(old, name), _shown(new, name)
        if before != after:
            label = str(LABELS.get(name) or new._meta.get_field(name).verbose_name)
            changes.append(Change(label, before, after))
    return changes


def _pairs(records):
    """Each historical record with the one before it of the same object."""
    last = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        yield last.get(record.id), record
        last[record.id] = record


def _plan_entries(plan):
    records = Plan.history.filter(id=plan.pk).select_related("history_user")
    for previous, record in _pairs(records):
        if record.history_type == "+":
            action = record.history_change_reason or _("สร้างแผน")
            yield Entry(record.history_date, record.history_user, action)
            continue
        changes = _changes(previous, record, PLAN_FIELDS) if previous else []
        if record.history_change_reason:
            changes = [c for c in changes if c.label != str(_("สถานะ"))]
            action = record.history_change_reason
        elif changes:
            action = _("แก้ไขแผน")
        else:
            continue
        yield Entry(record.history_date, record.history_user, action, "", changes)


def _measure_entries(plan):
    records = Measure.history.filter(plan_id=plan.pk).select_related(
        "history_user", "lead_division"
    )
    for record in records:
        record.plan = plan  # for the timeframe's fiscal year, without a query
    for previous, record in _pairs(records):
        subject = Truncator(record.title).chars(SHOWN_LENGTH)
        if record.history_type == "+":
            action = _("เพิ่มมาตรการ")
            changes = []
        elif record.history_type == "-":
            action = _("ลบมาตรการ")
            changes = []
        else:
            changes = _changes(previous, record, MEASURE_FIELDS) if previous else []
            if changes:
                action = _("แก้ไขมาตรการ")
            elif previous and previous.order != record.order:
                action = _("เปลี่ยนลำดับมาตรการ")
                changes = [Change(_("ลำดับ"), str(previous.order), str(record.order))]
            else:
                continue
        yield Entry(record.history_date, record.history_user, action, subject, changes)


def _analysis_entries(plan):
    records = AnalysisParagraph.history.filter(plan_id=plan.pk).select_related(
        "history_user"
    )
    for previous, record in _pairs(records):
        if record.history_type != "~" or previous is None:
            continue
        changes = _changes(previous, record, ["text"])
        if changes:
            yield Entry(
                record.history_date,
                record.history_user,
                _("แก้ไขการวิเคราะห์"),
                "",
                changes,
            )


def plan_history(plan: Plan) -> list[Entry]:
    """Every readable change of the plan, newest first."""
    entries = [
        *_plan_entries(plan),
        *_measure_entries(plan),
        *_analysis_entries(plan),
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)
