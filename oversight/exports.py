"""The overview's XLSX export, built by a task (`oversight.export`): for an
overseer of the whole country it takes seconds (`selectors.overview` scores
every office in scope), more than a request should wait.

The overseer asks with a POST (a form with the CSRF token: no link or
prefetch elsewhere can start one) and is led to the export's page, which
polls (htmx) until the workbook is there and then offers it. The export's
id is signed (`django.core.signing`): it names its overseer, its year and a
random part (128 bits), so any web process can check it without asking the
cache, and another person's id, or one older than EXPORT_SECONDS, is a 404.
The storage that every process and worker shares (MEDIA_ROOT) says where
an export stands: its workbook there is "ready" (written whole or not at
all, `reports.jobs.store`), a `.failed` marker beside it "failed", neither
"pending". `exports_remove_old` (Celery beat, hourly; without a broker at
each new export) deletes the files of exports past their time. Without a
broker the task runs in the request, and the page offers the file at once.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils import timezone, translation

from ita_portal.celery import app as celery_app
from reports.jobs import fetch, store

from . import selectors
from .forms import FilterForm
from .xlsx import workbook

EXPORT_SECONDS = 60 * 60  # how long an export's page and file are kept
SALT = "oversight.export"
FOLDER = "exports/oversight"
PENDING, READY, FAILED = "pending", "ready", "failed"


@dataclass
class Export:
    id: str  # signed: the overseer, the year and the random part
    user_id: int
    fiscal_year: int
    random: str
    state: str = PENDING

    @property
    def name(self) -> str:
        return f"{FOLDER}/{self.user_id}/{self.random}.xlsx"

    @property
    def failed_marker(self) -> str:
        return f"{FOLDER}/{self.user_id}/{self.random}.failed"

    @property
    def filename(self) -> str:
        return f"oversight-{self.fiscal_year}.xlsx"

    @property
    def ready(self) -> bool:
        return self.state == READY

    def read(self) -> bytes:
        return fetch(self.name)


def _unsigned(export_id: str) -> Export | None:
    try:
        data = signing.loads(export_id, salt=SALT, max_age=EXPORT_SECONDS)
    except signing.BadSignature:  # SignatureExpired included
        return None
    return Export(export_id, data["u"], data["y"], data["r"])


def rows_for(user, fiscal_year: int, params: QueryDict):
    """Every row of the user's scope, the filter form of `params`, and the
    rows it keeps: what the page shows and the export writes."""
    rows = selectors.overview(user, fiscal_year)
    districts = sorted({r.district for r in rows if r.district})
    form = FilterForm(params, districts=districts)
    return rows, form, selectors.filtered(rows, **form.filters())


def export_start(*, user, fiscal_year: int, query: str, base_url: str) -> Export:
    """Queue the export of the overview as `query` (the page's filters)
    shows it, in the current language."""
    export_id = signing.dumps(
        {"u": user.pk, "y": fiscal_year, "r": secrets.token_urlsafe(16)}, salt=SALT
    )
    try:
        celery_app.tasks["oversight.export"].delay(
            export_id, query, base_url, translation.get_language()
        )
    except Exception:
        # Eager (the task ran here and gave up after its retries, leaving its
        # marker), or a broker that refused the message.
        give_up(export_id)
    if celery_app.conf.task_always_eager:
        exports_remove_old()  # no beat runs without a broker (./run.sh)
    return export_of(export_id, user)


def export_of(export_id: str, user) -> Export | None:
    """The user's own export of this id, as it stands; None for an id that
    is not one, has expired or is someone else's."""
    export = _unsigned(export_id)
    if export is None or export.user_id != user.pk:
        return None
    if default_storage.exists(export.name):
        export.state = READY
    elif default_storage.exists(export.failed_marker):
        export.state = FAILED
    return export


def build(export_id: str, query: str, base_url: str, language: str) -> None:
    """The task's body: the workbook of the overseer's overview, stored."""
    from organizations.models import User

    export = _unsigned(export_id)
    if export is None:
        return  # expired while queued: nobody waits for it any more
    user = User.objects.get(pk=export.user_id)
    with translation.override(language):
        _rows, _form, shown = rows_for(user, export.fiscal_year, QueryDict(query))
        content = workbook(shown, fiscal_year=export.fiscal_year, base_url=base_url)
    store(export.name, content)


def give_up(export_id: str) -> None:
    export = _unsigned(export_id)
    if export is not None and not default_storage.exists(export.failed_marker):
        default_storage.save(export.failed_marker, ContentFile(b""))


def exports_remove_old(now=None) -> int:
    """Delete the files of exports older than EXPORT_SECONDS (twice that,
    to spare one being downloaded); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(seconds=2 * EXPORT_SECONDS)
    removed = 0
    if not default_storage.exists(FOLDER):
        return 0
    folders, _files = default_storage.listdir(FOLDER)
    for folder in folders:
        _subfolders, files = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in files:
            path = f"{FOLDER}/{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed
