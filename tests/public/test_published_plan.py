"""Which plan `public.queries.published_plan` finds at an address, and what
it brings along for the page's version (`last_change`, `version`): the
year's latest published revision or the named one, 404 for anything else."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from measures import services
from measures.models import Plan, ReportingRound
from organizations.models import Division
from public import queries
from reports.models import ApprovedDocument, Memo

pytestmark = pytest.mark.django_db


def revise(plan, people, status=Plan.Status.PUBLISHED):
    """Revision N+1 of `plan`, taken as far as `status`."""
    draft = services.plan_revise(plan=plan, by=people.staff)
    if status == Plan.Status.DRAFT:
        return draft
    services.plan_submit(plan=draft, by=people.staff)
    if status == Plan.Status.SUBMITTED:
        return Plan.objects.get(pk=draft.pk)
    services.plan_approve(plan=draft, by=people.mayor)
    if status == Plan.Status.APPROVED:
        return Plan.objects.get(pk=draft.pk)
    services.plan_publish(plan=draft, by=people.staff)
    return Plan.objects.get(pk=draft.pk)


def document(plan, people, *, status=Memo.Status.APPROVED, name="plan.pdf"):
    memo = Memo.objects.create(
        organization=plan.organization,
        kind=Memo.Kind.PLAN,
        plan=plan,
        author=people.staff,
        status=status,
        date=date(2023, 1, 5),
        subject="เสนออนุมัติมาตรการ",
        department="สำนักปลัดเทศบาล",
        signer_name="นางมะลิ ภูพรประเสริฐ",
    )
    content = f"%PDF-1.4 {name}".encode()
    approved = ApprovedDocument(
        memo=memo,
        kind=ApprovedDocument.Kind.PLAN,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    approved.file.save(name, ContentFile(content), save=False)
    approved.save()
    return approved


def a_round(plan, period, status=ReportingRound.Status.PUBLISHED, published_at=None):
    starts_on, ends_on = ReportingRound.period_bounds(plan.fiscal_year, period)
    return ReportingRound.objects.create(
        plan=plan,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        published_at=published_at,
    )


def find(plan, revision=None):
    return queries.published_plan(
        plan.organization.slug, plan.fiscal_year, revision=revision
    )


def test_the_latest_published_revision_wins_and_the_older_keeps_its_permalink(
    client, published, people
):
    second = revise(published, people)
    assert find(published).pk == second.pk
    assert find(published, 2).pk == second.pk
    old = find(published, 1)  # superseded, still published: its permalink works
    assert old.pk == published.pk
    assert old.revision == 1
    permalink = reverse(
        "public:plan_revision",
        args=[published.organization.slug, published.fiscal_year, 1],
    )
    assert client.get(permalink).status_code == 200


@pytest.mark.parametrize(
    "status", [Plan.Status.DRAFT, Plan.Status.SUBMITTED, Plan.Status.APPROVED]
)
def test_a_newer_unpublished_revision_hides_nothing_and_is_404(
    published, people, status
):
    newer = revise(published, people, status)
    assert newer.status == status
    assert find(published).pk == published.pk
    assert find(published, 1).pk == published.pk
    with pytest.raises(Http404):
        find(published, 2)


def test_a_revision_that_does_not_exist_is_404(published):
    with pytest.raises(Http404):
        find(published, 3)


def test_other_years_organisations_and_addresses_are_404(
    published, people, org, other_org
):
    with pytest.raises(Http404):
        queries.published_plan(org.slug, published.fiscal_year + 1)
    with pytest.raises(Http404):
        queries.published_plan(org.slug, published.fiscal_year - 1, 1)
    with pytest.raises(Http404):
        queries.published_plan("no-such-organisation", published.fiscal_year)
    # Another organisation's plan of the same year is found at its own
    # address only.
    with pytest.raises(Http404):
        queries.published_plan(other_org.slug, published.fiscal_year)
    theirs = Plan.objects.create(
        organization=other_org,
        fiscal_year=published.fiscal_year,
        revision=2,
        title="แผนของหน่วยงานอื่น",
        status=Plan.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    assert queries.published_plan(other_org.slug, published.fiscal_year).pk == (
        theirs.pk
    )
    assert find(published).pk == published.pk
    with pytest.raises(Http404):
        find(published, 2)


def test_the_plan_comes_whole_and_the_organisation_in_part(published, org):
    plan = find(published)
    assert plan.get_deferred_fields() == set()
    assert plan.title == published.title
    assert plan.updated_at == published.updated_at
    loaded = {"id", "name", "slug", "kind", "province", "district", "publish_memos"}
    others = {f.attname for f in type(org)._meta.concrete_fields} - loaded
    assert plan.organization.get_deferred_fields() == others
    assert plan.organization.pk == org.pk
    assert plan.organization.publish_memos is False


def test_it_counts_the_plans_own_approved_documents_only(published, people):
    assert find(published).documents_count == 0
    assert find(published).documents_changed is None
    first = document(published, people, name="one.pdf")
    second = document(published, people, name="two.pdf")
    ApprovedDocument.objects.filter(pk=first.pk).update(
        created_at=second.created_at + timedelta(hours=1)
    )
    document(published, people, status=Memo.Status.PENDING, name="pending.pdf")
    newer = revise(published, people)
    document(newer, people, name="newer.pdf")

    plan = find(published, 1)
    assert plan.documents_count == 2
    assert plan.documents_changed == second.created_at + timedelta(hours=1)
    assert timezone.is_aware(plan.documents_changed)
    assert find(published).documents_count == 1


def test_it_brings_when_the_round_the_page_shows_was_published(published, people):
    assert find(published).rounds_published is None
    now = timezone.now().replace(microsecond=0)
    # The year's latest round by its end, not by when it was published.
    a_round(published, "q1", published_at=now - timedelta(days=1))
    half = a_round(published, "half", published_at=now - timedelta(days=3))
    a_round(published, "year", status=ReportingRound.Status.APPROVED)
    assert find(published).rounds_published == half.published_at
    assert timezone.is_aware(find(published).rounds_published)

    # A later revision's round counts for that revision only; an earlier
    # revision's counts for the later ones.
    second = revise(published, people)
    assert find(published).rounds_published == half.published_at
    q3 = a_round(second, "q3", published_at=now - timedelta(days=5))
    assert find(published).pk == second.pk
    assert find(published).rounds_published == q3.published_at
    assert find(published, 1).rounds_published == half.published_at
    for plan in (find(published), find(published, 1)):
        round_ = ReportingRound.objects.public_for(plan)
        assert plan.rounds_published == round_.published_at
        changes = (plan.updated_at, round_.published_at, plan.divisions_changed)
        assert queries.last_change(plan) == max(changes)


def test_it_brings_when_the_organisations_divisions_last_changed(
    published, org, other_org, division_a
):
    history = Division.history.model
    latest = history.objects.filter(organization=org).latest("history_date")
    plan = find(published)
    assert plan.divisions_changed == latest.history_date
    assert timezone.is_aware(plan.divisions_changed)

    later = latest.history_date + timedelta(days=1)
    Division.objects.create(organization=other_org, name="กองอื่น")
    history.objects.filter(organization=other_org).update(history_date=later)
    assert find(published).divisions_changed == latest.history_date

    division_a.name = "กองคลังและพัสดุ"
    division_a.save()
    renamed = history.objects.filter(organization=org).latest("history_date")
    assert renamed.history_date > latest.history_date
    assert find(published).divisions_changed == renamed.history_date
