"""The public pages: anyone reads what is published, nothing else."""

import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from measures import services
from measures.models import Measure
from reports import services as memos
from reports.models import ApprovedDocument

pytestmark = pytest.mark.django_db


def plan_url(plan, **kwargs):
    return reverse("public:plan", args=[plan.organization.slug, plan.fiscal_year])


def test_anyone_finds_a_published_plan_in_three_clicks(client, published, org):
    directory = client.get(reverse("public:directory"))
    assertContains(directory, org.name)
    organization = client.get(reverse("public:organization", args=[org.slug]))
    assertContains(organization, plan_url(published))
    assertContains(organization, "96.62")
    page = client.get(plan_url(published))
    assert page.status_code == 200
    for measure in published.measures.all():
        assertContains(page, measure.title)
    assertContains(page, '<html lang="th">', html=False)
    assertContains(page, f'property="og:title" content="{org.name}')


def test_the_directory_searches_and_filters(client, published, org, other_org):
    org.province = "กระบี่"
    org.save()
    assertContains(client.get(reverse("public:directory"), {"q": "คลองพน"}), org.name)
    assertNotContains(
        client.get(reverse("public:directory"), {"q": "ไม่มีชื่อนี้"}), org.name
    )
    assertContains(
        client.get(reverse("public:directory"), {"province": "กระบี่"}), org.name
    )
    assertNotContains(
        client.get(reverse("public:directory"), {"kind": "pao"}), org.name
    )
    assertNotContains(client.get(reverse("public:directory")), other_org.name)


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_nothing_unpublished_is_reachable(client, plan, people, org, status):
    if status != "draft":
        services.plan_submit(plan=plan, by=people.staff)
    if status == "approved":
        services.plan_approve(plan=plan, by=people.mayor)
    assert client.get(plan_url(plan)).status_code == 404
    assert client.get(plan_url(plan) + "?format=json").status_code == 404
    json_url = reverse("public:plan_json", args=[org.slug, plan.fiscal_year])
    assert client.get(json_url).status_code == 404
    revision = reverse("public:plan_revision", args=[org.slug, plan.fiscal_year, 1])
    assert client.get(revision).status_code == 404
    assert (
        client.get(reverse("public:organization", args=[org.slug])).status_code == 404
    )
    assertNotContains(client.get(reverse("public:directory")), org.name)


def test_a_new_revision_stays_private_until_published(client, published, people):
    draft = services.plan_revise(plan=published, by=people.staff)
    measure = draft.measures.first()
    measure.title = "มาตรการที่แก้ในฉบับใหม่"
    services.measure_save(
        measure=measure,
        divisions=list(measure.divisions.all()),
        answers=list(measure.answers.all()),
    )
    page = client.get(plan_url(published))
    assertNotContains(page, "มาตรการที่แก้ในฉบับใหม่")
    args = [published.organization.slug, published.fiscal_year]
    assert (
        client.get(reverse("public:plan_revision", args=[*args, 2])).status_code == 404
    )

    services.plan_submit(plan=draft, by=people.staff)
    services.plan_approve(plan=draft, by=people.mayor)
    services.plan_publish(plan=draft, by=people.staff)
    assertContains(client.get(plan_url(published)), "มาตรการที่แก้ในฉบับใหม่")
    old = client.get(reverse("public:plan_revision", args=[*args, 1]))
    assertNotContains(old, "มาตรการที่แก้ในฉบับใหม่")
    assertContains(old, published.measures.first().title)


def test_the_json_says_what_the_page_says(client, published):
    page = client.get(plan_url(published))
    data = client.get(plan_url(published) + "?format=json").json()
    same = client.get(
        reverse(
            "public:plan_json",
            args=[published.organization.slug, published.fiscal_year],
        )
    )
    assert same.json() == data
    assert data["fiscal_year"] == 2566
    assert data["organization"]["slug"] == "klongphon"
    assert data["approved_at"] == published.approved_at.isoformat()
    assert [m["title"] for m in data["measures"]] == list(
        published.measures.values_list("title", flat=True)
    )
    for measure in data["measures"]:
        assertContains(page, measure["title"])
        assertContains(page, measure["timeframe"])
    assert "ต่ำสุด" in " ".join(data["analysis"])


def test_the_page_is_cheap_to_serve_again(client, published):
    url = plan_url(published)
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "csrftoken" not in first.cookies


def test_the_plan_page_runs_a_fixed_number_of_queries(
    client, published, django_assert_num_queries
):
    url = plan_url(published)
    client.get(url)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the page as built, not as cached (test_public_cache.py)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(20):
        copy = published.measures.first()
        divisions = list(copy.divisions.all())
        copy.pk = None
        copy.title = f"มาตรการเพิ่มที่ {n}"
        copy.order = 100 + n
        copy.save()
        copy.divisions.set(divisions)
    cache.clear()
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(url)
    assertContains(page, "มาตรการเพิ่มที่ 19")
    assert Measure.objects.filter(plan=published).count() > 20


def test_approved_documents_are_public_but_the_memo_only_when_chosen(
    client, plan, people, org
):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    document = ApprovedDocument.objects.get(kind="memo")
    url = reverse("public:document", args=[org.slug, document.pk])
    assert client.get(url).status_code == 404  # the plan is not published yet

    plan.refresh_from_db()
    services.plan_publish(plan=plan, by=people.staff)
    assert client.get(url).status_code == 404  # memos are not published by default
    assertNotContains(client.get(plan_url(plan)), url)

    org.publish_memos = True
    org.save()
    page = client.get(plan_url(plan))
    assertContains(page, url)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == document.file.open("rb").read()


