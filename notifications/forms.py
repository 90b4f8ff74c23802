from django import forms

from .models import Preference


class PreferenceForm(forms.ModelForm):
    """On or off: the person's own notification mail."""

    class Meta:
        model = Preference
        fields = ["email"]
