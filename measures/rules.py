"""The rules of progress (O43), in one place: which plans take progress, what
an update must say, which files it may carry, when a measure is overdue and
which evidence the public may download. Forms, services, selectors and the
public pages ask these."""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ita_portal import thai
from ita_portal.thai import format_thai_date
from ita_portal.uploads import validate_upload

from .models import (
    Evidence,
    Measure,
    Plan,
    ProgressStatus,
    ProgressUpdate,
)
from .models.measures import TimeframeKind
from .models.progress import EVIDENCE_TYPES

MAX_FILES = 10
MAX_LINKS = 10
NOT_IN_FORCE = gettext_lazy("แผนนี้ยังไม่ได้รับอนุมัติ จึงยังรายงานความก้าวหน้าไม่ได้")
SUPERSEDED = gettext_lazy("แผนฉบับนี้มีฉบับใหม่ที่อนุมัติแล้ว โปรดรายงานความก้าวหน้าในฉบับใหม่")
STALE_UPDATE = gettext_lazy(
    "มีผู้บันทึกความก้าวหน้าของมาตรการนี้ก่อนคุณ ({who} เมื่อ {when}) "
    "รายการของคุณยังไม่ได้บันทึก โปรดอ่านรายการล่าสุดด้านล่าง "
    "แล้วกดบันทึกอีกครั้งหากยังต้องการบันทึก"
)
RESULT_REQUIRED = gettext_lazy("กรุณาบอกผลการดำเนินการ (สิ่งที่ได้ทำ)")
FUTURE_DATE = gettext_lazy("วันที่ต้องไม่เลยวันนี้")
TOO_MANY_FILES = gettext_lazy("แนบไฟล์ได้ครั้งละไม่เกิน {n} ไฟล์")
TOO_MANY_LINKS = gettext_lazy("ใส่ลิงก์ได้ไม่เกิน {n} ลิงก์")
FILE_ERROR = gettext_lazy("ไฟล์ {name}: {error}")
ROUND_EXISTS = gettext_lazy("แผนนี้มีรอบรายงานนี้อยู่แล้ว")
ROUND_NOT_ENDED = gettext_lazy("ยังปิดรอบไม่ได้ รอบนี้สิ้นสุดวันที่ {date} ปิดรอบได้ตั้งแต่วันถัดไป")
WRONG_ROUND_STATUS = gettext_lazy("ทำรายการนี้ไม่ได้ เพราะรอบรายงานอยู่ในสถานะ “{status}”")


class StaleProgressUpdate(ValidationError):
    """Someone else reported on the measure since the form was opened.
    `latest` is their update, to show next to the form."""

    def __init__(self, latest: ProgressUpdate):
        self.latest = latest
        who = latest.created_by or _("ระบบ")
        when = "{} {}".format(
            format_thai_date(timezone.localtime(latest.created_at), short=True),
            timezone.localtime(latest.created_at).strftime("%H:%M"),
        )
        super().__init__(str(STALE_UPDATE).format(who=who, when=when), code="stale")


# --- reading ---------------------------------------------------------------


def latest_update(measure: Measure) -> ProgressUpdate | None:
    """The measure's current state: its latest update, following it back to
    earlier revisions of the plan."""
    return (
        ProgressUpdate.objects.for_measure(measure).select_related("created_by").first()
    )


def is_overdue(measure: Measure, status: str | None, today: date | None = None) -> bool:
    """The measure's timeframe ended before `today` and it is not done.

    `status` None means nobody has reported yet (ยังไม่ดำเนินการ).
    """
    today = today or timezone.localdate()
    return measure.timeframe_bounds()[1] < today and status != ProgressStatus.DONE.value


