from django import forms
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import ThaiDateField


class DeadlinesForm(forms.Form):
    """One date per step of the year, blank for none."""

    def __init__(self, *args, steps, deadlines, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = list(steps)
        for step in self.steps:
            self.fields[f"due_{step.key}"] = ThaiDateField(
                label=step.label,
                required=False,
                initial=deadlines.get(step.key),
                help_text=_("สิ้นรอบ {date}").format(date=step.due_text)
                if step.due
                else "",
            )

    def due(self) -> dict:
        return {step.key: self.cleaned_data[f"due_{step.key}"] for step in self.steps}
