"""Forms of progress (O43): a progress update with its links and files, and
opening a reporting round."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import (
    ThaiDateField,
    apply_service_errors,
)

from .. import rules
from ..models import (
    ProgressStatus,
    ReportingRound,
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (maybe empty)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class LinksField(forms.CharField):
    """Web links typed one per line; cleans to a list."""

    widget = forms.Textarea(attrs={"rows": 2})
    default_error_messages = {
        "invalid_link": _("ลิงก์ “{link}” ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https://")
    }

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def validate(self, value):
        super().validate(value)
        check = URLValidator(schemes=["http", "https"])
        for link in value:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_link"].format(link=link),
                    code="invalid_link",
                ) from None


class ProgressUpdateForm(forms.Form):
    """The division head's quick update: status, date, what was done, links
    and files. `seen` is the latest update the form was opened on."""

    status = forms.ChoiceField(
        label=_("สถานะ"), choices=ProgressStatus.choices, widget=forms.RadioSelect
    )
    reported_on = ThaiDateField(label=_("วันที่"))
    result = forms.CharField(
        label=_("ผลการดำเนินการ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("สิ่งที่ได้ทำแล้ว เช่น ได้จัดทำคำสั่งแต่งตั้งคณะกรรมการ ประชุมชี้แจง ฯลฯ"),
    )
    links = LinksField(
        label=_("ลิงก์"),
        required=False,
        help_text=_("ลิงก์ไปยังเว็บไซต์หรือเอกสาร บรรทัดละหนึ่งลิงก์"),
    )
    files = MultipleFileField(label=_("ไฟล์หลักฐาน"), required=False)
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "PDF รูปภาพ (JPEG, PNG, GIF, WebP) หรือเอกสาร Word/Excel "
            "ไฟล์ละไม่เกิน {limit} เลือกได้หลายไฟล์"
        ).format(limit=filesizeformat(settings.UPLOAD_MAX_BYTES))
        self.fields["files"].widget.attrs["accept"] = ",".join(
            ["application/pdf", "image/*", ".doc", ".docx", ".xls", ".xlsx"]
        )

    def clean_result(self):
        return self.cleaned_data["result"].strip()

    def clean_files(self):
        files = self.cleaned_data["files"]
        try:
            rules.check_files(files)
        except ValidationError as error:
            raise ValidationError(error.error_dict["files"]) from None
        return files

    def clean(self):
        data = super().clean()
        if "status" in data:
            try:
                rules.check_update(
                    status=data["status"],
                    reported_on=data.get("reported_on"),
                    result=data.get("result", ""),
                )
            except ValidationError as error:
                apply_service_errors(self, error)
        return data


class RoundOpenForm(forms.Form):
    period = forms.ChoiceField(
        label=_("รอบรายงาน"), choices=ReportingRound.Period.choices
    )
    summary_shown = forms.BooleanField(
        label=ReportingRound._meta.get_field("summary_shown").verbose_name,
        required=False,
    )
    summary = forms.CharField(
        label=ReportingRound._meta.get_field("summary").verbose_name,
        help_text=ReportingRound._meta.get_field("summary").help_text,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
