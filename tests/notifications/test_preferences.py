"""A person turns their notification mail off and on again on their own
page; the invitation still reaches them; the change is in its history."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from notifications.models import Kind, Notification, Preference
from notifications.services import notify, wants_mail
from organizations.services import invitation_send

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_the_page_is_in_the_user_menu_and_in_thai(login, people):
    client = login(people.head_a)
    home = client.get(reverse("home"))
    assertContains(home, f'href="{URL}"')
    page = client.get(URL)
    assertContains(page, "การแจ้งเตือนทางอีเมล")
    assertContains(page, "รับอีเมลแจ้งเตือน")
    assertContains(page, people.head_a.email)
    assert page.context["form"]["email"].value() is True  # on until turned off


def test_turning_mail_off_and_on_again(login, people):
    client = login(people.head_a)
    response = client.post(URL, {}, follow=True)  # the box unticked
    assertRedirects(response, URL)
    assertContains(response, "ปิดอีเมลแจ้งเตือนแล้ว")
    assert response.context["form"]["email"].value() is False  # shown unticked
    assert not wants_mail(people.head_a)
    assert (
        notify(user=people.head_a, kind=Kind.MEMO_WAITING, subject="ก", body="ข")
        is None
    )
    client.post(URL, {"email": "on"})
    assert wants_mail(people.head_a)
    preference = Preference.objects.get(user=people.head_a)
    history = list(preference.history.order_by("history_date"))
    assert [(h.email, h.history_user) for h in history] == [
        (False, people.head_a),
        (True, people.head_a),
    ]


def test_only_one_own_setting_changes(login, people):
    login(people.head_a).post(URL, {})
    assert wants_mail(people.head_b)
    assert list(Preference.objects.values_list("user", flat=True)) == [people.head_a.pk]


def test_the_invitation_reaches_a_person_who_turned_mail_off(
    people, org, mailoutbox, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=people.head_a, email=False)
    membership = people.head_a.memberships.get(organization=org)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            membership=membership, absolute_url=lambda path: "http://x" + path
        )
    (mail,) = mailoutbox
    assert mail.to == [people.head_a.email]
    assert "/accounts/welcome/" in mail.body
    assert "ปิดหรือเปิดรับอีเมลแจ้งเตือน" not in mail.body  # not a notification
    assert Notification.objects.get().kind == Kind.INVITATION


def test_a_person_without_an_address_is_told_so(login, people):
    people.head_a.email = ""
    people.head_a.save()
    assertContains(login(people.head_a).get(URL), "ยังไม่มีอีเมล")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
