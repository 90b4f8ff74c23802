"""The members of an organisation as one Excel sheet: the template the portal
gives, and reading a filled one back, every row checked before anything is
saved (the saving is services.members_import, all or nothing).

Columns: A ชื่อ-นามสกุล (title, given name and family name, as under a
signature), B ตำแหน่ง, C อีเมล (who the person is: a re-import updates the
person with that e-mail), D บทบาท, E ส่วนราชการที่เป็นหัวหน้า (names, one a
line or separated by commas; only for หัวหน้าส่วนราชการ).
"""

import io
import re
from dataclasses import asdict, dataclass, field

import openpyxl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ita_portal import xlsx

from .forms import DIVISION_REQUIRED, DIVISIONS_ONLY_FOR_HEADS
from .models import Membership, Organization

User = get_user_model()
Role = Membership.Role

HEADER = (
    _("ชื่อ-นามสกุล"),
    _("ตำแหน่ง"),
    _("อีเมล"),
    _("บทบาท"),
    _("ส่วนราชการที่เป็นหัวหน้า"),
)
COLUMNS = len(HEADER)
FIRST_DATA_ROW = 2
MAX_ROWS = 1000
SCAN_ROWS = MAX_ROWS * 5
NAME_MAX = 150  # each of User.first_name and User.last_name
POSITION_MAX = 200
EMAIL_MAX = 254

# What column D may say: the Thai names as the template offers them, the
# English ones and the codes.
ROLE_WORDS = {
    "เจ้าหน้าที่": Role.STAFF,
    "หัวหน้าส่วนราชการ": Role.DIVISION_HEAD,
    "หัวหน้า": Role.DIVISION_HEAD,
    "ผู้บริหาร": Role.EXECUTIVE,
    "ผู้ดูแลหน่วยงาน": Role.ORG_ADMIN,
    "ผู้ดูแล": Role.ORG_ADMIN,
    "staff": Role.STAFF,
    "division head": Role.DIVISION_HEAD,
    "executive": Role.EXECUTIVE,
    "organisation admin": Role.ORG_ADMIN,
    "organization admin": Role.ORG_ADMIN,
    "org admin": Role.ORG_ADMIN,
    **{value: value for value in Role.values},
}
TEMPLATE_ROLES = ("เจ้าหน้าที่", "หัวหน้าส่วนราชการ", "ผู้บริหาร", "ผู้ดูแลหน่วยงาน")
DIVISION_SEPARATORS = re.compile(r"[,\n;、]+")

# Error messages (Thai msgids; tests import them). The row number is shown
# beside them ("แถวที่ 7: …").
NOT_XLSX = _("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")
FILE_TOO_LARGE = _("ไฟล์ใหญ่เกินกำหนด {limit}")
EMPTY_SHEET = _("ไม่พบรายชื่อในไฟล์ กรุณากรอกตั้งแต่แถวที่ 2 ของแบบฟอร์ม")
TOO_MANY_ROWS = _("ไฟล์มีเกิน {limit} แถว")
FORMULA = _("ไม่รับสูตร กรุณาพิมพ์ข้อความ")
BAD_CHARACTER = _("มีอักขระที่ใช้ไม่ได้")
NAME_MISSING = _("ไม่มีชื่อ-นามสกุล")
NAME_TOO_LONG = _("ชื่อหรือนามสกุลยาวเกิน {limit} ตัวอักษร")
POSITION_TOO_LONG = _("ตำแหน่งยาวเกิน {limit} ตัวอักษร")
EMAIL_MISSING = _("ไม่มีอีเมล")
EMAIL_INVALID = _("อีเมล “{value}” ไม่ถูกต้อง")
EMAIL_REPEATED = _("อีเมลนี้ซ้ำกับแถวที่ {first}")
EMAIL_AMBIGUOUS = _("มีผู้ใช้หลายคนใช้อีเมลนี้ กรุณาแก้ไขในหน้าสมาชิก")
ROLE_MISSING = _("ไม่มีบทบาท")
ROLE_UNKNOWN = _("ไม่รู้จักบทบาท “{value}” ใช้ได้: {roles}")
DIVISION_UNKNOWN = _("ไม่มีส่วนราชการ “{value}” ในหน่วยงานนี้ เพิ่มในขั้นที่ 2 ก่อน")
LAST_ADMIN_ROW = _("หน่วยงานต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน")
TEMPLATE_HINT = _(
    "หนึ่งแถวต่อหนึ่งคน อีเมลใช้ระบุตัวบุคคล นำเข้าซ้ำจะปรับปรุงคนเดิมตามอีเมล "
    "บทบาท: เจ้าหน้าที่ หัวหน้าส่วนราชการ ผู้บริหาร ผู้ดูแลหน่วยงาน "
    "หัวหน้าส่วนราชการต้องระบุส่วนราชการ ถ้ามีหลายแห่งคั่นด้วยจุลภาค"
)


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number; 0 for the file as a whole
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return str(_("แถวที่ {row}: {message}")).format(
            row=self.row, message=self.message
        )


