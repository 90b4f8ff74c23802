"""The documents' background jobs (Celery; reports/jobs.py says how a
request finds, queues and serves them). A failed try is retried with
back-off (2, 4, 8 s); after the last the job is marked failed and its page
offers to ask again. Without a broker (eager) the tries follow each other
inside the request, without waiting."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import jobs
from . import services as memos
from .models import Memo

MAX_RETRIES = 3


def _backoff(retries: int) -> int:
    return 2 ** (retries + 1)


def attempt(task, work, give_up=lambda: None):
    """`work()`, retried up to the task's `max_retries` times; `give_up()`
    after the last try failed. Every job of the portal retries this way
    (oversight/tasks.py too)."""
    if task.request.is_eager:
        for number in range(task.max_retries + 1):
            try:
                return work()
            except Exception:
                if number == task.max_retries:
                    give_up()
                    raise
    try:
        return work()
    except Exception as error:
        if task.request.retries >= task.max_retries:
            give_up()
            raise
        # A Busy key (another worker renders the same content) is retried
        # too: by then its file is there, or its lock expired with it.
        raise task.retry(exc=error, countdown=_backoff(task.request.retries)) from error


@shared_task(name="reports.render", bind=True, max_retries=MAX_RETRIES)
def render(self, kind: str, pk: int, digest: str, html: str | None = None) -> str:
    """Render one document into shared storage (`jobs.render`)."""
    return attempt(
        self,
        lambda: jobs.render(kind, pk, digest, html),
        lambda: jobs.mark(kind, pk, digest, jobs.FAILED),
    )


@shared_task(name="reports.freeze", bind=True, max_retries=MAX_RETRIES)
def freeze(self, memo_pk: int, by_pk: int | None) -> list[int]:
    """Store the approved memo's documents, signed, once
    (`services.memo_freeze`)."""

    def work():
        memo = Memo.objects.get(pk=memo_pk)
        by = get_user_model().objects.filter(pk=by_pk).first()
        return [document.pk for document in memos.memo_freeze(memo=memo, by=by)]

    return attempt(self, work)
