"""What plans, reporting rounds and memos share on their way to approval:
the fields that say who approved and when (and, for what the public sees,
when it was published), and the steps every state change takes.

Each state change refuses to start from the wrong state with a Thai message,
and saves with who made it and why, so that django-simple-history records
both. The rules of which state may follow which live with each thing
(measures/services/workflow.py, measures/services/progress.py,
reports/services.py); these are the steps they share.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Approval(models.Model):
    """Who gave the final approval, and when. The model has a ``Status``
    with ``APPROVED``."""

    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อนุมัติ"),
    )

    class Meta:
        abstract = True


class Publication(Approval):
    """An approval the public then sees: when it was published. The model's
    ``Status`` also has ``PUBLISHED``."""

    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)

    class Meta:
        abstract = True


def expect_status(obj, statuses, message) -> None:
    """Raise `message` (with `{status}`) unless `obj.status` is one of them."""
    if obj.status not in statuses:
        raise ValidationError(
            str(message).format(status=obj.get_status_display()),
            code="wrong_status",
        )


def save_with_reason(obj, *, by, reason: str = ""):
    obj._history_user = by
    obj._change_reason = reason
    obj.save()
    return obj


def approve(obj: Approval, *, by, at=None, after, refusal, reason: str):
    """Approve `obj` (a locked row) from one of the `after` states, else
    refuse with `refusal`; `at` is the moment of the deciding vote."""
    expect_status(obj, after, refusal)
    obj.status = obj.Status.APPROVED
    obj.approved_at = at or timezone.now()
    obj.approved_by = by
    return save_with_reason(obj, by=by, reason=reason)


def publish(obj: Publication, *, by, at=None, refusal, reason: str):
    """Publish an approved `obj` (a locked row), else refuse with `refusal`."""
    expect_status(obj, [obj.Status.APPROVED], refusal)
    obj.status = obj.Status.PUBLISHED
    obj.published_at = at or timezone.now()
    return save_with_reason(obj, by=by, reason=reason)
