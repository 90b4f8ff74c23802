"""What the public plan page keeps in Django's cache, and for how long.

A published plan's page is the same for every visitor until something on it
changes, and building it from scratch costs eight queries and a template that
walks every measure (`bench/public_load.py` prints the figures). So two things
are kept per plan version (`queries.version`) and language:

- the payload (`serializers.plan_payload`): the data the page and its JSON
  variant show, with site-relative links;
- the rendered page, per address as the visitor asked for it (the page names
  its own address for link previews); another address of the same plan
  renders the page again from the cached payload.

A repeat view then costs one query (the plan, which also says whether it is
still the published revision and what its version is) and one cache read.
The keys change with the version, so a newly published revision, a new
approved document or an organisation's new name shows at once; entries of
old versions are never read again and expire after `SECONDS`. The app
servers' workers share whatever `CACHE_URL` names (README, "Configuration");
with the default per-process memory cache each worker keeps its own.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from . import queries

# How long a version's parts are kept. Bounds what `queries.version` does not
# see (a renamed division) and what a release changes (templates,
# translations): both show within this time, or at once after `cache.clear()`.
SECONDS = 60 * 60


def payload_key(plan, language: str) -> str:
    return f"public:plan:{queries.version(plan)}:{language}:payload"


def page_key(plan, request) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public:plan:{queries.version(plan)}:{get_language()}:page:{address}"


def get_or_build(key: str, build):
    return cache.get_or_set(key, build, SECONDS)
