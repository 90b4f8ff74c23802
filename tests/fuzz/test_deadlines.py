"""Bad input on the due dates of the year (desk): any text in any date field
is either a due date saved or a Thai error with nothing saved.
Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from desk.models import Deadline
from tests.fuzz.helpers import IMG, SCRIPT, example_state, fuzz, submit, texts

pytestmark = pytest.mark.django_db

STEPS = ["scores", "memo", "published", "half_round", "year_approved"]


@fuzz(25)
@given(data=st.dictionaries(st.sampled_from(STEPS), texts, max_size=4))
@example(data={"published": SCRIPT, "memo": IMG})
@example(data={"published": "31/2/2566"})
@example(data={"published": "๓๑ มี.ค. ๒๕๖๖", "memo": ""})
def test_any_due_date_typed_is_saved_or_refused_in_thai(login, people, plan, data):
    client = login(people.staff)
    url = reverse("desk:deadlines", args=[2566])
    with example_state(client):
        submit(
            client,
            url,
            {f"due_{step}": value for step, value in data.items()},
            (Deadline,),
            echoed=[f"due_{step}" for step in data],
        )
