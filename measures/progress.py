"""Progress of a plan's measures (O43): updates, evidence and reporting rounds.

One function per action, like measures/workflow.py does for plans. Views,
`seed_demo`, the reminders and the memo approval chain (`reports`, later)
call these; nothing else adds an update or changes a round's status.

A round's life: open → closed (the snapshot is frozen) → approved (by the
memo, later) → published. Every transition is kept in the round's history
with who made it and a readable reason (django-simple-history).

Permission checks are not made here: views ask `organizations.permissions`
first, as everywhere in the portal.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ita_portal.thai import format_thai_date
from ita_portal.transitions import expect_status, save_with_reason
from ita_portal.uploads import validate_upload

from .models import (
    Evidence,
    Measure,
    Plan,
    ProgressStatus,
    ProgressUpdate,
    ReportingRound,
    RoundEntry,
)
from .progress_models import EVIDENCE_TYPES

Status = ReportingRound.Status

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


def progress_update_create(
    *,
    measure: Measure,
    by,
    status: str,
    reported_on: date | None = None,
    result: str = "",
    links: Iterable[str] = (),
    files: Sequence = (),
    seen_latest_id: int | None = None,
) -> ProgressUpdate:
    """Add an update to a measure's history, with its evidence files.

    `seen_latest_id` is the latest update the reporter saw when they opened
    the form (None: none yet). If someone has reported since, nothing is
    saved and StaleProgressUpdate carries their update. Files are checked
    before anything is written; if anything fails after a file was stored,
    the stored files are deleted with the rows.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _create_update(
                measure=measure,
                by=by,
                status=status,
                reported_on=reported_on,
                result=result,
                links=links,
                files=files,
                seen_latest_id=seen_latest_id,
                stored=stored,
            )
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _create_update(
    *, measure, by, status, reported_on, result, links, files, seen_latest_id, stored
) -> ProgressUpdate:
    measure = Measure.objects.select_related("plan__organization").get(pk=measure.pk)
    check_reportable(measure.plan)
    reported_on = reported_on or timezone.localdate()
    result = (result or "").strip()
    links = [link.strip() for link in links if link and link.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError({"links": str(TOO_MANY_LINKS).format(n=MAX_LINKS)})
    check_update(status=status, reported_on=reported_on, result=result)
    mimes = check_files(files)

    # Lock the measure so that reporters queue here on PostgreSQL; the unique
    # `follows` is what refuses the second of two on any database.
    Measure.objects.select_for_update().filter(pk=measure.pk).first()
    latest = latest_update(measure)
    if latest is not None and latest.pk != seen_latest_id:
        raise StaleProgressUpdate(latest)
    update = ProgressUpdate(
        measure=measure,
        follows=latest,
        status=status,
        reported_on=reported_on,
        result=result,
        links=links,
        created_by=by,
    )
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError:
        raise StaleProgressUpdate(latest_update(measure)) from None

    for upload, mime in zip(files, mimes, strict=True):
        upload.seek(0)
        evidence = Evidence(
            update=update,
            original_name=_display_name(upload.name),
            content_type=mime,
            size=upload.size,
        )
        evidence.file.save(upload.name, upload, save=False)
        stored.append(evidence.file.name)
        evidence.save()
    return update


def _display_name(name: str) -> str:
    """The file's own name, for people to read; never used as a path."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:255] or "file"


# --- reporting rounds --------------------------------------------------------


def _locked(round_: ReportingRound) -> ReportingRound:
    return (
        ReportingRound.objects.select_for_update()
        .select_related("plan")
        .get(pk=round_.pk)
    )


_save = save_with_reason


def _expect(round_: ReportingRound, *statuses: str) -> None:
    expect_status(round_, statuses, WRONG_ROUND_STATUS)


@transaction.atomic
def round_open(*, plan: Plan, period: str, by) -> ReportingRound:
    """Start a reporting round of an approved plan for a period of its
    fiscal year; the measures' updates are gathered until it is closed."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_in_force:
        raise ValidationError(NOT_IN_FORCE, code="not_in_force")
    if period not in ReportingRound.Period.values:
        raise ValidationError({"period": _("กรุณาเลือกรอบรายงาน")})
    if plan.rounds.filter(period=period).exists():
        raise ValidationError({"period": ROUND_EXISTS}, code="exists")
    starts_on, ends_on = ReportingRound.period_bounds(plan.fiscal_year, period)
    round_ = ReportingRound(
        plan=plan, period=period, starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    round_.full_clean()
    return _save(round_, by=by, reason=_("เปิดรอบรายงาน"))


def snapshot(round_: ReportingRound) -> list[RoundEntry]:
    """Each measure of the round's plan as it stood at the end of the round:
    its latest update dated on or before `ends_on` (unsaved entries)."""
    plan = round_.plan
    measures = list(plan.measures.order_by("order", "pk"))
    roots = {m.lineage_root_id for m in measures}
    candidates = (
        ProgressUpdate.objects.filter(
            measure__plan__organization_id=plan.organization_id,
            measure__plan__fiscal_year=plan.fiscal_year,
            measure__plan__revision__lte=plan.revision,
            reported_on__lte=round_.ends_on,
        )
        .select_related("measure")
        .order_by("pk")
    )
    latest: dict[int, ProgressUpdate] = {}
    for update in candidates:
        root = update.measure.lineage_root_id
        if root in roots:
            latest[root] = update  # ascending pk: the last one wins
    entries = []
    for measure in measures:
        update = latest.get(measure.lineage_root_id)
        entries.append(
            RoundEntry(
                round=round_,
                measure=measure,
                update=update,
                status=update.status if update else ProgressStatus.NOT_STARTED,
                result=update.result if update else "",
                reported_on=update.reported_on if update else None,
                links=list(update.links) if update else [],
            )
        )
    return entries


@transaction.atomic
def round_close(round_: ReportingRound, *, by, today: date | None = None):
    """Freeze every measure's status and result at the end of the round.
    A round closes once its last day has passed."""
    round_ = _locked(round_)
    _expect(round_, Status.OPEN)
    today = today or timezone.localdate()
    if today <= round_.ends_on:
        raise ValidationError(
            str(ROUND_NOT_ENDED).format(date=format_thai_date(round_.ends_on)),
            code="not_ended",
        )
    RoundEntry.objects.bulk_create(snapshot(round_))
    round_.status = Status.CLOSED
    round_.closed_at = timezone.now()
    round_.closed_by = by
    return _save(round_, by=by, reason=_("ปิดรอบรายงาน"))


@transaction.atomic
def round_approve(round_: ReportingRound, *, by, at=None) -> ReportingRound:
    """The executive approved the round's progress report (its memo)."""
    round_ = _locked(round_)
    _expect(round_, Status.CLOSED)
    round_.status = Status.APPROVED
    round_.approved_at = at or timezone.now()
    round_.approved_by = by
    return _save(round_, by=by, reason=_("อนุมัติรายงานความก้าวหน้า"))


@transaction.atomic
def round_publish(round_: ReportingRound, *, by, at=None) -> ReportingRound:
    """Put the approved round on the public pages, evidence included."""
    round_ = _locked(round_)
    _expect(round_, Status.APPROVED)
    round_.status = Status.PUBLISHED
    round_.published_at = at or timezone.now()
    return _save(round_, by=by, reason=_("เผยแพร่รายงานความก้าวหน้า"))
