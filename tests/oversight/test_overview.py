"""The overview: scope, what a draft shows, filters, sorting, the export,
and a constant number of queries."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils.http import urlencode
from pytest_django.asserts import assertContains, assertNotContains

from oversight import selectors, services
from oversight.models import Grant
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

URL = reverse("oversight:overview")


def export(client, **filters):
    """The overseer's export as the page asks for it (a POST with the
    filters in the query string), followed to the workbook."""
    url = reverse("oversight:export") + "?" + urlencode(filters)
    return client.post(url, follow=True)


def names(response):
    return [r.name for r in response.context["page"]]


def test_a_province_overseer_never_sees_another_province(
    client, ubon_orgs, province_overseer
):
    client.force_login(province_overseer)
    page = client.get(URL)
    assert sorted(names(page)) == sorted(
        [ubon_orgs["city"].name, ubon_orgs["sao"].name]
    )
    assertNotContains(page, ubon_orgs["krabi"].name)


def test_a_district_overseer_never_sees_the_other_districts(
    client, ubon_orgs, district_overseer
):
    client.force_login(district_overseer)
    assert names(client.get(URL)) == [ubon_orgs["sao"].name]
    xlsx = export(client)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ubon_orgs["sao"].name
    ]


def test_a_list_overseer_sees_only_the_list(client, ubon_orgs):
    from tests.factories import UserFactory

    user = UserFactory(username="list-overseer")
    services.grant_create(
        user=user, scope=Grant.Scope.LIST, organizations=[ubon_orgs["krabi"]], by=None
    )
    client.force_login(user)
    assert names(client.get(URL)) == [ubon_orgs["krabi"].name]


def test_a_user_who_oversees_nothing_is_refused(client, people):
    client.force_login(people.staff)
    assert client.get(URL).status_code == 403
    assert client.post(reverse("oversight:export")).status_code == 403
    assert client.get(reverse("oversight:export")).status_code == 405


def test_a_draft_shows_as_its_status_never_its_content(client, plan, org, settings):
    org.province, org.district = "อุบลราชธานี", "เมือง"
    org.save()
    from tests.factories import UserFactory

    user = UserFactory(username="ov")
    services.grant_create(user=user, scope="province", province="อุบลราชธานี", by=None)
    client.force_login(user)
    page = client.get(URL, {"fiscal_year": plan.fiscal_year})
    assertContains(page, "อยู่ระหว่างจัดทำ")
    measure = plan.measures.first()
    for secret in [plan.title, measure.title, plan.analysis.first().text[:40]]:
        assertNotContains(page, secret)
    xlsx = export(client, fiscal_year=plan.fiscal_year)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(c) for row in book.iter_rows(values_only=True) for c in row if c]
    assert "อยู่ระหว่างจัดทำ" in cells
    assert not any(plan.title in c or measure.title in c for c in cells)
    # And the office's own pages answer the overseer as an outsider.
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_the_published_plan_shows_score_grade_status_and_link(
    client, published, org, people
):
    org.province = "อุบลราชธานี"
    org.save()
    from tests.factories import UserFactory

    user = UserFactory(username="ov")
    services.grant_create(user=user, scope="province", province="อุบลราชธานี", by=None)
    rows = selectors.overview(user, published.fiscal_year)
    (row,) = rows
    assert row.plan_status == "published"
    assert str(row.score) == "96.62"
    assert row.grade
    assert row.public_url == reverse("public:plan", args=[org.slug, 2566])
    assert row.measures["total"] == published.measures.count()
    assert row.measures["not_started"] == row.measures["total"]


def test_late_against_the_deadline_and_the_filters(
    client, ubon_orgs, province_overseer
):
    services.deadline_set(
        user=province_overseer,
        fiscal_year=2568,
        due_on=date(2024, 12, 31),
        by=province_overseer,
    )
    client.force_login(province_overseer)
    # Neither office has a plan and the deadline has passed: both late.
    page = client.get(URL, {"fiscal_year": 2568, "late": "on"})
    assert len(names(page)) == 2
    assert names(client.get(URL, {"fiscal_year": 2568, "kind": "sao"})) == [
        ubon_orgs["sao"].name
    ]
    assert names(
        client.get(URL, {"fiscal_year": 2568, "district": "เมืองอุบลราชธานี"})
    ) == [ubon_orgs["city"].name]
    assert names(client.get(URL, {"fiscal_year": 2568, "q": "วาริน"})) == [
        ubon_orgs["sao"].name
    ]
    assert names(client.get(URL, {"fiscal_year": 2568, "plan": "published"})) == []
    assert names(client.get(URL, {"fiscal_year": 2568, "grade": "AA"})) == []
    assert names(client.get(URL, {"fiscal_year": 2568, "sort": "-name"})) == sorted(
        [ubon_orgs["city"].name, ubon_orgs["sao"].name], reverse=True
    )
    # Before a deadline nobody is late.
    assert names(client.get(URL, {"fiscal_year": 2569, "late": "on"})) == []


def test_the_export_has_the_pages_columns_with_thai_headers(
    client, ubon_orgs, province_overseer
):
    client.force_login(province_overseer)
    response = export(client, kind="city")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == (
        "หน่วยงาน",
        "ประเภท",
        "อำเภอ",
        "คะแนน ITA",
        "ระดับ",
        "เปลี่ยนจากปีก่อน",
        "สถานะแผน (O42)",
        "วันที่",
        "ล่าช้า",
    )
    assert "รายงานผล (O43)" in rows[0] and "เกินกำหนด" in rows[0]
    assert [r[0] for r in rows[1:]] == [ubon_orgs["city"].name]
    assert rows[1][1] == "เทศบาลนคร" and rows[1][6] == "ยังไม่มีแผน"


@pytest.mark.parametrize("n", [5, 50])
def test_the_overview_runs_a_constant_number_of_queries(
    client, province_overseer, published, org, n, django_assert_max_num_queries
):
    org.province = "อุบลราชธานี"
    org.save()
    for i in range(n):
        OrganizationFactory(province="อุบลราชธานี", district=f"อำเภอ{i % 3}")
    client.force_login(province_overseer)
    client.get(URL)  # warm the framework's cache
    with django_assert_max_num_queries(23):
        page = client.get(URL, {"fiscal_year": 2566})
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == min(n + 1, 50)


def test_a_reminder_mails_the_late_offices_staff_and_is_recorded(
    client, ubon_orgs, province_overseer, django_capture_on_commit_callbacks, mailoutbox
):
    from oversight.models import Reminder
    from tests.factories import MembershipFactory

    MembershipFactory(
        organization=ubon_orgs["sao"], user__email="sao-staff@example.org"
    )
    MembershipFactory(organization=ubon_orgs["city"], user__email="city@example.org")
    services.deadline_set(
        user=province_overseer, fiscal_year=2568, due_on=date(2024, 12, 31), by=None
    )
    client.force_login(province_overseer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("oversight:remind"),
            {
                "fiscal_year": "2568",
                "organizations": [ubon_orgs["sao"].pk, ubon_orgs["krabi"].pk],
            },
        )
    assert response.status_code == 302
    # กระบี่ is not in the scope: refused, nothing sent.
    assert Reminder.objects.count() == 0 and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("oversight:remind"),
            {"fiscal_year": "2568", "organizations": [ubon_orgs["sao"].pk]},
        )
    (reminder,) = Reminder.objects.all()
    assert reminder.sent_by == province_overseer and reminder.recipients == 1
    assert [m.to for m in mailoutbox] == [["sao-staff@example.org"]]
    assert "31 ธันวาคม 2567" in mailoutbox[0].body
    assert ubon_orgs["sao"].name in mailoutbox[0].body


def test_a_rescored_assessment_shows_its_new_score(published, org, assessment):
    from assessments import services as scores
    from tests.factories import UserFactory

    org.province = "อุบลราชธานี"
    org.save()
    user = UserFactory(username="ov")
    services.grant_create(user=user, scope="province", province="อุบลราชธานี", by=None)
    (before,) = selectors.overview(user, 2566)  # computed, then kept
    scores.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators={n: Decimal("50.00") for n in range(1, 11)},
    )
    (after,) = selectors.overview(user, 2566)
    assert str(before.score) == "96.62" and after.score == Decimal("50.00")
