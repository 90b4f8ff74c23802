"""Where an organisation is, on the English pages (issue 22): provinces by
their official English names, districts where the English name is known."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains

from demo.organizations import ORGANIZATIONS
from organizations.places import PROVINCES, district_english, province_english
from tests.factories import OrganizationFactory


def test_every_province_has_its_english_name():
    assert len(PROVINCES) == 77  # 76 provinces and Bangkok
    assert len(set(PROVINCES.values())) == 77
    assert province_english("กระบี่") == "Krabi"
    assert province_english("อุบลราชธานี") == "Ubon Ratchathani"
    assert province_english("ระยอง") == "Rayong"
    assert province_english("กรุงเทพมหานคร") == "Bangkok"
    assert province_english(" ขอนแก่น ") == "Khon Kaen"
    assert province_english("ไม่มีจังหวัดนี้") == ""


def test_every_seed_organisations_place_has_an_english_name():
    for organization in ORGANIZATIONS:
        if organization.province:
            assert province_english(organization.province), organization.slug
        if organization.district:
            assert district_english(organization.district, organization.province)


def test_a_provinces_capital_district_is_mueang():
    assert district_english("เมืองอุบลราชธานี", "อุบลราชธานี") == ("Mueang Ubon Ratchathani")
    assert district_english("เมืองกระบี่", "อุบลราชธานี") == ""  # not its capital
    assert district_english("เมือง", "กระบี่") == ""


@pytest.mark.parametrize(
    ("district", "province", "thai", "english"),
    [
        (
            "คลองท่อม",
            "กระบี่",
            "อำเภอคลองท่อม จังหวัดกระบี่",
            "Khlong Thom District, Krabi Province",
        ),
        (
            "อ่าวลึก",
            "กระบี่",
            "อำเภออ่าวลึก จังหวัดกระบี่",
            "อ่าวลึก District, Krabi Province",
        ),
        (
            "เมืองอุบลราชธานี",
            "อุบลราชธานี",
            "อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
            "Mueang Ubon Ratchathani District, Ubon Ratchathani Province",
        ),
        ("", "ระยอง", "จังหวัดระยอง", "Rayong Province"),
        ("บ้านฉาง", "", "อำเภอบ้านฉาง", "บ้านฉาง District"),
        ("", "", "", ""),
    ],
)
def test_the_location_reads_in_the_pages_language(district, province, thai, english):
    organization = OrganizationFactory.build(district=district, province=province)
    with translation.override("th"):
        assert organization.location == thai
    with translation.override("en"):
        assert organization.location == english


@pytest.mark.django_db
def test_the_home_page_names_the_place_in_english(login, people, org):
    org.district, org.province = "คลองท่อม", "กระบี่"
    org.save()
    client = login(people.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assertContains(client.get(reverse("home")), "Khlong Thom District, Krabi Province")
