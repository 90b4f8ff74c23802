import pytest

from organizations.models import Division
from organizations.permissions import can, get_for_user

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "head_a", "head_b", "palad", "mayor", "admin", "outsider"]

# action on the organisation -> personas allowed
EXPECTED = {
    "view": {"staff", "head_a", "head_b", "palad", "mayor", "admin"},
    "change": {"admin"},
    "manage": {"admin"},
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_each_role_on_the_organization(people, org, persona, action):
    user = getattr(people, persona)
    assert can(user, action, org) is (persona in EXPECTED[action])


def test_it_refuses_anonymous_users(org, people):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "view", org)


def test_it_does_not_treat_a_superuser_as_a_member(org, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    assert not can(root, "view", org)


@pytest.mark.parametrize(
    "persona, action, expected",
    [
        ("admin", "change", True),
        ("admin", "delete", True),
        ("staff", "change", False),
        ("head_a", "delete", False),
        ("outsider", "view", False),
        ("staff", "view", True),
    ],
)
def test_it_answers_for_divisions(people, division_a, persona, action, expected):
    assert can(getattr(people, persona), action, division_a) is expected


def test_the_access_helper_hides_other_organizations_behind_404(people, division_a):
    from django.http import Http404

    with pytest.raises(Http404):
        get_for_user(people.outsider, Division.objects.all(), pk=division_a.pk)


def test_the_access_helper_says_403_to_a_member_who_may_only_read(people, division_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        get_for_user(people.staff, Division.objects.all(), "change", pk=division_a.pk)
    assert (
        get_for_user(people.admin, Division.objects.all(), "change", pk=division_a.pk)
        == division_a
    )
