import pytest

from oversight import services
from oversight.models import Grant
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def ubon_orgs(db):
    """Offices in two districts of อุบลราชธานี and one in another province."""
    return {
        "city": OrganizationFactory(
            name="เทศบาลนครทดสอบ",
            slug="t-city",
            kind="city",
            province="อุบลราชธานี",
            district="เมืองอุบลราชธานี",
        ),
        "sao": OrganizationFactory(
            name="อบต.ทดสอบวารินฯ",
            slug="t-sao",
            kind="sao",
            province="อุบลราชธานี",
            district="วารินชำราบ",
        ),
        "krabi": OrganizationFactory(
            name="เทศบาลตำบลกระบี่ทดสอบ",
            slug="t-krabi",
            kind="subdistrict",
            province="กระบี่",
            district="เมืองกระบี่",
        ),
    }


@pytest.fixture
def province_overseer(db):
    user = UserFactory(username="ubon-overseer-test")
    services.grant_create(
        user=user, scope=Grant.Scope.PROVINCE, province="อุบลราชธานี", by=None
    )
    return user


@pytest.fixture
def district_overseer(db):
    user = UserFactory(username="warin-overseer-test")
    services.grant_create(
        user=user,
        scope=Grant.Scope.DISTRICT,
        province="อุบลราชธานี",
        district="วารินชำราบ",
        by=None,
    )
    return user
