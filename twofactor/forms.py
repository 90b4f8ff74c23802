from django import forms
from django.utils.translation import gettext_lazy as _

from ita_portal.thai import to_arabic_digits


class CodeForm(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code."""

    code = forms.CharField(
        label=_("รหัสยืนยันตัวตน"),
        max_length=32,
        strip=True,
        help_text=_("รหัส 6 หลักจากแอปยืนยันตัวตนในโทรศัพท์ หรือรหัสสำรองหนึ่งรหัส"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
        error_messages={"required": _("กรุณาใส่รหัส")},
    )

    def clean_code(self):
        return to_arabic_digits(self.cleaned_data["code"])


class EnrolForm(forms.Form):
    """The first code from the app, which proves the QR code was scanned."""

    code = forms.CharField(
        label=_("รหัส 6 หลักจากแอป"),
        max_length=12,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("กรุณาใส่รหัส")},
    )

    def clean_code(self):
        code = to_arabic_digits("".join(self.cleaned_data["code"].split()))
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("รหัสจากแอปเป็นตัวเลข 6 หลัก"))
        return code
