"""Bad input on one's own notification setting: whatever is posted, the
page answers (no 500), the stored choice is what the checkbox means, and
nobody else's setting changes. Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from notifications.forms import PreferenceForm
from notifications.models import Preference
from tests.fuzz.helpers import IMG, SCRIPT, example_state, fuzz, submit, texts

pytestmark = pytest.mark.django_db


@fuzz(25)
@given(
    data=st.dictionaries(st.sampled_from(["email", "user", "other"]), texts, max_size=3)
)
@example(data={"email": SCRIPT})
@example(data={"email": "false", "user": "1"})
@example(data={"email": IMG, "other": "0"})
@example(data={})
def test_any_post_saves_what_the_checkbox_means(login, people, data):
    client = login(people.head_a)
    url = reverse("notifications:preferences")
    with example_state(client):
        response, page = submit(client, url, data, (Preference,))
        assert page is not None  # a checkbox is never refused
        expected = (
            PreferenceForm(data)
            .fields["email"]
            .widget.value_from_datadict(data, {}, "email")
        )
        assert Preference.objects.get(user=people.head_a).email is expected
        assert not Preference.objects.exclude(user=people.head_a).exists()
