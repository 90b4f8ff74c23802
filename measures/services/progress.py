"""Progress of a plan's measures (O43): updates with their evidence, and
reporting rounds. One function per action; views, commands, the reminders and
the memo approval chain (`reports`) call these, and nothing else adds an
update or changes a round's status.

A round's life: open → closed (the snapshot is frozen) → approved (by its
memo) → published. Every transition is kept in the round's history with who
made it and a readable reason (django-simple-history).

Permission checks are not made here: views ask `organizations.permissions`
first, as everywhere in the portal. The rules an update must meet are in
`measures/rules.py`."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ita_portal import approvals
from ita_portal.approvals import expect_status, save_with_reason
from ita_portal.thai import format_thai_date

from ..models import (
    Evidence,
    Measure,
    Plan,
    ProgressStatus,
    ProgressUpdate,
    ReportingRound,
    RoundEntry,
)
from ..rules import (
    MAX_LINKS,
    NOT_IN_FORCE,
    ROUND_EXISTS,
    ROUND_NOT_ENDED,
    TOO_MANY_LINKS,
    WRONG_ROUND_STATUS,
    StaleProgressUpdate,
    check_files,
    check_reportable,
    check_update,
    latest_update,
)

Status = ReportingRound.Status


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
def round_open(
    *, plan: Plan, period: str, by, summary_shown: bool = False, summary: str = ""
) -> ReportingRound:
    """Start a reporting round of an approved plan for a period of its
    fiscal year; the measures' updates are gathered until it is closed.
    `summary_shown` prints a status line above the report's table, in the
    words of `summary` or else counted from the statuses."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_in_force:
        raise ValidationError(NOT_IN_FORCE, code="not_in_force")
    if period not in ReportingRound.Period.values:
        raise ValidationError({"period": _("กรุณาเลือกรอบรายงาน")})
    if plan.rounds.filter(period=period).exists():
        raise ValidationError({"period": ROUND_EXISTS}, code="exists")
    starts_on, ends_on = ReportingRound.period_bounds(plan.fiscal_year, period)
    round_ = ReportingRound(
        plan=plan,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
        summary_shown=summary_shown,
        summary=summary.strip(),
    )
    round_.full_clean()
    return _save(round_, by=by, reason=_("เปิดรอบรายงาน"))


def _snapshot(round_: ReportingRound) -> list[RoundEntry]:
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
def round_close(*, round_: ReportingRound, by, today: date | None = None):
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
    RoundEntry.objects.bulk_create(_snapshot(round_))
    round_.status = Status.CLOSED
    round_.closed_at = timezone.now()
    round_.closed_by = by
    return _save(round_, by=by, reason=_("ปิดรอบรายงาน"))


@transaction.atomic
def round_approve(*, round_: ReportingRound, by, at=None) -> ReportingRound:
    """The executive approved the round's progress report (its memo)."""
    return approvals.approve(
        _locked(round_),
        by=by,
        at=at,
        after=[Status.CLOSED],
        refusal=WRONG_ROUND_STATUS,
        reason=_("อนุมัติรายงานความก้าวหน้า"),
    )


@transaction.atomic
def round_publish(*, round_: ReportingRound, by, at=None) -> ReportingRound:
    """Put the approved round on the public pages, evidence included."""
    return approvals.publish(
        _locked(round_),
        by=by,
        at=at,
        refusal=WRONG_ROUND_STATUS,
        reason=_("เผยแพร่รายงานความก้าวหน้า"),
    )
