"""The two steps every state change of the portal shares (plans, reporting
rounds, memos): refuse a change from the wrong state with a Thai message, and
save with who made it and why, so that django-simple-history records both."""

from django.core.exceptions import ValidationError


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
