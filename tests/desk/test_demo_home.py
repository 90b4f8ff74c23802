"""The home page on the demo (seed_demo, December 2026 = fiscal year 2570):
nothing yet for 2570, so the empty states lead; earlier years show the
seeds' plans."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_the_demo_home_pages_make_sense(client, media, time_machine):
    time_machine.move_to("2026-12-10 09:00 +07:00", tick=False)
    call_command("seed_demo", verbosity=0)
    users = get_user_model().objects
    client.force_login(users.get(username="klongphon-staff"))
    page = client.get(reverse("home"))
    assert page.context["year"].fiscal_year == 2570
    assertContains(page, 'data-testid="empty-scores"')
    assert 2563 in page.context["years"]
    earlier = client.get(reverse("home"), {"year": "2563"})
    states = {s.key: s.state for s in earlier.context["year"].steps}
    assert states["plan_approved"] == "done"
    for who in ("klongphon-mayor", "klongphon-head", "banchang-head"):
        client.force_login(users.get(username=who))
        assert client.get(reverse("home")).status_code == 200
