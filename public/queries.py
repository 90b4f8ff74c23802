"""What the public may see, and only that: published plans (the latest
published revision of a year, or a named one), their approved documents, and
progress as of the latest published reporting round.

Everything public goes through these functions, so the rule “only what is
published” lives here once. The plan page's data is built in a fixed number
of queries whatever the number of measures.
"""

import functools
import hashlib
from datetime import UTC, datetime

from django.db import connection
from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from measures.models import Measure, Plan
from organizations.models import Division, Organization
from reports.models import ApprovedDocument, Memo


def organizations():
    """Organisations that have published a plan, with their latest year."""
    return (
        Organization.objects.filter(plans__status=Plan.Status.PUBLISHED)
        .annotate(latest_year=Max("plans__fiscal_year"))
        .order_by("name")
    )


def organization(slug: str) -> Organization:
    found = organizations().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def published_years(organization: Organization) -> list[Plan]:
    """The latest published revision of each fiscal year, newest year first."""
    plans = (
        Plan.objects.published()
        .filter(organization=organization)
        .select_related("source_assessment__framework")
        .order_by("-fiscal_year", "-revision")
    )
    latest = {}
    for plan in plans:
        latest.setdefault(plan.fiscal_year, plan)
    return list(latest.values())


def published_plan(slug: str, fiscal_year: int, revision: int | None = None) -> Plan:
    """The year's latest published revision, or the named one; 404 for
    anything not published.

    Every view of a plan page runs this, cached page or not, so it is one
    plain SQL statement (building the equivalent ORM query took several times
    longer than running it; bench/public_load.py): the plan, the organisation's
    public details, and the newest time and the number of the plan's approved
    documents for `last_change` and `version`. The assessment is read only
    when the payload is built."""
    row = _published_plan_row(slug, fiscal_year, revision)
    if row is None:
        raise Http404
    return row


def _published_plan_row(slug, fiscal_year, revision):
    params = [Memo.Status.APPROVED, Memo.Status.APPROVED, slug, fiscal_year]
    params.append(Plan.Status.PUBLISHED)
    if revision is not None:
        params.append(revision)
    sql = _published_plan_sql(connection.vendor, revision is not None)
    plan = next(iter(Plan.objects.raw(sql, params)), None)
    if plan is None:
        return None
    values = [getattr(plan, "org_" + name) for name in ORGANIZATION_FIELDS]
    organization = Organization.from_db(plan._state.db, ORGANIZATION_FIELDS, values)
    organization.publish_memos = bool(organization.publish_memos)  # SQLite: 0/1
    plan.organization = organization
    plan.documents_changed = _datetime(plan.documents_changed)
    return plan


@functools.cache
def _published_plan_sql(vendor: str, with_revision: bool) -> str:
    """The statement of `published_plan`, its names taken from the models."""
    quote = connection.ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    documents = (
        "FROM {document} d INNER JOIN {memo} m ON m.{id} = d.{memo_id} "
        "WHERE m.{plan_id} = p.{id} AND m.{status} = %s"
    ).format(
        document=quote(ApprovedDocument._meta.db_table),
        memo=quote(Memo._meta.db_table),
        id=quote("id"),
        memo_id=column(ApprovedDocument, "memo"),
        plan_id=column(Memo, "plan"),
        status=column(Memo, "status"),
    )
    return (
        "SELECT {plan_columns}, {organization_columns}, "
        "(SELECT MAX(d.{created_at}) {documents}) AS documents_changed, "
        "(SELECT COUNT(*) {documents}) AS documents_count "
        "FROM {plan} p INNER JOIN {organization} o ON o.{id} = p.{organization_id} "
        "WHERE o.{slug} = %s AND p.{fiscal_year} = %s AND p.{status} = %s{revision} "
        "ORDER BY p.{revision_column} DESC LIMIT 1"
    ).format(
        plan_columns=", ".join(
            f"p.{quote(f.column)}" for f in Plan._meta.concrete_fields
        ),
        organization_columns=", ".join(
            f"o.{column(Organization, name)} AS {quote('org_' + name)}"
            for name in ORGANIZATION_FIELDS
        ),
        created_at=column(ApprovedDocument, "created_at"),
        documents=documents,
        plan=quote(Plan._meta.db_table),
        organization=quote(Organization._meta.db_table),
        id=quote("id"),
        organization_id=column(Plan, "organization"),
        slug=column(Organization, "slug"),
        fiscal_year=column(Plan, "fiscal_year"),
        status=column(Plan, "status"),
        revision=f" AND p.{column(Plan, 'revision')} = %s" if with_revision else "",
        revision_column=column(Plan, "revision"),
    )


