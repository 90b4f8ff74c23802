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
from django.db.models import F, Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from measures.models import Evidence, Measure, Plan, ReportingRound
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

    A view of a plan page runs this unless the plan's head is cached
    (`public.cache.plan_head`), so it is one plain SQL statement
    (building the equivalent ORM query took several times longer than
    running it; bench/public_load.py): the plan, the organisation's public
    details, and for `last_change` and `version` the newest time and the
    number of the plan's approved documents, the time its latest published
    reporting round was published and the time a division of the
    organisation last changed. The assessment is read only when the payload
    is built."""
    row = _published_plan_row(slug, fiscal_year, revision)
    if row is None:
        raise Http404
    return row


def _published_plan_row(slug, fiscal_year, revision):
    params = [Memo.Status.APPROVED, Memo.Status.APPROVED]
    params += [ReportingRound.Status.PUBLISHED, slug, fiscal_year]
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
    plan.rounds_published = _datetime(plan.rounds_published)
    plan.divisions_changed = _datetime(plan.divisions_changed)
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
    # As `published_round` chooses it: the year's latest published round of
    # this revision or an earlier one.
    # Bandit B608: names from the models' metadata, quoted; values are parameters.
    published_round = (
        "SELECT r.{published_at} FROM {round} r INNER JOIN {plan} rp "  # nosec B608
        "ON rp.{id} = r.{round_plan} WHERE rp.{organization_id} = p.{organization_id} "
        "AND rp.{fiscal_year} = p.{fiscal_year} AND rp.{revision} <= p.{revision} "
        "AND r.{round_status} = %s "
        "ORDER BY r.{ends_on} DESC, r.{published_at} DESC LIMIT 1"
    ).format(
        published_at=column(ReportingRound, "published_at"),
        round=quote(ReportingRound._meta.db_table),
        plan=quote(Plan._meta.db_table),
        id=quote("id"),
        round_plan=column(ReportingRound, "plan"),
        organization_id=column(Plan, "organization"),
        fiscal_year=column(Plan, "fiscal_year"),
        revision=column(Plan, "revision"),
        round_status=column(ReportingRound, "status"),
        ends_on=column(ReportingRound, "ends_on"),
    )
    # When a division of the organisation was last added, renamed or deleted
    # (its history says; the page shows division names).
    division_history = Division.history.model
    divisions_changed = (
        "SELECT MAX(h.{history_date}) FROM {history} h "  # nosec B608
        "WHERE h.{organization_id} = p.{plan_organization_id}"
    ).format(
        history_date=column(division_history, "history_date"),
        history=quote(division_history._meta.db_table),
        organization_id=column(division_history, "organization"),
        plan_organization_id=column(Plan, "organization"),
    )
    # Bandit B608: names from the models' metadata, quoted; values are parameters.
    return (
        "SELECT {plan_columns}, {organization_columns}, "  # nosec B608
        "(SELECT MAX(d.{created_at}) {documents}) AS documents_changed, "
        "(SELECT COUNT(*) {documents}) AS documents_count, "
        "({published_round}) AS rounds_published, "
        "({divisions_changed}) AS divisions_changed "
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
        published_round=published_round,
        divisions_changed=divisions_changed,
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
    """An aware datetime from a raw column: PostgreSQL gives one, SQLite
    gives text or a naive datetime, in UTC."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def plan_measures(plan: Plan) -> list[Measure]:
    return list(
        plan.measures.select_related("lead_division").prefetch_related(
            Prefetch("divisions", queryset=Division.objects.order_by("name"))
        )
    )


def plan_documents(plan: Plan) -> list[ApprovedDocument]:
    """The approved PDFs of the plan's memos and of the memos reporting the
    year's published progress rounds (the rounds `published_round` chooses
    from); a memo itself only when the organisation chose to publish memos.
    A round's documents need no part in the page's version: they are frozen
    when the round is approved, before it can be published."""
    rounds = ReportingRound.objects.filter(
        plan__organization_id=plan.organization_id,
        plan__fiscal_year=plan.fiscal_year,
        plan__revision__lte=plan.revision,
        status=ReportingRound.Status.PUBLISHED,
    )
    documents = ApprovedDocument.objects.filter(
        Q(memo__plan=plan) | Q(memo__round__in=rounds), memo__status="approved"
    ).select_related("memo__round")
    if not plan.organization.publish_memos:
        documents = documents.filter(~Q(kind=ApprovedDocument.Kind.MEMO))
    # The plan's own documents first, on every database (NULLs sort last on
    # PostgreSQL, first on SQLite), then each round's in date order.
    in_order = F("memo__round__ends_on").asc(nulls_first=True)
    return list(documents.order_by(in_order, "kind"))


