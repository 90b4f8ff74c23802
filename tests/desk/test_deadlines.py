"""The office's own due dates for the steps of its ITA year: staff set them
in Thai dates, the home page shows them and says what is late, every change
is kept with who made it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from desk import services
from desk.models import Deadline

pytestmark = pytest.mark.django_db


def url(year):
    return reverse("desk:deadlines", args=[year])


def test_staff_set_due_dates_and_the_home_page_marks_the_late_step(
    login, people, org, plan, time_machine
):
    time_machine.move_to("2023-02-01 09:00 +07:00", tick=False)  # FY2566
    client = login(people.staff)
    page = client.get(url(2566))
    assertContains(page, "ผู้บริหารอนุมัติแผน")  # a field per step, by its label
    response = client.post(
        url(2566), {"due_memo": "15/1/2566", "due_published": "๓๑ มี.ค. ๒๕๖๖"}
    )
    assert response.status_code == 302
    saved = {d.step: d for d in Deadline.objects.filter(organization=org)}
    assert saved["memo"].due_on == date(2023, 1, 15)
    assert saved["published"].due_on == date(2023, 3, 31)
    assert saved["memo"].set_by == people.staff
    assert saved["memo"].history.first().history_user == people.staff

    home = client.get(reverse("home") + "?year=2566")
    memo_step = next(s for s in home.context["year"].steps if s.key == "memo")
    published = next(s for s in home.context["year"].steps if s.key == "published")
    assert memo_step.late and not published.late  # 15 Jan has passed, 31 Mar not
    assertContains(home, "กำหนดเสร็จ 15 มกราคม 2566")
    assertContains(home, "กำหนดเสร็จ 31 มีนาคม 2566")
    assertContains(home, "เลยกำหนด", count=1)


def test_a_blank_date_clears_it_and_a_wrong_one_is_refused_in_thai(
    login, people, org, plan
):
    client = login(people.staff)
    client.post(url(2566), {"due_published": "31/3/2566"})
    response = client.post(url(2566), {"due_published": "31/13/2566"})
    assert response.status_code == 200
    assert response.context["form"].errors["due_published"]
    assert Deadline.objects.get().due_on == date(2023, 3, 31)  # nothing lost
    client.post(url(2566), {"due_published": ""})
    assert not Deadline.objects.exists()
    assert Deadline.history.filter(history_type="-").get().history_user == people.staff


@pytest.mark.parametrize("persona", ["head_a", "palad", "mayor"])
def test_only_staff_and_the_org_admin_set_due_dates(login, people, persona, plan):
    client = login(getattr(people, persona))
    assert client.get(url(2566)).status_code == 403
    assert client.post(url(2566), {"due_published": "31/3/2566"}).status_code == 403
    assert not Deadline.objects.exists()
    assertNotContains(client.get(reverse("home")), 'data-testid="set-deadlines"')


def test_a_year_out_of_range_is_not_found(login, people):
    assert login(people.staff).get(url(2400)).status_code == 404


def test_the_service_refuses_a_step_the_year_does_not_have(people, org):
    with pytest.raises(ValidationError, match="ไม่มีขั้นตอน"):
        services.deadlines_set(
            organization=org,
            fiscal_year=2566,
            due={"lunch": date(2023, 1, 1)},
            steps=["memo"],
            by=people.staff,
        )