# What the public pages show of an organisation, in the model's field order
# (`Model.from_db` wants it); the other fields load on access.
ORGANIZATION_FIELDS = [
    f.attname
    for f in Organization._meta.concrete_fields
    if f.name in {"id", "name", "slug", "kind", "province", "district", "publish_memos"}
]


def _datetime(value):
    """A datetime from a raw column: PostgreSQL gives one, SQLite gives text
    in UTC."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


def plan_measures(plan: Plan) -> list[Measure]:
    return list(
        plan.measures.select_related("lead_division").prefetch_related(
            Prefetch("divisions", queryset=Division.objects.order_by("name"))
        )
    )


def plan_documents(plan: Plan) -> list[ApprovedDocument]:
    """The approved PDFs of the plan's memos; the memo itself only when the
    organisation chose to publish memos."""
    documents = ApprovedDocument.objects.filter(
        memo__plan=plan, memo__status="approved"
    )
    if not plan.organization.publish_memos:
        documents = documents.filter(~Q(kind=ApprovedDocument.Kind.MEMO))
    return list(documents.order_by("kind"))


def public_document(slug: str, pk: int) -> ApprovedDocument:
    """An approved document of a published plan, as `plan_documents` lists them."""
    document = (
        ApprovedDocument.objects.filter(
            pk=pk,
            memo__organization__slug=slug,
            memo__status="approved",
            memo__plan__status=Plan.Status.PUBLISHED,
        )
        .select_related("memo__organization", "memo__plan")
        .first()
    )
    if document is None or document not in plan_documents(document.memo.plan):
        raise Http404
    return document


def last_change(plan: Plan):
    """When anything the plan's public page shows last changed: the plan (a
    published plan changes only by being published again or replaced by a
    new revision), or the newest of its approved documents."""
    documents = getattr(plan, "documents_changed", None)
    return max(plan.updated_at, documents) if documents else plan.updated_at


def version(plan: Plan) -> str:
    """A short fingerprint of everything the plan's public page shows, taken
    from `published_plan`'s one query: it changes when the plan, its approved
    documents or the organisation's public details (name, place, whether its
    memos are published) change. The ETag and the cached page parts
    (`public.cache`) are keyed by it. Renaming a division is not seen here;
    the cached parts expire after `cache.SECONDS`."""
    organization = plan.organization
    parts = (
        plan.pk,
        last_change(plan).isoformat(),
        getattr(plan, "documents_count", None),
        organization.name,
        organization.slug,
        organization.kind,
        organization.province,
        organization.district,
        organization.publish_memos,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def plan_summary(plan: Plan) -> dict | None:
    """The assessed year's overall score and grade, as the plan's analysis
    was made from."""
    if plan.source_assessment_id is None:
        return None
    from assessments.models import Assessment
    from assessments.services import evaluate

    if Plan.source_assessment.is_cached(plan):  # `published_years` reads it
        assessment = plan.source_assessment
    else:
        assessment = Assessment.objects.select_related("framework").get(
            pk=plan.source_assessment_id
        )

    result = evaluate(assessment).result
    return {
        "fiscal_year": assessment.framework.fiscal_year,
        "overall": str(result.overall) if result.overall is not None else None,
        "grade": result.grade,
    }


def plan_progress(plan: Plan) -> dict[int, dict]:
    """Per measure id: status, result and public evidence as of the latest
    published reporting round (none until a round is published)."""
    return {}


def progress_round_info(plan: Plan) -> dict | None:
    return None
