from .models import Memo


def memo_inbox(request):
    """How many memos wait for the user's decision; counted only where a
    template shows it (the executives' menu)."""

    def count():
        return Memo.objects.awaiting(request.user).count()

    return {"memo_inbox_count": count}
