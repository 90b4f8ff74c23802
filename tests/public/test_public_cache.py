"""The public plan page keeps its payload and body in the cache, per plan
version and language (public/cache.py): a repeat view costs one query, and
whatever the page shows that changes shows at once."""

import hashlib
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reports.models import ApprovedDocument, Memo

pytestmark = pytest.mark.django_db


def plan_url(plan):
    return reverse("public:plan", args=[plan.organization.slug, plan.fiscal_year])


def approved_document(plan, people, kind=ApprovedDocument.Kind.PLAN):
    memo = Memo.objects.create(
        organization=plan.organization,
        kind=Memo.Kind.PLAN,
        plan=plan,
        author=people.staff,
        status=Memo.Status.APPROVED,
        date=date(2023, 1, 5),
        subject="เสนออนุมัติมาตรการ",
        department="สำนักปลัดเทศบาล",
        signer_name="นางมะลิ ภูพรประเสริฐ",
    )
    content = b"%PDF-1.4 approved"
    document = ApprovedDocument(
        memo=memo,
        kind=kind,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    document.file.save("plan.pdf", ContentFile(content), save=False)
    document.save()
    return document


def test_it_serves_a_repeat_view_in_one_query(
    client, published, django_assert_num_queries
):
    first = client.get(plan_url(published))
    with django_assert_num_queries(1):  # the plan: is it still the published one?
        again = client.get(plan_url(published))
    assert again.content == first.content
    with django_assert_num_queries(1):
        data = client.get(plan_url(published) + "?format=json").json()
    assert [m["title"] for m in data["measures"]] == list(
        published.measures.values_list("title", flat=True)
    )


def test_it_shows_a_new_approved_document_at_once(client, published, people):
    page = client.get(plan_url(published))
    document = approved_document(published, people)
    url = reverse("public:document", args=[published.organization.slug, document.pk])
    assertNotContains(page, url)
    assertContains(client.get(plan_url(published)), url)
    data = client.get(plan_url(published) + "?format=json").json()
    assert data["documents"][0]["url"] == "http://testserver" + url
    again = client.get(plan_url(published), HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 200  # the old ETag no longer matches


def test_it_shows_the_organisations_new_name_and_memo_choice_at_once(
    client, published, people, org
):
    memo = approved_document(published, people, kind=ApprovedDocument.Kind.MEMO)
    url = reverse("public:document", args=[org.slug, memo.pk])
    assertNotContains(client.get(plan_url(published)), url)
    org.name = "เทศบาลเมืองคลองพน"
    org.publish_memos = True
    org.save()
    page = client.get(plan_url(published))
    assertContains(page, "เทศบาลเมืองคลองพน")
    assertContains(page, url)


def test_it_keeps_each_language_apart(client, published):
    thai = 'data-label="ผู้รับผิดชอบ"'  # inside the cached body, in every row
    assertContains(client.get(plan_url(published)), thai)
    client.cookies["django_language"] = "en"
    english = client.get(plan_url(published))
    assertContains(english, '<html lang="en">')
    assertContains(english, 'data-label="Responsible divisions"')
    assertNotContains(english, thai)


def test_the_json_links_do_not_leak_into_the_page(client, published, people):
    document = approved_document(published, people)
    client.get(plan_url(published) + "?format=json")  # builds the payload first
    page = client.get(plan_url(published))
    relative = reverse(
        "public:document", args=[published.organization.slug, document.pk]
    )
    assertContains(page, f'href="{relative}"')
    assertNotContains(page, "http://testserver" + relative)


def test_the_plan_lookup_reads_one_row_and_the_rest_on_demand(
    published, org, django_assert_num_queries
):
    from public import queries

    with django_assert_num_queries(1):
        plan = queries.published_plan(org.slug, published.fiscal_year)
        assert plan.pk == published.pk
        assert plan.organization.name == org.name
        assert plan.organization.publish_memos is False
        assert plan.documents_count == 0
        assert queries.last_change(plan) == published.updated_at
    assert plan.organization.memo_prefix == org.memo_prefix  # loaded on access
    assert queries.published_plan(org.slug, published.fiscal_year, 1).pk == plan.pk
    with pytest.raises(Http404):
        queries.published_plan(org.slug, published.fiscal_year, 2)
