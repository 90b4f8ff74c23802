"""Documents rendered in the background, served from storage that every web
process and worker shares (`default_storage`, i.e. `MEDIA_ROOT`).

A document is keyed by its content: the SHA-256 of the HTML it is
converted from (for a sheet, of the HTML of the document whose data it
prints). The HTML holds everything the document shows, so the same key is
the same document, whoever asks and whenever; any change of the data is a
new key. The file of a key is ``renders/<kind>/<pk>/<digest>.<ext>``: it is
the object's own (a key is never served for another object) and it exists
only once complete (written under a temporary name, then renamed).

A request builds the HTML (queries and a template, no layout), and:

- the file exists: it is served at once;
- else one request (``cache.add``) queues the render (`reports.tasks.render`)
  and every request shows the progress state, which polls ``?job=<digest>``
  (htmx) until the file is there, then offers the download;
- a render that failed after its retries shows a Thai message and a button
  that asks again.

With no broker (tests, ``./run.sh``) the task runs inside the request, so
the request finds the file and serves it at once.

Two workers never render one key at once: the render holds a lock
(``cache.add`` with a timeout, atomic on Redis) and a worker that finds it
taken retries later, by when the file is usually there. An approved memo's
documents are frozen from the HTML built in the approving transaction
(`freeze_later`), so a render of the draft still running meanwhile has
another key and never becomes the approved copy.
"""

import hashlib
import os
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from ita_portal.celery import app as celery_app
from measures.models import Plan, ReportingRound

from . import renderers
from .documents import memo_html
from .models import Memo

# How long a job's state ("pending", "failed") is kept, and the longest a
# render may hold its lock (a worker that died frees the key after this).
STATE_SECONDS = 15 * 60
LOCK_SECONDS = 5 * 60
PENDING = "pending"
FAILED = "failed"
CHANGED = "changed"
READY = "ready"


@dataclass(frozen=True)
class Kind:
    model: type
    html: object  # obj -> HTML
    extension: str
    build: object = None  # obj -> bytes, for a sheet; else the HTML is converted
    continuation: bool = False

    @property
    def content_type(self) -> str:
        if self.extension == "pdf":
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


KINDS = {
    "analysis": Kind(Plan, lambda plan: renderers.analysis_html(plan), "pdf"),
    "plan": Kind(Plan, lambda plan: renderers.plan_html(plan), "pdf"),
    "progress": Kind(
        ReportingRound, lambda round_: renderers.progress_html(round_), "pdf"
    ),
    "memo": Kind(Memo, lambda memo: memo_html(memo), "pdf", continuation=True),
    "plan-xlsx": Kind(
        Plan,
        lambda plan: renderers.plan_html(plan),
        "xlsx",
        build=lambda plan: renderers.plan_xlsx(plan),
    ),
    "progress-xlsx": Kind(
        ReportingRound,
        lambda round_: renderers.progress_html(round_),
        "xlsx",
        build=lambda round_: renderers.progress_xlsx(round_),
    ),
}


def digest_of(html: str) -> str:
    from . import weasyprint_thai

    # A WeasyPrint upgrade renders differently: another key.
    source = f"{weasyprint_thai.WEASYPRINT_VERSION}\n{html}"
    return hashlib.sha256(source.encode()).hexdigest()


def file_name(kind: str, pk: int, digest: str) -> str:
    return f"renders/{kind}/{pk}/{digest}.{KINDS[kind].extension}"


def _state_key(kind, pk, digest) -> str:
    return f"reports:job:{kind}:{pk}:{digest}"


def _lock_key(kind, pk, digest) -> str:
    return f"reports:render-lock:{kind}:{pk}:{digest}"


@dataclass
class Job:
    """One document of one object as its content stands: its state and,
    when ready, its file in storage."""

    kind: str
    pk: int
    digest: str
    state: str

    @property
    def name(self) -> str:
        return file_name(self.kind, self.pk, self.digest)

    @property
    def ready(self) -> bool:
        return self.state == READY

    def read(self) -> bytes:
        return fetch(self.name)


def status(kind: str, pk: int, digest: str) -> Job:
    """Where the job of this key stands, without building anything."""
    if default_storage.exists(file_name(kind, pk, digest)):
        return Job(kind, pk, digest, READY)
    state = cache.get(_state_key(kind, pk, digest))
    return Job(kind, pk, digest, state or PENDING)


