"""The overview's filters, the overseer's deadline, the reminder and the
grants a province's overseer gives. In Thai; they never write."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import ThaiDateField
from organizations.models import Organization

from .charts import GRADES
from .selectors import SORTS, PlanStatus

NO_SUCH_USER = _("ไม่พบชื่อผู้ใช้นี้")


class FilterForm(forms.Form):
    """What the overview shows: any field left blank filters nothing."""

    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ"), required=False, min_value=2500, max_value=2700
    )
    q = forms.CharField(label=_("ชื่อหน่วยงาน"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("ประเภท"),
        required=False,
        choices=[("", _("ทุกประเภท")), *Organization.Kind.choices],
    )
    district = forms.ChoiceField(label=_("อำเภอ"), required=False)
    grade = forms.ChoiceField(
        label=_("ระดับ"),
        required=False,
        choices=[("", _("ทุกระดับ")), *((g, g) for g in GRADES)],
    )
    plan = forms.ChoiceField(
        label=_("สถานะแผน"),
        required=False,
        choices=[("", _("ทุกสถานะ")), *PlanStatus.choices],
    )
    late = forms.BooleanField(label=_("เฉพาะที่ล่าช้า"), required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORTS] + [(f"-{k}", k) for k in SORTS],
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("ทุกอำเภอ")),
            *((d, d) for d in districts),
        ]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            elif isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                field.widget.attrs["class"] = "form-control"

    def filters(self) -> dict:
        """The filters for `selectors.filtered` (nothing for a field with a
        wrong value: the page then shows everything, with the error)."""
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or "name"
        return {
            "kind": data.get("kind", ""),
            "district": data.get("district", ""),
            "grade": data.get("grade", ""),
            "plan": data.get("plan", ""),
            "late": bool(data.get("late")),
            "q": data.get("q", ""),
            "sort": sort.lstrip("-"),
            "descending": sort.startswith("-"),
        }


class DeadlineForm(forms.Form):
    due_on = ThaiDateField(
        label=_("กำหนดเผยแพร่แผน"),
        help_text=_("หน่วยงานที่เผยแพร่หลังวันนี้ หรือยังไม่เผยแพร่เมื่อพ้นวันนี้ นับว่าล่าช้า"),
    )


class ReminderForm(forms.Form):
    """The late offices the overseer picked (ids from the overview)."""

    organizations = forms.TypedMultipleChoiceField(
        label=_("หน่วยงานที่จะแจ้งเตือน"), coerce=int, choices=()
    )

    def __init__(self, *args, late_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = [(r.pk, r.name) for r in late_rows]
        self.fields["organizations"].error_messages["required"] = _(
            "กรุณาเลือกหน่วยงานที่ล่าช้าอย่างน้อยหนึ่งแห่ง"
        )


class GrantForm(forms.Form):
    """A province's overseer gives a user the standing of a district's."""

    username = forms.CharField(label=_("ชื่อผู้ใช้"), max_length=150)
    district = forms.ChoiceField(label=_("อำเภอ"))

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d, d) for d in districts]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(NO_SUCH_USER, code="no_user")
        return user
