"""Bad input on the overseer's forms: the overview's filters (GET), the
deadline, the reminder and the district grants. Each is saved, or refused
with a Thai message and nothing saved; nothing is echoed unescaped.
Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from hypothesis import example, given
from hypothesis import strategies as st

from oversight import services
from oversight.models import Deadline, Grant, Reminder
from tests.factories import OrganizationFactory, UserFactory
from tests.fuzz.helpers import (
    IMG,
    SCRIPT,
    assert_escaped,
    example_state,
    fuzz,
    submit,
    texts,
)

pytestmark = pytest.mark.django_db

FILTERS = [
    "fiscal_year",
    "q",
    "kind",
    "district",
    "grade",
    "plan",
    "late",
    "sort",
    "page",
]


@pytest.fixture
def overseer(db):
    OrganizationFactory(name="อบต.ทดสอบ", province="อุบลราชธานี", district="วาริน")
    user = UserFactory(username="fuzz-overseer")
    services.grant_create(user=user, scope="province", province="อุบลราชธานี", by=None)
    return user


@fuzz(25)
@given(data=st.dictionaries(st.sampled_from(FILTERS), texts, max_size=5))
@example(data={"q": SCRIPT, "district": IMG})
@example(data={"fiscal_year": "๒๕๖๖", "sort": "-score", "page": "99999"})
@example(data={"fiscal_year": "-1", "late": "on", "grade": "Z"})
def test_any_filter_shows_the_overview_or_its_export(client, overseer, data):
    client.force_login(overseer)
    with example_state(client):
        page = client.get(reverse("oversight:overview"), data)
        assert page.status_code == 200
        assert_escaped(page)
        export = client.post(
            reverse("oversight:export") + "?" + urlencode(data), follow=True
        )
        assert export.status_code == 200


@fuzz(25)
@given(due_on=texts)
@example(due_on=SCRIPT)
@example(due_on="31/2/2566")
@example(due_on="๓๑ ม.ค. ๒๕๖๖")
def test_any_deadline_typed_is_saved_or_refused_in_thai(client, overseer, due_on):
    client.force_login(overseer)
    with example_state(client):
        submit(
            client,
            reverse("oversight:deadline") + "?fiscal_year=2566",
            {"due_on": due_on},
            (Deadline,),
            echoed=["due_on"],
        )


@fuzz(20)
@given(picked=st.lists(st.one_of(texts, st.integers().map(str)), max_size=3))
@example(picked=[SCRIPT])
@example(picked=["999999"])
def test_a_reminder_goes_only_to_late_offices_in_scope(client, overseer, picked):
    client.force_login(overseer)
    with example_state(client):
        before = Reminder.objects.count()
        response = client.post(
            reverse("oversight:remind"),
            {"fiscal_year": "2566", "organizations": picked},
        )
        assert response.status_code == 302
        # No deadline is set, so no office is late: nothing is ever sent.
        assert Reminder.objects.count() == before
        assert_escaped(client.get(response["Location"]))


@fuzz(20)
@given(username=texts, district=texts)
@example(username=SCRIPT, district="วาริน")
@example(username="fuzz-overseer", district=IMG)
def test_any_grant_typed_is_saved_or_refused_in_thai(
    client, overseer, username, district
):
    client.force_login(overseer)
    with example_state(client):
        submit(
            client,
            reverse("oversight:grants"),
            {"username": username, "district": district},
            (Grant,),
            echoed=["username"],
        )
