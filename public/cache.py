"""What the public plan page keeps in Django's cache, and for how long.

A published plan's page is the same for every visitor until something on it
changes, and building it from scratch costs eight queries and a template that
walks every measure (`bench/public_load.py` prints the figures). Three things
are kept:

- the plan's *head*, per address (organisation, fiscal year, revision or
  "latest"): the version fingerprint (`queries.version`) and last change of
  the plan `queries.published_plan` finds there, for `PUBLIC_HEAD_SECONDS`
  (settings: a day where the cache is shared, `redis://` or `db://`, else
  `PUBLIC_CACHE_SECONDS`, 30 by default; `PUBLIC_CACHE_SECONDS=0` turns heads
  off);
- the payload (`serializers.plan_payload`), per plan version and language:
  the data the page and its JSON variant show, with site-relative links;
- the rendered page, per plan version, language and address as the visitor
  asked for it (the page names its own address for link previews).

A repeat view within `PUBLIC_HEAD_SECONDS` of the last lookup therefore
runs no query at all and one cache round trip: the head and the page the
process last served at that address are read together (`get_many`), and the
page is used only when the head says it is still that version. A process's
first view of an address, or the first after a change, reads the page
separately: two round trips. After that a view costs the one query that
finds the plan; a 404 is never cached.

How stale a page can be:

- Every save or deletion through Django's models of what the page shows (a
  plan published, revised or replaced, a reporting round published, an
  approved document, the organisation's details, a division renamed or
  deleted) deletes the heads of the plans it touches (`forget_*`, wired in
  `public.signals`), at once and again when the transaction commits, and
  the rebuild task (`public.tasks`) writes them again. Where the workers
  share the cache (`redis://…` or `db://…` for every server, `file://…` for
  one server's workers) the change shows on the next view: that is why a
  head may live a day there.
- Where they do not (the default `locmem://`: each worker process its own;
  one `file://` cache per server behind a load balancer) the other workers
  keep their head until it expires: the change shows within
  `PUBLIC_CACHE_SECONDS`. A change the hooks do not see (SQL,
  `QuerySet.update()`) to anything the version covers (the plan, its
  approved documents, its published rounds, the organisation's public
  details, its divisions' history) shows once the head expires:
  `PUBLIC_HEAD_SECONDS`.
- What the version does not cover (a source assessment re-scored after
  publication, a release's new templates or translations) shows within
  `SECONDS` (an hour), or at once after `cache.clear()`.

Payloads and pages are keyed by the version, so they are never served for a
newer version; entries of old versions are never read again and expire.
"""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from . import queries

# How long a version's payload and page are kept (see above).
SECONDS = 60 * 60


def head_seconds() -> int:
    """How long a head is kept: `PUBLIC_HEAD_SECONDS` (a day where the cache
    is shared, `PUBLIC_CACHE_SECONDS` where it is not); 0 when
    `PUBLIC_CACHE_SECONDS` turns heads off."""
    if settings.PUBLIC_CACHE_SECONDS <= 0:
        return 0
    return getattr(settings, "PUBLIC_HEAD_SECONDS", settings.PUBLIC_CACHE_SECONDS)


def head_key(slug: str, fiscal_year: int, revision: int | None) -> str:
    return "public:head:{}:{}:{}".format(
        slug, fiscal_year, "latest" if revision is None else revision
    )


class Head:
    """What the caching headers and the cache keys of a plan page need: the
    plan's version and when it last changed; the plan itself is looked up
    only when something has to be built from it."""

    def __init__(
        self, slug, fiscal_year, revision, version, last_modified, plan, page=None
    ):
        self.slug = slug
        self.fiscal_year = fiscal_year
        self.revision = revision
        self.version = version
        self.last_modified = last_modified
        self._plan = plan
        # The rendered page of this version, when it came with the head.
        self.page = page

    @property
    def plan(self):
        if self._plan is None:
            self._plan = queries.published_plan(
                self.slug, self.fiscal_year, self.revision
            )
        return self._plan


# The version this process last served each page address at (`page_key`):
# a guess that lets the head and the page come in one round trip. Only a
# guess: the page is used when the head read with it names the same version.
_served: dict[str, str] = {}
SERVED_MAX = 10_000