@dataclass
class MemberRow:
    """One person as the sheet gives them, checked."""

    row: int
    first_name: str
    last_name: str
    position: str
    email: str
    role: str
    divisions: list[str] = field(default_factory=list)  # division names
    errors: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else ""

    def as_data(self) -> dict:
        data = asdict(self)
        data.pop("errors")
        return data


@dataclass
class Parsed:
    rows: list[MemberRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # of the whole file

    @property
    def ok(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    def all_errors(self) -> list[RowError]:
        return self.errors + [
            RowError(row.row, message) for row in self.rows for message in row.errors
        ]


# --- Writing ----------------------------------------------------------------


def template_bytes(organization: Organization) -> bytes:
    """The empty member sheet, with the organisation's divisions listed on a
    second sheet and the roles offered as a list in column D."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(_("สมาชิก"))
    sheet.append([str(title) for title in HEADER])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet["A1"].comment = Comment(str(TEMPLATE_HINT), "ITA")
    for column, width in zip("ABCDE", (32, 40, 32, 22, 40), strict=True):
        sheet.column_dimensions[column].width = width
    roles = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(TEMPLATE_ROLES)),
        allow_blank=True,
    )
    roles.add(f"D{FIRST_DATA_ROW}:D{MAX_ROWS}")
    sheet.add_data_validation(roles)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"

    divisions = workbook.create_sheet(str(_("ส่วนราชการ")))
    divisions.append([str(_("ชื่อส่วนราชการที่ใช้ในคอลัมน์ E"))])
    divisions["A1"].font = bold
    divisions.column_dimensions["A"].width = 50
    for name in organization.divisions.order_by("name").values_list("name", flat=True):
        divisions.append([xlsx.text(name)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Reading ----------------------------------------------------------------


def _header_words() -> set[str]:
    words = {"ชื่อ-นามสกุล", "name", "full name"}
    words.add(str(HEADER[0]).casefold())
    return words


def _cell_text(cell, errors: list[str]) -> str:
    """A cell as text, spaces collapsed; a formula or NUL is an error."""
    if cell is None or cell.value is None:
        return ""
    if xlsx.is_formula(cell):
        if str(FORMULA) not in errors:
            errors.append(str(FORMULA))
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value)
    if "\x00" in value:
        if str(BAD_CHARACTER) not in errors:
            errors.append(str(BAD_CHARACTER))
        return ""
    return value


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _display(value: str) -> str:
    value = _one_line(value)
    return value if len(value) <= 40 else value[:40] + "…"


def parse_workbook(data) -> Parsed:
    """Read a filled sheet into rows; each row carries its own errors."""
    parsed = Parsed()
    raw = xlsx.read_limited(data)
    if raw is None:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        parsed.errors.append(RowError(0, FILE_TOO_LARGE.format(limit=limit)))
        return parsed
    if not raw:
        parsed.errors.append(RowError(0, str(EMPTY_SHEET)))
        return parsed
    try:
        workbook, sheet = xlsx.open_first_sheet(raw)
    except xlsx.Unreadable:
        parsed.errors.append(RowError(0, str(NOT_XLSX)))
        return parsed
    try:
        if (sheet.max_row or 0) > SCAN_ROWS:
            parsed.errors.append(RowError(0, TOO_MANY_ROWS.format(limit=MAX_ROWS)))
            return parsed
        try:
            # A read-only workbook parses its cells only now: a damaged sheet
            # fails here, with any error zipfile, zlib or the XML parser raise.
            rows = list(sheet.iter_rows(min_row=1, max_row=SCAN_ROWS, max_col=COLUMNS))
        except Exception:
            parsed.errors.append(RowError(0, str(NOT_XLSX)))
            return parsed
    finally:
        workbook.close()
    _read_rows(rows, parsed)
    return parsed


def _read_rows(rows, parsed: Parsed) -> None:
    header_words = _header_words()
    for number, cells in enumerate(rows, start=1):
        cells = tuple(cells) + (None,) * (COLUMNS - len(cells))
        values = [getattr(cell, "value", None) for cell in cells]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if number > MAX_ROWS:
            parsed.errors.append(RowError(0, TOO_MANY_ROWS.format(limit=MAX_ROWS)))
            return
        first = values[0]
        if (
            number == 1
            and isinstance(first, str)
            and _one_line(first).casefold() in header_words
        ):
            continue
        parsed.rows.append(_read_row(number, cells))
    if not parsed.rows and not parsed.errors:
        parsed.errors.append(RowError(0, str(EMPTY_SHEET)))
    _check_repeated_emails(parsed.rows)


def _read_row(number: int, cells) -> MemberRow:
    errors: list[str] = []
    name, position, email, role_text, divisions_text = (
        _cell_text(cell, errors) for cell in cells
    )
    name = _one_line(name)
    first_name, _space, last_name = name.rpartition(" ")
    if not first_name:
        first_name, last_name = last_name, ""
    if not name:
        errors.append(str(NAME_MISSING))
    elif len(first_name) > NAME_MAX or len(last_name) > NAME_MAX:
        errors.append(NAME_TOO_LONG.format(limit=NAME_MAX))
    position = _one_line(position)
    if len(position) > POSITION_MAX:
        errors.append(POSITION_TOO_LONG.format(limit=POSITION_MAX))
    email = email.strip()
    if not email:
        errors.append(str(EMAIL_MISSING))
    else:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(EMAIL_INVALID.format(value=_display(email)))
            email = ""
        else:
            email = User.objects.normalize_email(email)
    role = ROLE_WORDS.get(_one_line(role_text).casefold(), "")
    if not _one_line(role_text):
        errors.append(str(ROLE_MISSING))
    elif not role:
        errors.append(
            ROLE_UNKNOWN.format(
                value=_display(role_text), roles=" ".join(TEMPLATE_ROLES)
            )
        )
    divisions = []
    for part in DIVISION_SEPARATORS.split(divisions_text):
        part = _one_line(part)
        if part and part not in divisions:
            divisions.append(part)
    return MemberRow(
        row=number,
        first_name=first_name[: NAME_MAX + 1],
        last_name=last_name[: NAME_MAX + 1],
        position=position[: POSITION_MAX + 1],
        email=email,
        role=role,
        divisions=divisions,
        errors=errors,
    )


def _check_repeated_emails(rows: list[MemberRow]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        if not row.email:
            continue
        key = row.email.casefold()
        if key in first:
            row.errors.append(EMAIL_REPEATED.format(first=first[key]))
        else:
            first[key] = row.row


# --- Checking against the organisation ---------------------------------------


def check_against(organization: Organization, parsed: Parsed) -> Parsed:
    """Add the errors only the organisation can tell: divisions it does not
    have, e-mails several users share, the last org admin demoted."""
    by_name = {}
    for division in organization.divisions.all():
        by_name[_one_line(division.name).casefold()] = division.name
        if division.short_name:
            by_name.setdefault(_one_line(division.short_name).casefold(), division.name)
    for row in parsed.rows:
        if row.role == Role.DIVISION_HEAD and not row.divisions:
            row.errors.append(str(DIVISION_REQUIRED))
        elif row.role and row.role != Role.DIVISION_HEAD and row.divisions:
            row.errors.append(str(DIVISIONS_ONLY_FOR_HEADS))
        names = []
        for name in row.divisions:
            known = by_name.get(name.casefold())
            if known is None:
                row.errors.append(DIVISION_UNKNOWN.format(value=_display(name)))
            else:
                names.append(known)
        row.divisions = names
        if row.email and User.objects.filter(email__iexact=row.email).count() > 1:
            row.errors.append(str(EMAIL_AMBIGUOUS))
    _check_admins_left(organization, parsed.rows)
    return parsed


def _check_admins_left(organization: Organization, rows: list[MemberRow]) -> None:
    admins = {
        email.casefold(): email
        for email in Membership.objects.filter(
            organization=organization, role=Role.ORG_ADMIN
        ).values_list("user__email", flat=True)
    }
    if not admins:
        return  # a new organisation: nobody to lose
    by_email = {row.email.casefold(): row for row in rows if row.email}
    left = [
        e for e in admins if e not in by_email or by_email[e].role == Role.ORG_ADMIN
    ]
    left += [e for e, row in by_email.items() if row.role == Role.ORG_ADMIN]
    if left:
        return
    for email in admins:
        row = by_email.get(email)
        if row is not None:
            row.errors.append(str(LAST_ADMIN_ROW))


def rows_from_data(data: list[dict]) -> list[MemberRow]:
    """Rows kept in the session between the preview and the import."""
    return [MemberRow(**item) for item in data]
