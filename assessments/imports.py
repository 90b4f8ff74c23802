"""A score file imported in the background (Celery; `assessments.tasks`).

The request checks the upload (`spreadsheets.ImportForm`: its type read from
the content, its size, a workbook openpyxl can open), stores it in the
storage every web process and worker shares (`default_storage`) under a
name the server chooses (``imports/scores/<assessment>/<job>.xlsx``) and
queues `assessments.import_scores`, which reads it and saves the scores
(`spreadsheets.import_file`: all or nothing) and then deletes the file. The
job's state lives in the cache (shared where `CACHE_URL` is): pending, then
done with the outcome (how many scores, or every row that must be fixed), or
failed (the task raised: nothing was saved). The import page polls
``?job=<id>`` (htmx) until it is done.

With no broker (tests, ``./run.sh``) the task runs inside the request, which
finds the job done and answers as the import always did.
"""

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from ita_portal.celery import app as celery_app

from .models import Assessment
from .spreadsheets import ImportOutcome, RowError

# How long a job's state is kept: its page shows the outcome until then.
STATE_SECONDS = 60 * 60
PENDING = "pending"
DONE = "done"
FAILED = "failed"
MISSING = "missing"  # expired, or never started: the page asks for the file again


@dataclass
class ImportJob:
    id: str
    assessment_id: int
    state: str
    count: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def ok(self) -> bool:
        return self.done and not self.errors

    @property
    def pending(self) -> bool:
        return self.state == PENDING


def _key(job_id: str) -> str:
    return f"assessments:import:{job_id}"


def _file_name(assessment_id: int, job_id: str) -> str:
    return f"imports/scores/{assessment_id}/{job_id}.xlsx"


def _write(job_id: str, **state) -> None:
    cache.set(_key(job_id), state, STATE_SECONDS)


def score_import_start(*, assessment: Assessment, upload, by) -> ImportJob:
    """Store the checked `upload` and queue its import; without a broker the
    import has run when this returns."""
    job_id = uuid.uuid4().hex
    upload.seek(0)
    name = default_storage.save(_file_name(assessment.pk, job_id), upload)
    _write(job_id, assessment=assessment.pk, by=by.pk, state=PENDING)
    task = celery_app.tasks["assessments.import_scores"]
    args = (job_id, name, translation.get_language())
    if celery_app.conf.task_always_eager:
        # A failure is recorded as such by the task, and the page says so.
        task.apply(args=args, throw=False)
    else:
        # A worker must see the assessment and its framework as committed.
        transaction.on_commit(lambda: task.delay(*args))
    return status(assessment=assessment, job_id=job_id)


def status(*, assessment: Assessment, job_id: str) -> ImportJob:
    """Where the job stands; MISSING for a job of another assessment, one
    that expired, or an id nobody issued."""
    state = cache.get(_key(job_id)) if job_id else None
    if not state or state.get("assessment") != assessment.pk:
        return ImportJob(job_id, assessment.pk, MISSING)
    return ImportJob(
        job_id,
        assessment.pk,
        state["state"],
        state.get("count", 0),
        [RowError(*error) for error in state.get("errors", [])],
    )


def forget(job_id: str) -> None:
    """The outcome has been shown (a success, once: its message went with
    the redirect)."""
    cache.delete(_key(job_id))


def run(job_id: str, name: str, language: str) -> ImportOutcome:
    """The task's body: import the stored file, record the outcome, delete
    the file. Messages are written in the language of the person who
    uploaded it."""
    from django.contrib.auth import get_user_model

    from . import spreadsheets

    state = cache.get(_key(job_id)) or {}
    with translation.override(language):
        assessment = Assessment.objects.select_related("framework").get(
            pk=state["assessment"]
        )
        by = get_user_model().objects.get(pk=state["by"])
        with default_storage.open(name, "rb") as stored:
            outcome = spreadsheets.import_file(
                assessment=assessment, upload=stored, by=by
            )
        errors = [(e.row, e.code, str(e.message)) for e in outcome.errors]
    _write(
        job_id,
        assessment=assessment.pk,
        by=by.pk,
        state=DONE,
        count=outcome.count,
        errors=errors,
    )
    default_storage.delete(name)
    return outcome


def fail(job_id: str, name: str) -> None:
    """The last try raised: nothing was saved (the import is one
    transaction); the page asks for the file again."""
    state = cache.get(_key(job_id)) or {}
    _write(job_id, **{**state, "state": FAILED})
    default_storage.delete(name)