def served(address: str, version: str) -> None:
    if len(_served) >= SERVED_MAX:
        _served.clear()
    _served[address] = version


def plan_head(
    slug: str, fiscal_year: int, revision: int | None = None, *, address: str = ""
) -> Head:
    """The head of the published plan at this address, from the cache when
    it was looked up in the last `PUBLIC_HEAD_SECONDS`, else from
    `queries.published_plan` (404 for anything unpublished; a 404 is never
    cached, so a plan published a moment ago shows on the next view). The
    cache keeps two plain values, cheap to read back. With the page's
    `address` (`page_address`), the page last served there comes in the
    same read, kept on the head when it is of the head's version."""
    seconds = head_seconds()
    key = head_key(slug, fiscal_year, revision)
    if seconds > 0:
        guess = _served.get(address) if address else None
        page = page_key(guess, address) if guess else None
        found = cache.get_many([key, page] if page else [key])
        cached = found.get(key)
        if cached is not None:
            version, timestamp = cached
            modified = datetime.fromtimestamp(timestamp, UTC)
            return Head(
                slug,
                fiscal_year,
                revision,
                version,
                modified,
                None,
                page=found.get(page) if version == guess else None,
            )
    plan = queries.published_plan(slug, fiscal_year, revision)
    version, modified = queries.version(plan), queries.last_change(plan)
    if seconds > 0:
        cache.set(key, (version, modified.timestamp()), seconds)
    return Head(slug, fiscal_year, revision, version, modified, plan)


def payload_key(version: str, language: str) -> str:
    return f"public:plan:{version}:{language}:payload"


def page_address(request) -> str:
    """The page as this visitor asked for it: its language and full address
    (the page names its own address for link previews)."""
    uri = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{get_language()}:page:{uri}"


def page_key(version: str, address: str) -> str:
    return f"public:plan:{version}:{address}"


def get_or_build(key: str, build):
    return cache.get_or_set(key, build, SECONDS)


# --- forgetting heads when what a page shows changes -------------------------


def _forget(keys: list[str]) -> None:
    """Delete `keys` now (this process sees the change at once, even inside
    the transaction) and again after the commit: a view that read the old
    rows just before the commit may have cached them again meanwhile."""
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _head_keys(plans) -> list[str]:
    """The heads of `plans` (rows of slug, fiscal year, revision): each
    revision's own address and its year's "latest"."""
    keys = set()
    for slug, fiscal_year, revision in plans:
        keys.add(head_key(slug, fiscal_year, revision))
        keys.add(head_key(slug, fiscal_year, None))
    return sorted(keys)


def forget_plan_year(*, organization_id: int, fiscal_year: int) -> None:
    """Something a plan page of this organisation and year shows changed:
    a plan saved (published, revised, deleted), a reporting round, an
    approved document. Once committed, the pages are built again in the
    background (`public.tasks`)."""
    from measures.models import Plan

    plans = Plan.objects.filter(
        organization_id=organization_id, fiscal_year=fiscal_year
    ).values_list("organization__slug", "fiscal_year", "revision")
    _forget(_head_keys(plans))
    _rebuild_later(organization_id, [fiscal_year])


def _rebuild_later(organization_id: int, fiscal_years) -> None:
    from ita_portal.celery import app

    task = app.tasks["public.rebuild_plan_year"]
    for fiscal_year in sorted(set(fiscal_years)):
        # robust: a rebuild that fails leaves the first view to build the
        # page, as before; it never undoes or fails the change itself.
        transaction.on_commit(
            lambda year=fiscal_year: task.delay(organization_id, year), robust=True
        )


def forget_organization(*, organization_id: int, slugs=()) -> None:
    """Something every plan page of the organisation shows changed: its
    name, place or memo choice, or a division's name. `slugs` are addresses
    the organisation had before (a changed slug)."""
    from measures.models import Plan

    plans = list(
        Plan.objects.filter(organization_id=organization_id).values_list(
            "organization__slug", "fiscal_year", "revision"
        )
    )
    years = [fiscal_year for _slug, fiscal_year, _revision in plans]
    plans += [
        (slug, fiscal_year, revision)
        for slug in slugs
        for _slug, fiscal_year, revision in list(plans)
    ]
    _forget(_head_keys(plans))
    _rebuild_later(organization_id, years)