def timeframe_ended_q(fiscal_year: int, today: date | None = None, prefix: str = ""):
    """A filter on Measure (through `prefix`, e.g. "measure__") for the
    measures of a `fiscal_year` plan whose timeframe ended before `today`:
    `is_overdue`'s first half, worked out in the database for many plans at
    once (`Measure.timeframe_bounds` is the rule; a test checks both agree)."""
    today = today or timezone.localdate()
    quarters = [
        q for q in range(1, 5) if thai.fiscal_quarter_bounds(fiscal_year, q)[1] < today
    ]
    # A month has ended when the first day of the next month is not after today.
    months = [
        m
        for m in range(1, 13)
        if Measure(
            plan=Plan(fiscal_year=fiscal_year),
            timeframe_kind=TimeframeKind.MONTHS,
            start_month=m,
        ).timeframe_bounds()[1]
        < today
    ]
    p = prefix
    ended = Q(
        **{f"{p}timeframe_kind": TimeframeKind.QUARTER, f"{p}quarter__in": quarters}
    )
    ended |= Q(
        **{f"{p}timeframe_kind": TimeframeKind.MONTHS, f"{p}end_month__in": months}
    )
    ended |= Q(
        **{
            f"{p}timeframe_kind": TimeframeKind.MONTHS,
            f"{p}end_month__isnull": True,
            f"{p}start_month__in": months,
        }
    )
    if thai.fiscal_year_bounds(fiscal_year)[1] < today:
        ended |= Q(**{f"{p}timeframe_kind": TimeframeKind.YEAR})
        # A quarter or months timeframe left unnamed counts as the whole year.
        ended |= Q(
            **{f"{p}timeframe_kind": TimeframeKind.QUARTER, f"{p}quarter__isnull": True}
        )
        ended |= Q(
            **{
                f"{p}timeframe_kind": TimeframeKind.MONTHS,
                f"{p}start_month__isnull": True,
            }
        )
    return ended


def evidence_is_public(evidence: Evidence) -> bool:
    """Whether anyone, logged in or not, may download `evidence`: a published
    reporting round reports its update, or a later one of the same measure.
    The public pages use this; `Evidence.objects.public()` is the queryset."""
    return Evidence.objects.public().filter(pk=evidence.pk).exists()


# --- updates ---------------------------------------------------------------


def check_reportable(plan: Plan) -> None:
    """Progress is reported on approved plans, in their newest approved
    revision."""
    if not plan.is_in_force:
        raise ValidationError(NOT_IN_FORCE, code="not_in_force")
    if not Plan.objects.reporting().filter(pk=plan.pk).exists():
        raise ValidationError(SUPERSEDED, code="superseded")


def check_update(
    *, status: str, reported_on: date | None, result: str, today: date | None = None
) -> None:
    """An update's own rules, field by field so forms show them in place.
    A None date is left to the form's own check."""
    today = today or timezone.localdate()
    errors = {}
    if status not in ProgressStatus.values:
        errors["status"] = _("สถานะไม่ถูกต้อง")
    if reported_on is not None and reported_on > today:
        errors["reported_on"] = FUTURE_DATE
    if status != ProgressStatus.NOT_STARTED and not result.strip():
        errors["result"] = RESULT_REQUIRED
    if errors:
        raise ValidationError(errors)


def check_files(files: Sequence) -> list[str]:
    """Every file's type (read from its content) and size; returns the
    sniffed MIME types. Raises one ValidationError naming each bad file."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            {"files": str(TOO_MANY_FILES).format(n=MAX_FILES)}, code="too_many"
        )
    mimes, errors = [], []
    for upload in files:
        try:
            mimes.append(
                validate_upload(
                    upload,
                    allowed=EVIDENCE_TYPES,
                    max_bytes=settings.UPLOAD_MAX_BYTES,
                )
            )
        except ValidationError as error:
            for message in error.messages:
                errors.append(
                    ValidationError(
                        str(FILE_ERROR).format(name=upload.name, error=message),
                        code=error.code,
                    )
                )
    if errors:
        raise ValidationError({"files": errors})
    return mimes
