"""The pages a user meets when a request goes wrong are Thai and say that
nothing was saved."""

import pytest
from django.test import Client
from django.urls import reverse

from organizations.models import Division

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_csrf_token_gets_a_thai_page_and_saves_nothing(people):
    """As when a form stayed open in a tab while the user logged in again
    elsewhere: the token in the page no longer matches."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people.admin)
    before = Division.objects.count()

    response = browser.post(
        reverse("organizations:division_add"),
        {
            "name": "กองใหม่",
            "short_name": "",
            "kind": "finance",
            "csrfmiddlewaretoken": "x" * 64,
        },
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "ส่งข้อมูลไม่สำเร็จ ข้อมูลยังไม่ได้บันทึก" in page
    assert "verification failed" not in page
    assert Division.objects.count() == before
