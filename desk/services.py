"""Writes of the desk app: the office's own due dates for its ITA year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Deadline

UNKNOWN_STEP = _("ไม่มีขั้นตอน “{step}” ในปีนี้")


@transaction.atomic
def deadlines_set(
    *, organization, fiscal_year: int, due: dict[str, date | None], steps, by
) -> list[Deadline]:
    """Set the due date of each step in `due` (None clears it). `steps` are
    the keys the year has (desk.year.year_steps); any other is refused.
    Every change is kept in the history with who made it."""
    unknown = sorted(set(due) - set(steps))
    if unknown:
        raise ValidationError(str(UNKNOWN_STEP).format(step=unknown[0]))
    current = {
        d.step: d
        for d in Deadline.objects.select_for_update().filter(
            organization=organization, fiscal_year=fiscal_year, step__in=list(due)
        )
    }
    kept = []
    for step, due_on in due.items():
        deadline = current.get(step)
        if due_on is None:
            if deadline is not None:
                deadline._history_user = by
                deadline.delete()
            continue
        if deadline is not None and deadline.due_on == due_on:
            kept.append(deadline)
            continue
        deadline = deadline or Deadline(
            organization=organization, fiscal_year=fiscal_year, step=step
        )
        deadline.due_on = due_on
        deadline.set_by = by
        deadline._history_user = by
        deadline.save()
        kept.append(deadline)
    return kept
