"""What the public may see, and only that: published plans (the latest
published revision of a year, or a named one), their approved documents, and
progress as of the latest published reporting round.

Everything public goes through these functions, so the rule “only what is
published” lives here once. The plan page's data is built in a fixed number
of queries whatever the number of measures.
"""

import functools
import hashlib

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

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
    (`public.cache.plan_head`), so it is one query: the plan, the
    organisation's public details (its other fields load on access), and
    for `last_change` and `version` the newest time and the number of the
    plan's approved documents, the time its latest published reporting
    round was published and the time a division of the organisation last
    changed. The assessment is read only when the payload is built."""
    plans = _published_plans().filter(organization__slug=slug, fiscal_year=fiscal_year)
    if revision is not None:
        plans = plans.filter(revision=revision)
    plan = plans.order_by("-revision").first()
    if plan is None:
        raise Http404
    return plan


def published_plans_of_year(fiscal_year: int) -> list[Plan]:
    """Every organisation's plan of `fiscal_year` as its public page shows
    it (`published_plan` without a revision): the latest published revision,
    by organisation name. The national open data is built from these."""
    plans = (
        _published_plans()
        .filter(fiscal_year=fiscal_year)
        .order_by("organization__name", "organization_id", "-revision")
    )
    latest = {}
    for plan in plans:
        latest.setdefault(plan.organization_id, plan)
    return list(latest.values())


def published_fiscal_years() -> list[int]:
    """The fiscal years of which anything is published, newest first."""
    return list(
        Plan.objects.published()
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


# What the public pages show of an organisation; the other fields load on
# access.
ORGANIZATION_FIELDS = ("name", "slug", "kind", "province", "district", "publish_memos")


@functools.cache
def _published_plans():
    """Published plans with what `published_plan` brings along. Built once
    and filtered per lookup (a filter clones it, as a view's `queryset`
    attribute is): building it costs as much as running the query."""
    # The plan's approved documents (of its approved memos).
    documents = (
        ApprovedDocument.objects.filter(
            memo__plan=OuterRef("pk"), memo__status=Memo.Status.APPROVED
        )
        .order_by()
        .values("memo__plan")
    )
    # As `published_round` chooses it (`ReportingRound.objects.public_for`):
    # the year's latest published round of this revision or an earlier one.
    published_round = ReportingRound.objects.filter(
        plan__organization_id=OuterRef("organization_id"),
        plan__fiscal_year=OuterRef("fiscal_year"),
        plan__revision__lte=OuterRef("revision"),
        status=ReportingRound.Status.PUBLISHED,
    ).order_by("-ends_on", "-published_at")
    # When a division of the organisation was last added, renamed or deleted
    # (its history says; the page shows division names).
    division_history = (
        Division.history.model.objects.filter(
            organization_id=OuterRef("organization_id")
        )
        .order_by()
        .values("organization_id")
    )
    return (
        Plan.objects.published()
        .select_related("organization")
        .only(
            *(f.name for f in Plan._meta.concrete_fields),
            *(f"organization__{name}" for name in ORGANIZATION_FIELDS),
        )
        .annotate(
            documents_changed=Subquery(
                documents.annotate(latest=Max("created_at")).values("latest")
            ),
            documents_count=Coalesce(
                Subquery(documents.annotate(count=Count("pk")).values("count")), 0
            ),
            rounds_published=Subquery(published_round.values("published_at")[:1]),
            divisions_changed=Subquery(
                division_history.annotate(latest=Max("history_date")).values("latest")
            ),
        )
    )


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
