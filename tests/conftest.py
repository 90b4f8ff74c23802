"""Test personas (STYLE.md, 9): one municipality with a staff member, the
heads of two divisions, the ปลัด, the mayor and an org admin, and an outsider
who works for another municipality."""

from types import SimpleNamespace

import pytest

from organizations.models import Membership
from tests.factories import DivisionFactory, MembershipFactory, OrganizationFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: primary keys and frozen clocks
    repeat between tests, and cached pages are keyed by them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def org(db):
    return OrganizationFactory(
        name="เทศบาลตำบลคลองพน", slug="klongphon", memo_prefix="กบ ๕๒๔๐๑"
    )


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="เทศบาลเมืองอื่น", slug="other-town")


@pytest.fixture
def division_a(org):
    return DivisionFactory(organization=org, name="กองคลัง")


@pytest.fixture
def division_b(org):
    return DivisionFactory(organization=org, name="กองช่าง")


@pytest.fixture
def people(org, other_org, division_a, division_b):
    """Every persona as a user, by name."""

    def member(username, role, organization=org, divisions=(), position=""):
        return MembershipFactory(
            user__username=username,
            organization=organization,
            role=role,
            divisions=list(divisions),
            position=position,
        ).user

    return SimpleNamespace(
        staff=member("staff", Role.STAFF),
        head_a=member("head_a", Role.DIVISION_HEAD, divisions=[division_a]),
        head_b=member("head_b", Role.DIVISION_HEAD, divisions=[division_b]),
        palad=member("palad", Role.EXECUTIVE, position="ปลัดเทศบาลตำบลคลองพน"),
        mayor=member("mayor", Role.EXECUTIVE, position="นายกเทศมนตรีตำบลคลองพน"),
        admin=member("orgadmin", Role.ORG_ADMIN),
        outsider=member("outsider", Role.STAFF, organization=other_org),
    )


@pytest.fixture
def login(client):
    """Log the test client in as a user; returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
