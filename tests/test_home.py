import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_the_home_page_speaks_thai_by_default_even_to_an_english_browser(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "th"
    assertContains(response, '<html lang="th">')
    assertContains(response, "เข้าสู่ระบบสำหรับเจ้าหน้าที่")


def test_the_language_switch_turns_the_page_english(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}
    )
    assert response.status_code == 302
    page = client.get(reverse("home"))
    assertContains(page, '<html lang="en">')
    assertContains(page, "Staff sign-in")
    assertNotContains(page, "เข้าสู่ระบบสำหรับเจ้าหน้าที่")


def test_a_member_sees_their_organization_and_role_in_english_too(
    login, people, client
):
    login(people.mayor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home"))
    assertContains(page, "เทศบาลตำบลคลองพน")  # names stay as they are
    assertContains(page, "Executive")
    assertContains(page, "Sign out")


def test_a_member_sees_the_thai_date_and_fiscal_year(login, people, client):
    import time_machine

    with time_machine.travel("2022-10-01 09:00 +0700", tick=False):
        page = login(people.staff).get(reverse("home"))
    assertContains(page, "1 ตุลาคม 2565")
    assertContains(page, "ปีงบประมาณ 2566")
