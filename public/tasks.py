"""Rebuild a public plan page's cached parts after a change, in the
background, so that the first visitor after a publication (or a published
progress round) costs about what a repeat visitor costs (`public.cache`).

`public.signals` forgets the heads of the plans a change touches and, once
the transaction commits, queues `rebuild_plan_year`: it looks the published
plan up again (the head), builds its payload in Thai and English and renders
its page in both languages at the address visitors use, `PORTAL_URL` (a
visitor who reaches the portal under another host name builds that host's
page on the first view). Without a broker this runs right after the commit
in the same process.

`opendata_build` rebuilds a fiscal year's national open data files after
something of that year was published (`public.opendata`)."""

from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from measures.models import Plan

from . import opendata, views


def _addresses(plan):
    slug, year = plan.organization.slug, plan.fiscal_year
    yield reverse("public:plan", args=[slug, year]), (slug, year, None)
    yield (
        reverse("public:plan_revision", args=[slug, year, plan.revision]),
        (slug, year, plan.revision),
    )


@shared_task(name="public.rebuild_plan_year", ignore_result=True)
def rebuild_plan_year(organization_id: int, fiscal_year: int) -> int:
    """Build the published plan pages of this organisation and year into the
    cache (a part already there is read, not built again). Returns how many
    pages it built or found."""
    portal = urlsplit(settings.PORTAL_URL)
    factory = RequestFactory()
    plans = Plan.objects.filter(
        organization_id=organization_id, fiscal_year=fiscal_year
    ).select_related("organization")
    built = 0
    for plan in plans:
        for path, (slug, year, revision) in _addresses(plan):
            for language, _name in settings.LANGUAGES:
                request = factory.get(
                    path,
                    SERVER_NAME=portal.hostname or "127.0.0.1",
                    SERVER_PORT=str(
                        portal.port or (443 if portal.scheme == "https" else 80)
                    ),
                    secure=portal.scheme == "https",
                )
                request.LANGUAGE_CODE = language
                try:
                    with translation.override(language):
                        views.plan(request, slug, year, revision)
                except (Http404, DisallowedHost):
                    continue  # not published (yet), or PORTAL_URL not served here
                built += 1
    return built


@shared_task
def opendata_build(fiscal_year: int) -> None:
    """Rebuild the year's open data files after something was published."""
    opendata.build_year(fiscal_year)
