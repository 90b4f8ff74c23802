from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from assessments import services
from assessments.models import Assessment, IndicatorScore, ItemResult
from assessments.scoring import MISMATCH_OVERALL, ItemEntry
from ita_portal.forms import SCORE_OUT_OF_RANGE

from .seeds import CHAEMAE_2564, NONGPHAILOM_2565

pytestmark = pytest.mark.django_db


def indicator_post(scores, **extra):
    data = {f"ind_{n}": str(v) for n, v in scores.items()}
    data.update(extra)
    return data


def test_staff_create_an_assessment_and_enter_indicator_scores_in_thai_digits(
    login, people, org
):
    client = login(people.staff)
    response = client.post(reverse("assessments:add"), {"fiscal_year": 2565})
    assessment = Assessment.objects.get(organization=org)
    assert response.url == reverse(
        "assessments:edit", args=[assessment.pk, "indicators"]
    )

    thai = {n: str(v).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
            for n, v in NONGPHAILOM_2565.items()}  # fmt: skip
    response = client.post(
        reverse("assessments:edit", args=[assessment.pk, "indicators"]),
        indicator_post(thai, reported_overall="๙๖.๖๒", reported_grade="aa"),
    )
    assert response.status_code == 302
    page = client.get(assessment.get_absolute_url())
    assertContains(page, "96.62")
    assertContains(page, "ระดับ AA")
    assert IndicatorScore.objects.filter(assessment=assessment).count() == 10


def test_a_bad_score_is_shown_at_its_field_and_nothing_is_saved(
    login, people, assessment_2565
):
    client = login(people.staff)
    before = list(
        IndicatorScore.objects.filter(assessment=assessment_2565).values_list(
            "indicator__number", "score"
        )
    )
    data = indicator_post({**NONGPHAILOM_2565, 1: "50", 2: "105", 3: "abc"})
    response = client.post(
        reverse("assessments:edit", args=[assessment_2565.pk, "indicators"]), data
    )
    assert response.status_code == 200
    assertContains(response, str(SCORE_OUT_OF_RANGE))
    assertContains(response, "กรุณากรอกตัวเลข")
    assertContains(response, 'value="abc"')  # what was typed is kept
    after = list(
        IndicatorScore.objects.filter(assessment=assessment_2565).values_list(
            "indicator__number", "score"
        )
    )
    assert after == before


def test_oit_items_are_entered_as_pass_or_fail_with_the_assessors_note(
    login, people, assessment_2565
):
    client = login(people.staff)
    response = client.post(
        reverse("assessments:edit", args=[assessment_2565.pk, "oit"]),
        {"oit_O24": "fail", "note_O24": "ยังไม่มีรายงาน", "oit_O1": "pass"},
    )
    assert response.status_code == 302
    results = dict(
        ItemResult.objects.filter(assessment=assessment_2565).values_list(
            "item__code", "passed"
        )
    )
    assert results == {"O24": False, "O1": True}
    assert ItemResult.objects.get(item__code="O24").note == "ยังไม่มีรายงาน"


def test_the_reported_score_mismatch_is_shown_to_staff(login, people, org):
    assessment = services.assessment_create(organization=org, fiscal_year=2564, by=None)
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=CHAEMAE_2564,
        reported_overall=Decimal("78.77"),
        reported_grade="B",
    )
    page = login(people.staff).get(assessment.get_absolute_url())
    assertContains(page, "78.85")
    assertContains(
        page, str(MISMATCH_OVERALL).format(computed="78.85", reported="78.77")
    )


@pytest.mark.parametrize("persona", ["head_a", "palad", "mayor"])
def test_other_roles_may_read_but_not_edit_scores(
    login, people, persona, assessment_2565
):
    client = login(getattr(people, persona))
    assert client.get(assessment_2565.get_absolute_url()).status_code == 200
    url = reverse("assessments:edit", args=[assessment_2565.pk, "indicators"])
    assert client.get(url).status_code == 403
    assert client.post(url, indicator_post({1: "10"})).status_code == 403
    assert (
        client.get(reverse("assessments:import", args=[assessment_2565.pk])).status_code
        == 403
    )
    assert client.get(reverse("assessments:add")).status_code == 403
    score = IndicatorScore.objects.get(assessment=assessment_2565, indicator__number=1)
    assert score.score == Decimal("93.85")