def public_document(slug: str, pk: int) -> ApprovedDocument:
    """An approved document as `plan_documents` lists it for one of the
    organisation's published plans."""
    document = (
        ApprovedDocument.objects.filter(
            pk=pk, memo__organization__slug=slug, memo__status="approved"
        )
        .select_related("memo__plan", "memo__round__plan")
        .first()
    )
    if document is None:
        raise Http404
    published = Plan.objects.filter(
        organization__slug=slug,
        fiscal_year=document.memo.fiscal_year,
        status=Plan.Status.PUBLISHED,
    ).select_related("organization")
    if not any(document in plan_documents(plan) for plan in published):
        raise Http404
    return document


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
        "overall": None
        if result.stated_overall is None
        else str(result.stated_overall),
        "grade": result.stated_grade,
    }


def published_round(plan: Plan):
    """The latest published reporting round of the plan's fiscal year, of
    this revision or an earlier one (measures follow their lineage)."""
    if not hasattr(plan, "_published_round"):
        plan._published_round = ReportingRound.objects.public_for(plan)
    return plan._published_round


def plan_progress(plan: Plan) -> dict[int, dict]:
    """Per measure lineage: status, result and public evidence as of the
    latest published reporting round (nothing until a round is published)."""
    round_ = published_round(plan)
    if round_ is None:
        return {}
    entries = list(round_.entries.select_related("measure"))
    evidence = {}
    for item in Evidence.objects.filter(
        update_id__in=[e.update_id for e in entries if e.update_id]
    ).order_by("pk"):
        evidence.setdefault(item.update_id, []).append(
            {
                "name": item.original_name,
                "url": reverse("measures:evidence", args=[item.pk]),
                "type": item.content_type,
            }
        )
    return {
        entry.measure.lineage_root_id: {
            "status": entry.status,
            "status_label": entry.get_status_display(),
            "result": entry.result,
            "reported_on": entry.reported_on,
            "links": entry.links,
            "evidence": evidence.get(entry.update_id, []),
        }
        for entry in entries
    }


def progress_round_info(plan: Plan) -> dict | None:
    round_ = published_round(plan)
    if round_ is None:
        return None
    return {
        "name": round_.label(),
        "period": round_.period,
        "starts_on": round_.starts_on.isoformat(),
        "ends_on": round_.ends_on.isoformat(),
        "published_at": round_.published_at.isoformat()
        if round_.published_at
        else None,
    }


def last_change(plan: Plan):
    """When anything the plan's public page shows last changed: the plan (a
    published plan changes only by being published again or replaced by a
    new revision), the newest of its approved documents, the newest
    published reporting round of its year, or the organisation's divisions.
    A plan from `published_plan` brings the last three with it; any other
    costs a query (and leaves the divisions out)."""
    if not hasattr(plan, "rounds_published"):
        round_ = published_round(plan)
        plan.rounds_published = round_.published_at if round_ is not None else None
    changes = [
        plan.updated_at,
        getattr(plan, "documents_changed", None),
        plan.rounds_published,
        getattr(plan, "divisions_changed", None),
    ]
    return max(c for c in changes if c is not None)


def version(plan: Plan) -> str:
    """A short fingerprint of everything the plan's public page shows, from
    `published_plan`'s one query: it changes when the plan, its approved
    documents, its published progress, the organisation's public details
    (name, place, whether its memos are published) or its divisions (a name
    changed, one deleted: their history says when) change. The ETag and the
    cached page and payload (`public.cache`) are keyed by it; it is worked
    out once per plan object and kept on it (and with it in the cache)."""
    if not hasattr(plan, "_public_version"):
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
        plan._public_version = hashlib.sha256(repr(parts).encode()).hexdigest()[:20]
    return plan._public_version
