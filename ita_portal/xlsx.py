"""Reading an uploaded XLSX safely: the size before reading, the unzipped size
before opening, formulas refused. The same checks as the score import
(assessments/spreadsheets.py), for the imports of other apps."""

import io
import zipfile

import openpyxl
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from .uploads import WRONG_TYPE, validate_upload

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"  # how `filetype` sometimes names an XLSX
XLSX_NAME = "Excel (.xlsx)"
# A 10 MB upload can unzip to gigabytes; a real sheet is well under 1 MB.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024

FILE_HELP = _("ใช้แบบฟอร์มจากระบบ ขนาดไม่เกิน {limit}")


class Unreadable(ValueError):
    """Not a workbook openpyxl can read, or too large once unzipped."""


def read_limited(data) -> bytes | None:
    """The file's bytes, or None when it is larger than the upload limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if not isinstance(data, bytes | bytearray):
        if hasattr(data, "seek"):
            data.seek(0)
        data = data.read(limit + 1)
    return None if len(data) > limit else bytes(data)


def open_first_sheet(data: bytes):
    """(workbook, its first worksheet) of a readable XLSX, or raise Unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise Unreadable(f"unzips to {unzipped} bytes")
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False
        )
    except Exception as exc:  # zipfile and openpyxl raise many kinds
        raise Unreadable(str(exc)) from exc
    if not workbook.worksheets:
        workbook.close()
        raise Unreadable("no worksheet")
    return workbook, workbook.worksheets[0]


def is_xlsx(data: bytes) -> bool:
    try:
        workbook, _sheet = open_first_sheet(data)
    except Unreadable:
        return False
    workbook.close()
    return True


def is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f" or isinstance(
        getattr(cell, "value", None), ArrayFormula | DataTableFormula
    )


def text(value) -> str:
    """Text openpyxl can write: no control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


class XlsxUploadForm(forms.Form):
    """One .xlsx file, its type read from the content. `file_help` says
    which template to use (with `{limit}`)."""

    file_help = FILE_HELP

    file = forms.FileField(
        label=_("ไฟล์ Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX_MIME}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.file_help.format(
            limit=filesizeformat(settings.UPLOAD_MAX_BYTES)
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        mime = validate_upload(
            upload,
            allowed={XLSX_MIME: XLSX_NAME, ZIP_MIME: XLSX_NAME},
            max_bytes=settings.UPLOAD_MAX_BYTES,
        )
        if mime == ZIP_MIME:
            upload.seek(0)
            if not is_xlsx(upload.read()):
                raise ValidationError(
                    WRONG_TYPE.format(allowed=XLSX_NAME), code="wrong_type"
                )
        upload.seek(0)
        return upload