def request(kind: str, obj) -> Job:
    """The document of `obj` as it stands now: ready, or queued once (every
    other request for the same content finds it pending), or failed."""
    spec = KINDS[kind]
    html = spec.html(obj)
    digest = digest_of(html)
    job = status(kind, obj.pk, digest)
    if job.ready:
        return job
    if cache.add(_state_key(kind, obj.pk, digest), PENDING, STATE_SECONDS):
        _enqueue(kind, obj.pk, digest, html if spec.build is None else None)
        return status(kind, obj.pk, digest)
    return job


def _task(name: str):
    """A task of reports/tasks.py by its name (that module imports this one)."""
    return celery_app.tasks[name]


def _enqueue(kind, pk, digest, html) -> None:
    try:
        _task("reports.render").delay(kind, pk, digest, html)
    except Exception:
        # Eager (the task ran here and gave up after its retries), or a
        # broker that refused the message: the page says so and offers to
        # ask again.
        mark(kind, pk, digest, FAILED)


def retry(kind: str, pk: int, digest: str) -> None:
    """Forget a failure, so that the next request queues the render again."""
    cache.delete(_state_key(kind, pk, digest))


def mark(kind, pk, digest, state) -> None:
    cache.set(_state_key(kind, pk, digest), state, STATE_SECONDS)


class Busy(Exception):
    """Another worker renders this key now."""


def _convert(spec: Kind, html: str) -> bytes:
    from .pdf import render_pdf  # WeasyPrint loads only when needed

    return render_pdf(html, continuation=spec.continuation)


def render(kind: str, pk: int, digest: str, html: str | None = None) -> str:
    """Render the key into storage (the task's body). `html` is the source
    the request built; a sheet is built again from the database and must
    come out with the same key, else the request's job is marked "changed"
    (its page asks again) and the new content is stored under its own key.
    Returns the state."""
    spec = KINDS[kind]
    if default_storage.exists(file_name(kind, pk, digest)):
        return READY
    obj = None
    if html is None or spec.build is not None:
        obj = spec.model.objects.get(pk=pk)
        current = spec.html(obj)
        if digest_of(current) != digest:
            mark(kind, pk, digest, CHANGED)
            digest = digest_of(current)
        html = current
    lock = _lock_key(kind, pk, digest)
    if not cache.add(lock, uuid.uuid4().hex, LOCK_SECONDS):
        raise Busy(lock)
    try:
        if default_storage.exists(file_name(kind, pk, digest)):
            return READY
        content = spec.build(obj) if spec.build is not None else _convert(spec, html)
        store(file_name(kind, pk, digest), content)
    finally:
        cache.delete(lock)
    return READY


def render_now(kind: str, pk: int, html: str) -> bytes:
    """The bytes of the document of this HTML: from storage when rendered
    before, else rendered here (inside a task) and stored."""
    digest = digest_of(html)
    job = status(kind, pk, digest)
    if not job.ready:
        render(kind, pk, digest, html)
    return status(kind, pk, digest).read()


def fetch(name: str) -> bytes:
    """The bytes `store` wrote as `name`."""
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def store(name: str, content: bytes) -> None:
    """Store `content` as `name`, never visible half-written: on local or
    mounted disk a temporary file renamed into place (atomic), elsewhere (an
    object store, where a save is one atomic put) straight."""
    try:
        final = default_storage.path(name)
    except NotImplementedError:
        default_storage.save(name, ContentFile(content))
        return
    os.makedirs(os.path.dirname(final), exist_ok=True)
    temporary = f"{final}.{uuid.uuid4().hex}.part"
    with open(temporary, "wb") as handle:
        handle.write(content)
    os.replace(temporary, final)


# --- after the approving transaction ------------------------------------------


def after_commit(task, *args) -> None:
    """Queue `task` once the current transaction commits (a worker must see
    the rows it was written about); without a broker run it now, inside the
    transaction, as the embedded default always did."""
    if celery_app.conf.task_always_eager:
        task.apply(args=args, throw=True)
    else:
        transaction.on_commit(lambda: task.delay(*args))


def freeze_approved(memo: Memo, *, by) -> None:
    """At the last "yes": the approved memo's documents are frozen, signed,
    by a task (`reports.tasks.freeze`, `services.memo_freeze`) once the
    approval is committed. Each document draws its verification code before
    it renders, so the render happens in the task. What it renders cannot
    change meanwhile: an approved plan or round is no longer editable."""
    after_commit(_task("reports.freeze"), memo.pk, getattr(by, "pk", None))