def test_json_is_open_data(client, published):
    response = client.get(plan_url(published) + "?format=json")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    text = response.content.decode()
    assert "มาตรการ" in text  # Thai as text, not \\u escapes
    json.loads(text)


def test_statuses_appear_only_once_the_round_is_published(
    client, published, people, settings
):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from measures import services

    measure = published.measures.first()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    update = services.progress_update_create(
        measure=measure,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result="ประกาศเจตนารมณ์แล้ว เมื่อวันที่ 1 มีนาคม 2566",
        files=[SimpleUploadedFile("ประกาศ.pdf", pdf)],
    )
    evidence = update.evidence.get()
    round_ = services.round_open(plan=published, period="half", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 2))

    url = plan_url(published)
    page = client.get(url)
    assertNotContains(page, "ประกาศเจตนารมณ์แล้ว")
    evidence_url = reverse("measures:evidence", args=[evidence.pk])
    assert client.get(evidence_url).status_code in (302, 404)

    services.round_approve(round_=round_, by=people.mayor)
    services.round_publish(round_=round_, by=people.staff)
    page = client.get(url)
    assertContains(page, "ประกาศเจตนารมณ์แล้ว")
    assertContains(page, "ดำเนินการแล้ว")
    assertContains(page, evidence_url)
    data = client.get(url + "?format=json").json()
    first = data["measures"][0]
    assert (first["status"], first["reported_on"]) == ("done", "2023-03-01")
    assert first["evidence"][0]["name"] == "ประกาศ.pdf"
    assert data["progress_round"]["ends_on"] == "2023-03-31"
    assert client.get(evidence_url).status_code == 200

    # A later update does not show until a later round is published.
    services.progress_update_create(
        measure=measure,
        by=people.staff,
        status="in_progress",
        result="ข้อความที่ยังไม่เผยแพร่",
        seen_latest_id=update.pk,
    )
    assertNotContains(client.get(url), "ข้อความที่ยังไม่เผยแพร่")


def test_the_progress_report_is_public_once_its_round_is_published(
    client, published, people, org
):
    from datetime import date

    from measures import services

    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )
    round_ = services.round_open(plan=published, period="half", by=people.staff)
    round_ = services.round_close(
        round_=round_, by=people.staff, today=date(2023, 4, 2)
    )
    memo = memos.memo_draft_for_round(round_=round_, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    report = ApprovedDocument.objects.get(memo=memo, kind="progress")
    url = reverse("public:document", args=[org.slug, report.pk])
    assert client.get(url).status_code == 404  # approved, not yet published
    assertNotContains(client.get(plan_url(published)), url)

    round_.refresh_from_db()
    services.round_publish(round_=round_, by=people.staff)
    page = client.get(plan_url(published))
    assertContains(page, url)
    assertContains(page, "รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('progress-2566.pdf"')
    memo_pdf = ApprovedDocument.objects.get(memo=memo, kind="memo")
    memo_url = reverse("public:document", args=[org.slug, memo_pdf.pk])
    assert client.get(memo_url).status_code == 404  # memos only when chosen


def test_the_page_and_the_json_give_each_measures_theme(client, plan, people):
    theme = "(2) การให้บริการและระบบ E-Service"
    measure = plan.measures.order_by("order").first()
    measure.theme = theme
    measure.save()
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    published = services.plan_publish(plan=plan, by=people.staff)

    data = client.get(plan_url(published) + "?format=json").json()
    assert [m["theme"] for m in data["measures"]] == [theme, "", ""]
    page = client.get(plan_url(published))
    assertContains(page, theme, count=1)


def test_the_page_prints_who_and_when_in_the_offices_words(client, plan, people):
    """As the PDF does: the responsible cell and the timeframe as typed."""
    typed, plain = plan.measures.order_by("order", "pk")[:2]
    typed.responsible_text = "กองคลัง ทุกสำนัก/กอง"
    typed.timeframe_text = "ต.ค.- มี.ค.66"
    typed.full_clean()
    typed.save()
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    services.plan_publish(plan=plan, by=people.staff)

    page = client.get(plan_url(plan))
    responsible = '<td data-label="ผู้รับผิดชอบ" data-testid="responsible">{}</td>'
    timeframe = '<td data-label="ระยะเวลา" data-testid="timeframe">{}</td>'
    assertContains(page, responsible.format("กองคลัง ทุกสำนัก/กอง"), html=True)
    assertContains(page, timeframe.format("ต.ค.- มี.ค.66"), html=True)
    assert typed.timeframe_range_label() != typed.timeframe_text
    assertNotContains(page, typed.timeframe_range_label())
    # A measure without the office's words names its divisions.
    names = ", ".join(d.name for d in plain.divisions.order_by("name"))
    assertContains(
        page, responsible.format(names or plain.lead_division.name), html=True
    )
    data = client.get(plan_url(plan) + "?format=json").json()
    shown = {m["title"]: m for m in data["measures"]}
    assert shown[typed.title]["responsible_text"] == "กองคลัง ทุกสำนัก/กอง"
    assert shown[typed.title]["timeframe"] == "ต.ค.- มี.ค.66"
    assert shown[typed.title]["timeframe_start"] == "2022-10-01"
    assert shown[plain.title]["responsible_text"] == ""
