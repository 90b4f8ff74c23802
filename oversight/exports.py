"""The overview's XLSX export, built by a task (`oversight.export`): for an
overseer of the whole country it takes seconds (`selectors.overview` scores
every office in scope), more than a request should wait.

The request queues the export and leads to its page, which polls (htmx)
until the file is there and then offers it. An export is its overseer's
own: its id is random (128 bits) and another person's is a 404. The file is
kept in MEDIA_ROOT under that id, written whole or not at all
(`reports.jobs.store`), and its state in the cache for STATE_SECONDS.
Without a broker the task runs in the request, and the page offers the file
at once.
"""

import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils import translation

from ita_portal.celery import app as celery_app
from reports.jobs import store

from . import selectors
from .forms import FilterForm
from .xlsx import workbook

STATE_SECONDS = 60 * 60
PENDING, READY, FAILED = "pending", "ready", "failed"


@dataclass
class Export:
    id: str
    user_id: int
    fiscal_year: int
    state: str

    @property
    def name(self) -> str:
        return f"exports/oversight/{self.user_id}/{self.id}.xlsx"

    @property
    def filename(self) -> str:
        return f"oversight-{self.fiscal_year}.xlsx"

    @property
    def ready(self) -> bool:
        return self.state == READY

    def read(self) -> bytes:
        with default_storage.open(self.name, "rb") as stored:
            return stored.read()


def _key(export_id: str) -> str:
    return f"oversight:export:{export_id}"


def _mark(export_id: str, user_id: int, fiscal_year: int, state: str) -> None:
    cache.set(_key(export_id), (user_id, fiscal_year, state), STATE_SECONDS)


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
    export_id = secrets.token_urlsafe(16)
    _mark(export_id, user.pk, fiscal_year, PENDING)
    try:
        celery_app.tasks["oversight.export"].delay(
            export_id,
            user.pk,
            fiscal_year,
            query,
            base_url,
            translation.get_language(),
        )
    except Exception:
        # Eager (the task ran here and gave up after its retries), or a
        # broker that refused the message: the page says so.
        _mark(export_id, user.pk, fiscal_year, FAILED)
    return export_of(export_id, user)


def export_of(export_id: str, user) -> Export | None:
    """The user's own export of this id, as it stands; None for an unknown
    id, an expired one or someone else's."""
    cached = cache.get(_key(export_id))
    if cached is None or cached[0] != user.pk:
        return None
    export = Export(export_id, *cached)
    if export.state == PENDING and default_storage.exists(export.name):
        export.state = READY
    return export


def build(export_id, user_pk, fiscal_year, query, base_url, language) -> None:
    """The task's body: the workbook of the user's overview, stored."""
    from organizations.models import User

    user = User.objects.get(pk=user_pk)
    with translation.override(language):
        _rows, _form, shown = rows_for(user, fiscal_year, QueryDict(query))
        content = workbook(shown, fiscal_year=fiscal_year, base_url=base_url)
    store(Export(export_id, user_pk, fiscal_year, PENDING).name, content)
    _mark(export_id, user_pk, fiscal_year, READY)


def give_up(export_id, user_pk, fiscal_year) -> None:
    _mark(export_id, user_pk, fiscal_year, FAILED)
