"""Score entry at three levels of detail, built from the year's framework."""

from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import ScoreField

from .models import FrameworkYear
from .scoring import FrameworkSpec, ItemEntry

PASS_CHOICES = [("", _("ยังไม่กรอก")), ("pass", _("ผ่าน (มี)")), ("fail", _("ไม่ผ่าน (ไม่มี)"))]
GRADE_UNKNOWN = _("ระดับต้องเป็นหนึ่งใน {grades}")
CHANGED_MEANWHILE = _(
    "มีผู้อื่นแก้ช่องนี้เป็น “{value}” หลังจากที่ท่านเปิดหน้านี้ "
    "ค่าที่ท่านกรอกยังอยู่ในช่อง ถ้ายืนยันค่าของท่าน ให้กดบันทึกอีกครั้ง"
)
EMPTY_VALUE = _("ว่าง")
SEEN_SALT = "assessments.score-entry.seen"


def _comparable(value):
    """One spelling per value, so that 85.5 and 85.50, None and "" compare
    equal when deciding whether a field was changed."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip() or None


class NewAssessmentForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณที่ได้รับการประเมิน"), coerce=int)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        taken = organization.assessments.values_list("framework_id", flat=True)
        self.fields["fiscal_year"].choices = [
            (year, _("ปีงบประมาณ {}").format(year))
            for year in FrameworkYear.objects.exclude(pk__in=taken).values_list(
                "fiscal_year", flat=True
            )
        ]


class ScoreEntryForm(forms.Form):
    """One form for one level: `indicators` (with sub-indicators and the
    reported result), `questions` (IIT/EIT) or `oit` (pass/fail and notes).
    Field names carry the element's code: `ind_1`, `sub_9.1`, `q_i7`,
    `oit_O24`, `note_O24`."""

    LEVELS = ("indicators", "questions", "oit")

    # What the user saw when the page was drawn, signed: a save then writes
    # only the fields the user changed, so two people entering different
    # scores of one assessment at once both keep their work, and a field both
    # changed is refused with the other's value shown (see `merged_changes`).
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, framework: FrameworkSpec, level: str, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.level = level
        self.grades = list(grades)
        self.sections = []  # (heading, [field names]) for the template
        if level == "indicators":
            self._indicator_fields()
        elif level == "questions":
            self._question_fields()
        else:
            self._oit_fields()
        self.fields["seen"].initial = self.seen_token(self.initial)

    def _indicator_fields(self):
        for instrument in self.framework.instruments:
            names = []
            for number in instrument.indicators:
                indicator = self.framework.indicator(number)
                name = f"ind_{number}"
                self.fields[name] = ScoreField(
                    label=f"{number}. {indicator.display_name}", required=False
                )
                names.append(name)
                for sub in indicator.sub_indicators:
                    sub_name = f"sub_{sub.code}"
                    self.fields[sub_name] = ScoreField(
                        label=f"{sub.code} {sub.display_name}", required=False
                    )
                    names.append(sub_name)
            self.sections.append(
                (f"{instrument.code} {instrument.display_name}", names)
            )
        self.fields["reported_overall"] = ScoreField(
            label=_("คะแนนรวมตามที่ประกาศ (ถ้ามี)"), required=False
        )
        self.fields["reported_grade"] = forms.CharField(
            label=_("ระดับตามที่ประกาศ (ถ้ามี)"), required=False, max_length=4
        )
        self.sections.append((_("ผลที่ประกาศ"), ["reported_overall", "reported_grade"]))

    def _question_fields(self):
        for instrument in self.framework.instruments:
            names = []
            for number in instrument.indicators:
                for item in self.framework.items:
                    if item.indicator == number and item.kind == "question":
                        name = f"q_{item.code}"
                        self.fields[name] = ScoreField(
                            label=f"{item.code} {item.display_text}", required=False
                        )
                        names.append(name)
            if names:
                self.sections.append(
                    (f"{instrument.code} {instrument.display_name}", names)
                )

    def _oit_fields(self):
        for indicator in self.framework.indicators:
            names = []
            for item in self.framework.items:
                if item.indicator != indicator.number or item.kind != "disclosure":
                    continue
                self.fields[f"oit_{item.code}"] = forms.ChoiceField(
                    label=f"{item.code} {item.display_text}",
                    choices=PASS_CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[f"note_{item.code}"] = forms.CharField(
                    label=_("ข้อสังเกตของผู้ตรวจประเมิน ({})").format(item.code),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 1}),
                )
                names += [f"oit_{item.code}", f"note_{item.code}"]
            if names:
                self.sections.append(
                    (f"{indicator.number}. {indicator.display_name}", names)
                )

    def clean_reported_grade(self):
        grade = self.cleaned_data.get("reported_grade", "").strip().upper()
        if grade and grade not in self.grades:
            raise forms.ValidationError(
                GRADE_UNKNOWN.format(grades=", ".join(self.grades))
            )
        return grade

    @staticmethod
    def initial_for(entered) -> dict:
        """Initial values from what is stored, for every level."""
        initial = {f"ind_{n}": v for n, v in entered.indicators.items()}
        initial.update({f"sub_{c}": v for c, v in entered.sub_indicators.items()})
        for code, entry in entered.items.items():
            if entry.score is not None:
                initial[f"q_{code}"] = entry.score
            if entry.passed is not None:
                initial[f"oit_{code}"] = "pass" if entry.passed else "fail"
            initial[f"note_{code}"] = entry.note
        initial["reported_overall"] = entered.reported_overall
        initial["reported_grade"] = entered.reported_grade
        return initial

    def _entry_names(self) -> list[str]:
        return [name for name in self.fields if name != "seen"]

    def seen_token(self, values: dict) -> str:
        return signing.dumps(
            {name: _comparable(values.get(name)) for name in self._entry_names()},
            salt=SEEN_SALT,
            compress=True,
        )

    def _seen(self) -> dict | None:
        """What the user saw, or None when the form came without a (valid)
        token, e.g. from a script: then every field counts as changed."""
        try:
            return signing.loads(self.cleaned_data.get("seen") or "", salt=SEEN_SALT)
        except signing.BadSignature:
            return None

    def merged_changes(self, current: dict) -> dict:
        """The changes to save, given the values stored now (`initial_for` of
        a fresh read, under a lock). A field the user left alone keeps the
        stored value, even if someone else changed it meanwhile; a field both
        changed to different values raises a ValidationError naming the
        other's value, and the bound form is given a fresh token so that a
        second press of บันทึก confirms the user's value."""
        seen = self._seen()
        merged, conflicts = {}, {}
        for name in self._entry_names():
            mine = _comparable(self.cleaned_data.get(name))
            now = _comparable(current.get(name))
            if seen is None or mine != seen.get(name):
                if seen is not None and now not in (seen.get(name), mine):
                    conflicts[name] = CHANGED_MEANWHILE.format(
                        value=self._shown(name, current.get(name))
                    )
                merged[name] = self.cleaned_data.get(name)
            else:
                blank = None if isinstance(self.fields[name], ScoreField) else ""
                merged[name] = current.get(name, blank)
        if conflicts:
            self.data = self.data.copy()
            self.data["seen"] = self.seen_token(current)
            raise ValidationError(conflicts)
        return self.changes(merged)

    def _shown(self, name, value) -> str:
        if _comparable(value) is None:
            return str(EMPTY_VALUE)
        choices = dict(getattr(self.fields[name], "choices", ()))
        return str(choices.get(value, value))

    def changes(self, data: dict | None = None) -> dict:
        """Keyword arguments for `assessment_set_scores`, from the cleaned
        data or from `data` (see `merged_changes`)."""
        data = self.cleaned_data if data is None else data
        if self.level == "indicators":
            return {
                "indicators": {
                    int(name[4:]): data[name]
                    for name in data
                    if name.startswith("ind_")
                },
                "sub_indicators": {
                    name[4:]: data[name] for name in data if name.startswith("sub_")
                },
                "reported_overall": data["reported_overall"],
                "reported_grade": data["reported_grade"],
            }
        if self.level == "questions":
            return {
                "items": {
                    name[2:]: (
                        ItemEntry(score=data[name]) if data[name] is not None else None
                    )
                    for name in data
                    if name.startswith("q_")
                }
            }
        items = {}
        for name in data:
            if not name.startswith("oit_"):
                continue
            code = name[4:]
            answer = data[name]  # "pass", "fail" or "" (not entered)
            passed = answer == "pass" if answer in ("pass", "fail") else None
            note = data.get(f"note_{code}", "").strip()
            items[code] = ItemEntry(passed=passed, note=note)
        return {"items": items}


class WhatIfForm(forms.Form):
    """Target scores for chosen indicators; blank keeps the real score."""

    def __init__(self, *args, framework: FrameworkSpec, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in framework.indicators:
            self.fields[f"t_{indicator.number}"] = ScoreField(
                label=f"{indicator.number}. {indicator.display_name}",
                required=False,
                help_text=_("ปัจจุบัน {}").format(current.get(indicator.number, "—")),
            )

    def targets(self) -> dict[int, Decimal]:
        return {
            int(name[2:]): value
            for name, value in self.cleaned_data.items()
            if value is not None
        }


class FrameworkCopyForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณใหม่ (พ.ศ.)"), min_value=2500, max_value=2700
    )


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์กรอบการประเมิน (.json หรือ .xlsx)"),
        help_text=_(
            "ไฟล์ที่ส่งออกจากพอร์ทัล หรือที่กรอกตามรูปแบบเดียวกัน ระบบจะบันทึกเมื่อทุกอย่างถูกต้องเท่านั้น"
        ),
    )
