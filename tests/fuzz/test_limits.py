"""Requests larger than Django reads: too much text or too many fields in
one form. Django refuses them before any view runs, with a 400 page."""

import pytest
from django.urls import reverse

from measures.models import Plan
from tests.fuzz.helpers import THAI, rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {"title": "ก" * 1_000_000, "introduction": "", "layout": "by_measure"},
        {f"field_{n}": "x" for n in range(1200)},
    ],
    ids=["3 MB of text", "1,200 fields"],
)
def test_too_much_in_one_form_is_refused_in_thai(login, people, plan, data):
    client = login(people.staff)
    before = rows(Plan, Plan.history.model)
    response = client.post(reverse("measures:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert THAI.search(response.content.decode())
    assert "ส่งข้อมูลไม่สำเร็จ" in response.content.decode()
    assert rows(Plan, Plan.history.model) == before
