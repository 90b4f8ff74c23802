"""What the public may see, and only that: published plans (the latest
published revision of a year, or a named one), their approved documents, and
progress as of the latest published reporting round.

Everything public goes through these functions, so the rule “only what is
published” lives here once. The plan page's data is built in a fixed number
of queries whatever the number of measures.
"""

from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse

from measures.models import Evidence, Measure, Plan, ReportingRound
from organizations.models import Division, Organization
from reports.models import ApprovedDocument


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
    anything not published."""
    plans = Plan.objects.published().filter(
        organization__slug=slug, fiscal_year=fiscal_year
    )
    if revision is not None:
        plans = plans.filter(revision=revision)
    plan = (
        plans.select_related("organization", "source_assessment__framework")
        .order_by("-revision")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


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


def plan_summary(plan: Plan) -> dict | None:
    """The assessed year's overall score and grade, as the plan's analysis
    was made from."""
    assessment = plan.source_assessment
    if assessment is None:
        return None
    from assessments.services import evaluate

    result = evaluate(assessment).result
    return {
        "fiscal_year": assessment.framework.fiscal_year,
        "overall": str(result.overall) if result.overall is not None else None,
        "grade": result.grade,
    }


def published_round(plan: Plan):
    """The latest published reporting round of the plan's fiscal year, of
    this revision or an earlier one (measures follow their lineage)."""
    if not hasattr(plan, "_published_round"):
        plan._published_round = (
            ReportingRound.objects.filter(
                plan__organization_id=plan.organization_id,
                plan__fiscal_year=plan.fiscal_year,
                plan__revision__lte=plan.revision,
                status=ReportingRound.Status.PUBLISHED,
            )
            .order_by("-ends_on", "-published_at")
            .first()
        )
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
    """When anything the plan's public page shows last changed."""
    round_ = published_round(plan)
    if round_ is not None and round_.published_at:
        return max(plan.updated_at, round_.published_at)
    return plan.updated_at
