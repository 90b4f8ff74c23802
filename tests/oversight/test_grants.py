"""A province's overseer gives its districts' overseers their standing, and
takes it back; never for another province. Each grant records who gave it."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from oversight import services
from oversight.models import Grant
from tests.factories import UserFactory
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db


def test_a_province_overseer_grants_a_district_that_then_sees_only_it(
    client, ubon_orgs, province_overseer
):
    newcomer = UserFactory(username="newcomer")
    client.force_login(province_overseer)
    page = client.get(reverse("oversight:grants"))
    assert [c[0] for c in page.context["form"].fields["district"].choices] == [
        "วารินชำราบ",
        "เมืองอุบลราชธานี",
    ]  # the province's districts only, not กระบี่'s
    response = client.post(
        reverse("oversight:grants"), {"username": "newcomer", "district": "วารินชำราบ"}
    )
    assert response.status_code == 302
    grant = Grant.objects.get(user=newcomer)
    assert (grant.scope, grant.province, grant.district) == (
        "district",
        "อุบลราชธานี",
        "วารินชำราบ",
    )
    assert grant.granted_by == province_overseer
    assert grant.history.first().history_user == province_overseer

    client.force_login(newcomer)
    overview = client.get(reverse("oversight:overview"))
    assert [r.name for r in overview.context["page"]] == [ubon_orgs["sao"].name]
    # A district's overseer gives no grants.
    assert client.get(reverse("oversight:grants")).status_code == 403

    client.force_login(province_overseer)
    client.post(reverse("oversight:grant_delete", args=[grant.pk]))
    assert not Grant.objects.filter(user=newcomer).exists()


def test_another_provinces_overseer_cannot_touch_the_grant(client, district_overseer):
    krabi = UserFactory(username="krabi-overseer")
    services.grant_create(user=krabi, scope="province", province="กระบี่", by=None)
    grant = Grant.objects.get(user=district_overseer)
    client.force_login(krabi)
    assert (
        client.post(reverse("oversight:grant_delete", args=[grant.pk])).status_code
        == 404
    )
    assert Grant.objects.filter(pk=grant.pk).exists()


def test_an_unknown_user_is_refused_in_thai(client, ubon_orgs, province_overseer):
    client.force_login(province_overseer)
    response = client.post(
        reverse("oversight:grants"), {"username": "nobody", "district": "วารินชำราบ"}
    )
    assertContains(response, "ไม่พบชื่อผู้ใช้นี้")
    assert not Grant.objects.filter(scope="district").exists()


def test_a_superuser_gives_a_province_grant_in_django_admin(admin_client, admin_user):
    verify_session(admin_client, admin_user)  # Django admin asks for a second factor
    overseer = UserFactory(username="new-province-overseer")
    response = admin_client.post(
        reverse("admin:oversight_grant_add"),
        {
            "user": overseer.pk,
            "scope": "province",
            "province": "อุบลราชธานี",
            "district": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = Grant.objects.get(user=overseer)
    assert grant.granted_by == admin_user
    assert grant.history.first().history_user == admin_user
