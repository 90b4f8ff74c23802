"""Public pages: no login, only what is published (see queries.py), cheap to
serve again (ETag and Last-Modified), JSON for open data."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from organizations.models import Organization

from . import cache as public_cache
from . import opendata, queries
from .models import OpenDataFile
from .serializers import plan_payload

ORGANIZATIONS_PER_PAGE = 30
MAX_AGE = 300  # seconds a browser or proxy may reuse a page without asking


def _public(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def directory(request):
    organizations = queries.organizations()
    query = request.GET.get("q", "").strip()
    if query:
        organizations = organizations.filter(name__icontains=query)
    province = request.GET.get("province", "")
    if province:
        organizations = organizations.filter(province=province)
    kind = request.GET.get("kind", "")
    if kind in Organization.Kind.values:
        organizations = organizations.filter(kind=kind)
    page = Paginator(organizations, ORGANIZATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    provinces = (
        queries.organizations()
        .exclude(province="")
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )
    return _public(
        render(
            request,
            "public/directory.html",
            {
                "page": page,
                "query": query,
                "province": province,
                "kind": kind,
                "provinces": provinces,
                "kinds": Organization.Kind.choices,
            },
        )
    )


@require_safe
def organization(request, slug):
    organization = queries.organization(slug)
    years = queries.published_years(organization)
    for plan in years:
        plan.public_summary = queries.plan_summary(plan)
    return _public(
        render(
            request,
            "public/organization.html",
            {"organization": organization, "years": years},
        )
    )


def _head(request, slug, fiscal_year, revision=None, **kwargs):
    """The published plan's head (`public.cache.Head`), found once per
    request: the caching headers, the cache keys and the page all use it."""
    if not hasattr(request, "_public_head"):
        # A conditional request is usually answered 304: the page is not
        # read with the head for it.
        conditional = "HTTP_IF_NONE_MATCH" in request.META or (
            "HTTP_IF_MODIFIED_SINCE" in request.META
        )
        request._public_head = public_cache.plan_head(
            slug,
            fiscal_year,
            revision,
            address="" if conditional else _address(request),
        )
    return request._public_head


def _address(request) -> str:
    """The page's cache address (`public.cache.page_address`), once a request."""
    if not hasattr(request, "_public_address"):
        request._public_address = public_cache.page_address(request)
    return request._public_address


def _latest_change(request, *args, **kwargs):
    return _head(request, *args, **kwargs).last_modified


def _etag(request, *args, **kwargs):
    key = f"{_head(request, *args, **kwargs).version}:{request.path}"
    key += f":{request.GET.get('format', '')}:{request.LANGUAGE_CODE}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
@condition(etag_func=_etag, last_modified_func=_latest_change)
def plan(request, slug, fiscal_year, revision=None, as_json=False):
    """The published plan. The plan's head, its payload and its page are
    cached (`public.cache`): while the head is cached a repeat view costs
    one cache read and no query, after that the one query that finds the
    plan."""
    head = _head(request, slug, fiscal_year, revision)
    if as_json or request.GET.get("format") == "json":
        data = plan_payload(head, request)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return _public(response)

    def build():
        plan = head.plan
        return render_to_string(
            "public/plan.html",
            {
                "plan": plan,
                "data": plan_payload(head),
                "organization": plan.organization,
                "progress_round": queries.published_round(plan),
                "permalink": reverse(
                    "public:plan_revision", args=[slug, fiscal_year, plan.revision]
                ),
                "json_url": reverse("public:plan_json", args=[slug, fiscal_year])
                if revision is None
                else reverse(
                    "public:plan_revision_json", args=[slug, fiscal_year, revision]
                ),
            },
            request=request,
        )

    address = _address(request)
    page = head.page or public_cache.get_or_build(
        public_cache.page_key(head.version, address), build
    )
    public_cache.served(address, head.version)
    return _public(HttpResponse(page))


@require_safe
def document(request, slug, pk):
    document = queries.public_document(slug, pk)
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{document.kind}-{document.memo.fiscal_year}.pdf",
    )
    response["ETag"] = f'"{document.sha256}"'
    return _public(response)


@require_safe
def data(request):
    """The national open data: the files of each year, their schema, and
    the DCAT metadata for catalogues."""
    files = list(
        OpenDataFile.objects.defer("content").order_by("-fiscal_year", "format")
    )
    years = {}
    for file in files:
        years.setdefault(file.fiscal_year, []).append(file)
    return _public(
        render(
            request,
            "public/data.html",
            {
                "years": sorted(years.items(), reverse=True),
                "columns": opendata.COLUMNS,
                "licence": settings.OPEN_DATA_LICENSE,
            },
        )
    )


@require_safe
def data_catalog(request):
    base = request.build_absolute_uri("/")[:-1]
    response = JsonResponse(
        opendata.catalog(base),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
        content_type="application/ld+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return _public(response)


@require_safe
def data_file(request, fiscal_year, format_):
    if format_ not in OpenDataFile.Format.values:
        raise Http404
    file = opendata.file_for(fiscal_year, format_)
    if file is None:
        raise Http404
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json; charset=utf-8",
    }[format_]
    response = HttpResponse(bytes(file.content), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="ita-opendata-{fiscal_year}.{format_}"'
    )
    response["ETag"] = f'"{file.sha256}"'
    response["Last-Modified"] = http_date(file.modified.timestamp())
    response["Access-Control-Allow-Origin"] = "*"
    return _public(response)