def test_another_organizations_assessment_is_not_found(login, people, assessment_2565):
    client = login(people.outsider)
    for name in ("detail", "analysis", "what_if", "export"):
        url = reverse(f"assessments:{name}", args=[assessment_2565.pk])
        assert client.get(url).status_code == 404, name
    url = reverse("assessments:edit", args=[assessment_2565.pk, "indicators"])
    assert client.post(url, indicator_post({1: "10"})).status_code == 404


def test_anonymous_users_are_sent_to_login(client, assessment_2565):
    response = client.get(assessment_2565.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_analysis_ranks_indicators_and_names_the_failed_item(
    login, people, assessment_2565
):
    page = login(people.staff).get(
        reverse("assessments:analysis", args=[assessment_2565.pk])
    )
    analysis = page.context["analysis"]
    assert [r.number for r in analysis.ranked] == [10, 7, 8, 6, 9, 1, 3, 4, 5, 2]
    assert (analysis.highest.number, analysis.lowest.number) == (10, 2)
    assert [
        r.number for _i, lowest in analysis.lowest_per_instrument for r in lowest
    ] == [2, 6, 9]
    assertContains(page, "O24")
    assertContains(page, "ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง")
    assertContains(page, "มีผลคะแนน 96.62 คะแนน อยู่ในระดับ AA")


def test_the_analysis_shows_the_change_from_the_year_before(
    login, people, org, assessment_2565
):
    before = services.assessment_create(organization=org, fiscal_year=2564, by=None)
    services.assessment_set_scores(assessment=before, by=None, indicators=CHAEMAE_2564)
    page = login(people.staff).get(
        reverse("assessments:analysis", args=[assessment_2565.pk])
    )
    by_number = {r.number: r for r in page.context["analysis"].ranked}
    assert by_number[7].change == Decimal("98.52") - Decimal("49.73")
    assertContains(page, "+48.79")


def test_the_analysis_query_count_does_not_grow_with_the_items(
    login, people, assessment_2565
):
    client = login(people.staff)
    url = reverse("assessments:analysis", args=[assessment_2565.pk])
    client.get(url)  # warm the framework cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    services.assessment_set_scores(
        assessment=assessment_2565,
        by=None,
        items={
            f"O{n}": ItemEntry(passed=n % 3 != 0, note="หมายเหตุ") for n in range(1, 41)
        },
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_what_if_answers_at_once_with_the_new_score(login, people, assessment_2565):
    client = login(people.staff)
    url = reverse("assessments:what_if", args=[assessment_2565.pk])
    response = client.get(url, {"t_2": "50"}, HTTP_HX_REQUEST="true")
    assertNotContains(response, "<html")  # only the result fragment
    # 96.6164 - (91.40 - 50) * 0.06 = 94.1324
    assertContains(response, "94.13")
    assertContains(response, 'data-testid="what-if-grade">A<')
    full = client.get(url, {"t_2": "๑๐๐"})
    assertContains(full, "97.13")


def test_the_dashboard_draws_charts_and_a_table(login, people, org, assessment_2565):
    page = login(people.staff).get(reverse("assessments:list"))
    assertContains(page, "<svg", count=1)  # no trend from a single year
    before = services.assessment_create(organization=org, fiscal_year=2564, by=None)
    services.assessment_set_scores(assessment=before, by=None, indicators=CHAEMAE_2564)
    page = login(people.staff).get(reverse("assessments:list"))
    assertContains(page, "<svg", count=2)
    assertContains(page, "การใช้งบประมาณ")
    assertContains(page, "91.40")


def test_only_a_superuser_sees_the_years_open_doubts(
    login, people, assessment_2565, django_user_model
):
    staff_page = login(people.staff).get(assessment_2565.get_absolute_url())
    assert staff_page.context["doubts"] == []
    root = django_user_model.objects.create_superuser("root2", password="x" * 12)
    from organizations.models import Membership

    Membership.objects.create(
        user=root, organization=assessment_2565.organization, role="staff"
    )
    page = login(root).get(assessment_2565.get_absolute_url())
    assert page.context["doubts"] == assessment_2565.framework.doubts
    assert page.context["doubts"]


class _FormFields(HTMLParser):
    """The fields of a page's score form as a browser submits them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") != "radio" or "checked" in attrs:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def form_as_drawn(response) -> dict:
    """What a browser would send back untouched: every field the page drew,
    read from its HTML (a field the template leaves out is not sent)."""
    page = response.content.decode()
    form = page[page.index('<form method="post" novalidate>') :]
    parser = _FormFields()
    parser.feed(form[: form.index("</form>")])
    return parser.data


def opened_twice(people, assessment, level):
    """One score form opened in two browsers of the office (staff and org
    admin may both enter scores): the URL, then each browser with the form
    as it drew it."""
    url = reverse("assessments:edit", args=[assessment.pk, level])
    browsers = []
    for user in (people.staff, people.admin):
        client = Client()
        client.force_login(user)
        browsers.append((client, form_as_drawn(client.get(url))))
    return url, *browsers


def test_two_people_saving_different_scores_of_one_assessment_both_keep_them(
    people, assessment_2565
):
    url, (first, mine), (second, theirs) = opened_twice(
        people, assessment_2565, "indicators"
    )

    mine["ind_1"] = "55"
    assert first.post(url, mine).status_code == 302
    theirs["ind_2"] = "66"
    assert second.post(url, theirs).status_code == 302

    scores = dict(
        IndicatorScore.objects.filter(assessment=assessment_2565).values_list(
            "indicator__number", "score"
        )
    )
    assert scores[1] == Decimal("55")  # not put back by the second save
    assert scores[2] == Decimal("66")
    assert scores[3] == NONGPHAILOM_2565[3]


def test_a_score_both_changed_is_refused_with_the_other_value_then_confirmed(
    people, assessment_2565
):
    url, (first, mine), (second, theirs) = opened_twice(
        people, assessment_2565, "indicators"
    )
    mine["ind_1"] = "55"
    first.post(url, mine)

    theirs["ind_1"] = "77"
    theirs["ind_2"] = "66"
    response = second.post(url, theirs)
    assert response.status_code == 200
    assertContains(response, "มีผู้อื่นแก้ช่องนี้เป็น “55.00”")
    assertContains(response, 'value="77"')  # what was typed is kept
    stored = IndicatorScore.objects.filter(assessment=assessment_2565)
    assert stored.get(indicator__number=1).score == Decimal("55")
    assert (
        stored.get(indicator__number=2).score == NONGPHAILOM_2565[2]
    )  # all or nothing

    again = second.post(url, form_as_drawn(response))  # บันทึก once more
    assert again.status_code == 302
    assert stored.get(indicator__number=1).score == Decimal("77")
    assert stored.get(indicator__number=2).score == Decimal("66")


def test_an_oit_note_and_a_pass_mark_changed_by_two_people_both_stay(
    people, assessment_2565
):
    url, (first, mine), (second, theirs) = opened_twice(people, assessment_2565, "oit")
    mine["note_O24"] = "เผยแพร่แล้วบางส่วน"
    assert first.post(url, mine).status_code == 302
    theirs["oit_O24"] = "pass"
    assert second.post(url, theirs).status_code == 302

    o24 = ItemResult.objects.get(assessment=assessment_2565, item__code="O24")
    assert (o24.passed, o24.note) == (True, "เผยแพร่แล้วบางส่วน")


def test_a_tampered_seen_token_counts_every_field_as_changed(
    login, people, assessment_2565
):
    url = reverse("assessments:edit", args=[assessment_2565.pk, "indicators"])
    client = login(people.staff)
    data = form_as_drawn(client.get(url))
    data["seen"] = "forged"
    data["ind_1"] = "12"
    assert client.post(url, data).status_code == 302
    assert IndicatorScore.objects.get(
        assessment=assessment_2565, indicator__number=1
    ).score == Decimal("12")
