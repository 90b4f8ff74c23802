"""Forms of a measure and of a measure template. Choices that name months,
quarters or indicators are callables, so each request names them in its own
language."""

import re

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from assessments.models import FrameworkYear
from ita_portal.forms import (
    ThaiModelMultipleChoiceField,
)
from ita_portal.language import month_name

from .. import selectors
from ..models import (
    Measure,
    MeasureTemplate,
    TimeframeKind,
)

# Choices are callables, so that each request names the months, quarters
# and indicators in its own language.


def fiscal_month_choices():
    """Months in fiscal order, ตุลาคม first, after an empty choice."""
    months = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
    return [("", "—"), *((m, month_name(m)) for m in months)]


def quarter_choices():
    return [("", "—"), *((q, _("ไตรมาสที่ {}").format(q)) for q in (1, 2, 3, 4))]


def indicator_choices():
    return [(n, _("ตัวชี้วัดที่ {}").format(n)) for n in range(1, 11)]


class StepsField(forms.CharField):
    """Ordered steps typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class SuggestionsInput(forms.TextInput):
    """A text input offering `suggestions` in a <datalist>: staff pick a
    spelling used before, or type a new text."""

    def __init__(self, attrs=None, suggestions=()):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-suggestions"
        attrs["list"] = list_id
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            format_html_join(
                "", '<option value="{}"></option>', ((s,) for s in self.suggestions)
            ),
        )


class MeasureForm(forms.ModelForm):
    steps = StepsField(
        label=_("ขั้นตอน/วิธีการดำเนินงาน"),
        required=False,
        help_text=_("หนึ่งบรรทัดต่อหนึ่งขั้นตอน ตามลำดับ"),
    )
    start_month = forms.TypedChoiceField(
        label=_("เดือนเริ่ม"),
        choices=fiscal_month_choices,
        coerce=int,
        required=False,
        empty_value=None,
    )
    end_month = forms.TypedChoiceField(
        label=_("เดือนสิ้นสุด"),
        choices=fiscal_month_choices,
        coerce=int,
        required=False,
        empty_value=None,
    )
    quarter = forms.TypedChoiceField(
        label=_("ไตรมาส"),
        choices=quarter_choices,
        coerce=int,
        required=False,
        empty_value=None,
    )

    class Meta:
        model = Measure
        fields = [
            "theme",
            "title",
            "steps",
            "lead_division",
            "divisions",
            "responsible_people",
            "responsible_text",
            "timeframe_kind",
            "start_month",
            "end_month",
            "quarter",
            "timeframe_text",
            "follow_up",
            "reporting_frequency",
            "finding",
            "answers",
        ]
        widgets = {
            "theme": SuggestionsInput,
            "divisions": forms.CheckboxSelectMultiple,
            "answers": forms.CheckboxSelectMultiple,
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "finding": forms.Textarea(attrs={"rows": 2}),
            "responsible_people": forms.Textarea(attrs={"rows": 2}),
            "timeframe_kind": forms.RadioSelect,
        }
        field_classes = {
            "divisions": ThaiModelMultipleChoiceField,
            "answers": ThaiModelMultipleChoiceField,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        # The plan's themes so far, so that a measure joins one by its exact
        # spelling.
        themes = plan.measures.exclude(theme="").order_by("order", "pk")
        self.fields["theme"].widget.suggestions = list(
            dict.fromkeys(themes.values_list("theme", flat=True))
        )
        divisions = plan.organization.divisions.order_by("name")
        self.fields["lead_division"].queryset = divisions
        self.fields["lead_division"].required = True
        self.fields["divisions"].queryset = divisions
        self.fields["answers"].queryset = plan.weaknesses.order_by("order")
        english = selectors.english_weakness_names(plan)
        self.fields["answers"].label_from_instance = lambda w: "{} {} {}".format(
            w.label,
            selectors.weakness_name(w, english),
            f"({w.score})" if w.score is not None else "",
        ).strip()


ITEM_CODE = re.compile(r"^(?:O|i|e)\d{1,2}$")


def _item_code(text: str) -> str:
    """OIT items are written O24; IIT and EIT questions i17 and e5."""
    text = text.strip()
    return text.upper() if text[:1] in "Oo" else text.lower()


class TemplateForm(forms.ModelForm):
    """An organisation's own measure template."""

    steps = StepsField(
        label=_("ขั้นตอน/วิธีการดำเนินงาน"),
        help_text=_("หนึ่งบรรทัดต่อหนึ่งขั้นตอน ตามลำดับ"),
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("ตัวชี้วัดที่ตอบ"),
        choices=indicator_choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    items = forms.CharField(
        label=_("ข้อคำถาม/ข้อ OIT ที่ตอบ"),
        required=False,
        help_text=_("คั่นด้วยจุลภาค เช่น O24, O40, i17, e5"),
    )
    timeframe_kind = forms.ChoiceField(
        label=_("ระยะเวลาดำเนินการ"),
        choices=TimeframeKind.choices,
        initial=TimeframeKind.YEAR,
        widget=forms.RadioSelect,
    )
    start_month = MeasureForm.base_fields["start_month"]
    end_month = MeasureForm.base_fields["end_month"]
    quarter = MeasureForm.base_fields["quarter"]

    class Meta:
        model = MeasureTemplate
        fields = [
            "title",
            "steps",
            "indicators",
            "items",
            "items_year",
            "division_kind",
            "timeframe_kind",
            "start_month",
            "end_month",
            "quarter",
            "follow_up",
            "reporting_frequency",
            "finding",
        ]
        widgets = {
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "finding": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        template = self.instance
        self.initial.setdefault("items", ", ".join(template.items or []))
        years = FrameworkYear.objects.order_by("-fiscal_year").values_list(
            "fiscal_year", flat=True
        )
        self.fields["items_year"] = forms.TypedChoiceField(
            label=_("เลขข้อตามกรอบการประเมินปี"),
            choices=[("", "—"), *((y, y) for y in years)],
            coerce=int,
            required=False,
            empty_value=None,
            help_text=_("เลขข้อ OIT และข้อคำถามเปลี่ยนไปตามปี"),
        )
        timeframe = template.timeframe or {}
        self.initial.setdefault("timeframe_kind", timeframe.get("kind", "year"))
        for name in ("start_month", "end_month", "quarter"):
            self.initial.setdefault(name, timeframe.get(name))

    def clean_items(self):
        typed = [c for c in re.split(r"[,\s]+", self.cleaned_data["items"]) if c]
        wrong = [code for code in typed if not ITEM_CODE.match(_item_code(code))]
        if wrong:
            raise forms.ValidationError(
                _("รหัสข้อไม่ถูกต้อง: {codes} (ตัวอย่างที่ถูก: O24, i17, e5)").format(
                    codes=", ".join(wrong)
                )
            )
        return list(dict.fromkeys(_item_code(code) for code in typed))

    def clean(self):
        data = super().clean()
        if data.get("items") and not data.get("items_year"):
            self.add_error("items_year", _("กรุณาเลือกปีของเลขข้อ"))
        kind = data.get("timeframe_kind")
        timeframe = {"kind": kind}
        if kind == TimeframeKind.MONTHS:
            if not data.get("start_month"):
                self.add_error("start_month", _("กรุณาเลือกเดือนเริ่ม"))
            timeframe.update(
                start_month=data.get("start_month"), end_month=data.get("end_month")
            )
        elif kind == TimeframeKind.QUARTER:
            if not data.get("quarter"):
                self.add_error("quarter", _("กรุณาเลือกไตรมาส"))
            timeframe["quarter"] = data.get("quarter")
        self.instance.timeframe = timeframe
        return data
