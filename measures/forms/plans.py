"""Forms of a plan: generating it from last year's scores, its title and layout,
and its analysis paragraphs."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.scoring import WeaknessRules
from ita_portal.forms import (
    ScoreField,
)

from ..models import (
    AnalysisParagraph,
    Plan,
)


class GeneratePlanForm(forms.Form):
    """Choose last year's assessment and the rules; the plan is for the
    year after it."""

    assessment = forms.ModelChoiceField(
        label=_("ผลการประเมินที่ใช้วิเคราะห์"), queryset=None, empty_label=None
    )
    below_pass_mark = forms.BooleanField(
        label=_("ทุกตัวชี้วัดที่ต่ำกว่าเกณฑ์ผ่าน"), required=False, initial=True
    )
    lowest_per_instrument = forms.BooleanField(
        label=_("ตัวชี้วัดที่ต่ำสุดของแต่ละแบบวัด แม้จะผ่านเกณฑ์"), required=False, initial=True
    )
    question_threshold = ScoreField(
        label=_("ข้อคำถาม IIT/EIT ที่ได้คะแนนต่ำกว่า"),
        required=False,
        initial=Decimal(85),
        help_text=_("เว้นว่างถ้าไม่ต้องการพิจารณารายข้อคำถาม"),
    )
    failed_items = forms.BooleanField(
        label=_("ทุกข้อ OIT ที่ไม่ผ่าน"), required=False, initial=True
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = organization.assessments.select_related(
            "framework"
        ).order_by("-framework__fiscal_year")
        self.fields["assessment"].label_from_instance = lambda a: _(
            "ผลการประเมินปี {year} → แผนปี {plan}"
        ).format(year=a.framework.fiscal_year, plan=a.framework.fiscal_year + 1)

    def rules(self) -> WeaknessRules:
        data = self.cleaned_data
        return WeaknessRules(
            below_pass_mark=data["below_pass_mark"],
            lowest_per_instrument=data["lowest_per_instrument"],
            question_threshold=data["question_threshold"],
            failed_items=data["failed_items"],
        )


class PlanForm(forms.ModelForm):
    # Choices a page that does not offer them leaves as they are.
    KEPT_WHEN_MISSING = ("title_layout", "introduction_place")

    class Meta:
        model = Plan
        fields = [
            "title",
            "title_layout",
            "introduction",
            "introduction_place",
            "layout",
            "analysis_heading",
            "measures_heading",
            "measures_intro_shown",
            "measures_intro",
            "column_headers",
            "measure_titles_shown",
            "report_preface",
            "report_background",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "measures_intro": forms.Textarea(attrs={"rows": 3}),
            "column_headers": forms.Textarea(attrs={"rows": 5}),
            "report_preface": forms.Textarea(attrs={"rows": 3}),
            "report_background": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.KEPT_WHEN_MISSING:
            self.fields[name].required = False
        # The table's headers as they print, to be edited in place: the
        # layout's own, when the office has not typed its own.
        self.initial["column_headers"] = "\n".join(
            " ".join(header.split()) for header in self.instance.columns()
        )

    def clean(self):
        data = super().clean()
        for name in self.KEPT_WHEN_MISSING:
            if not data.get(name):
                data[name] = getattr(self.instance, name)
        return data


class AnalysisParagraphForm(forms.ModelForm):
    class Meta:
        model = AnalysisParagraph
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
