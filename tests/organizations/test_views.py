import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from organizations.forms import DIVISION_NAME_TAKEN, DIVISION_REQUIRED
from organizations.middleware import SESSION_KEY
from organizations.models import Division, Membership
from organizations.services import LAST_ADMIN
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_username_and_password(client, people):
    response = client.post(
        reverse("login"), {"username": "staff", "password": PASSWORD}
    )
    assertRedirects(response, reverse("home"))
    page = client.get(reverse("home"))
    assertContains(page, "เทศบาลตำบลคลองพน")
    assertContains(page, "เจ้าหน้าที่")


def test_it_says_in_thai_when_the_password_is_wrong(client, people):
    response = client.post(reverse("login"), {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assertContains(response, "กรุณาใส่")  # Django's Thai message for bad credentials


def test_it_logs_out_on_post(login, people):
    client = login(people.staff)
    assertRedirects(client.post(reverse("logout")), reverse("home"))
    assert "_auth_user_id" not in client.session


def test_it_changes_the_password(login, people):
    client = login(people.staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-secret-2566",
            "new_password2": "a-much-longer-secret-2566",
        },
    )
    assertRedirects(response, reverse("password_change_done"))
    people.staff.refresh_from_db()
    assert people.staff.check_password("a-much-longer-secret-2566")


def test_it_switches_between_the_users_organizations(login, people, other_org):
    MembershipFactory(user=people.staff, organization=other_org, role="executive")
    client = login(people.staff)
    assertContains(client.get(reverse("home")), "เทศบาลตำบลคลองพน")

    response = client.post(
        reverse("organizations:switch"),
        {"organization": other_org.pk, "next": reverse("organizations:detail")},
    )
    assertRedirects(response, reverse("organizations:detail"))
    assert client.session[SESSION_KEY] == other_org.pk
    page = client.get(reverse("home"))
    assertContains(page, other_org.name)
    assertContains(page, "ผู้บริหาร")


def test_it_will_not_switch_to_an_organization_the_user_is_not_in(
    login, people, other_org
):
    client = login(people.staff)
    response = client.post(
        reverse("organizations:switch"), {"organization": other_org.pk}
    )
    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_it_ignores_an_offsite_next_url_when_switching(login, people, org):
    client = login(people.staff)
    response = client.post(
        reverse("organizations:switch"),
        {"organization": org.pk, "next": "https://evil.example/"},
    )
    assertRedirects(response, reverse("home"))


@pytest.mark.parametrize(
    "url_name",
    [
        "organizations:detail",
        "organizations:edit",
        "organizations:division_list",
        "organizations:division_add",
        "organizations:member_list",
        "organizations:member_add",
    ],
)
def test_it_sends_anonymous_users_to_login(client, url_name):
    url = reverse(url_name)
    assertRedirects(
        client.get(url),
        "{}?next={}".format(reverse("login"), url),
        fetch_redirect_response=False,
    )


@pytest.mark.parametrize(
    "url_name",
    ["organizations:edit", "organizations:division_add", "organizations:member_list"],
)
@pytest.mark.parametrize("persona", ["staff", "head_a", "mayor"])
def test_it_refuses_admin_pages_to_other_roles(login, people, persona, url_name):
    assert login(getattr(people, persona)).get(reverse(url_name)).status_code == 403


def test_an_org_admin_adds_a_division(login, people, org):
    client = login(people.admin)
    response = client.post(
        reverse("organizations:division_add"),
        {"name": "  กองการศึกษา ", "short_name": "กศ."},
    )
    assertRedirects(response, reverse("organizations:division_list"))
    assert Division.objects.filter(organization=org, name="กองการศึกษา").exists()


def test_a_duplicate_division_is_refused_in_thai_and_nothing_is_saved(
    login, people, org, division_a
):
    client = login(people.admin)
    response = client.post(reverse("organizations:division_add"), {"name": "กองคลัง"})
    assertContains(response, DIVISION_NAME_TAKEN)
    assert Division.objects.filter(organization=org, name="กองคลัง").count() == 1


def test_deleting_a_division_asks_first(login, people, division_a):
    client = login(people.admin)
    url = reverse("organizations:division_delete", args=[division_a.pk])
    assertContains(client.get(url), "ใช่หรือไม่")
    assert Division.objects.filter(pk=division_a.pk).exists()
    client.post(url)
    assert not Division.objects.filter(pk=division_a.pk).exists()


def test_a_division_of_another_organization_is_not_found(login, people, other_org):
    foreign = Division.objects.create(organization=other_org, name="กองต่างถิ่น")
    client = login(people.admin)
    url = reverse("organizations:division_edit", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "ถูกแก้"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "กองต่างถิ่น"


def test_an_org_admin_adds_a_new_user_as_division_head(login, people, org, division_b):
    client = login(people.admin)
    response = client.post(
        reverse("organizations:member_add"),
        {
            "username": "newhead",
            "first_name": "นายใหม่",
            "last_name": "มาดี",
            "email": "new@example.org",
            "password": "a-long-enough-password-1",
            "role": "division_head",
            "position": "ผู้อำนวยการกองช่าง",
            "divisions": [division_b.pk],
        },
    )
    assertRedirects(response, reverse("organizations:member_list"))
    membership = Membership.objects.get(user__username="newhead", organization=org)
    assert list(membership.divisions.all()) == [division_b]
    assert membership.user.check_password("a-long-enough-password-1")


def test_a_division_head_needs_a_division(login, people):
    client = login(people.admin)
    response = client.post(
        reverse("organizations:member_add"),
        {
            "username": "x1",
            "password": "a-long-enough-password-1",
            "role": "division_head",
        },
    )
    assertContains(response, DIVISION_REQUIRED)
    assert not Membership.objects.filter(user__username="x1").exists()


def test_an_existing_user_joins_without_a_password_change(
    login, people, org, other_org
):
    client = login(people.admin)
    response = client.post(
        reverse("organizations:member_add"), {"username": "outsider", "role": "staff"}
    )
    assertRedirects(response, reverse("organizations:member_list"))
    assert set(
        Membership.objects.filter(user=people.outsider).values_list(
            "organization__slug", flat=True
        )
    ) == {org.slug, other_org.slug}
    people.outsider.refresh_from_db()
    assert people.outsider.check_password("correct-horse-battery")


def test_the_last_org_admin_cannot_demote_themselves(login, people):
    client = login(people.admin)
    membership = Membership.objects.get(user=people.admin)
    response = client.post(
        reverse("organizations:member_edit", args=[membership.pk]), {"role": "staff"}
    )
    assertContains(response, LAST_ADMIN)
    membership.refresh_from_db()
    assert membership.role == "org_admin"


def test_removing_a_member_asks_first_then_keeps_the_account(login, people):
    client = login(people.admin)
    membership = Membership.objects.get(user=people.head_b)
    url = reverse("organizations:member_remove", args=[membership.pk])
    assertContains(client.get(url), "ใช่หรือไม่")
    client.post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    people.head_b.refresh_from_db()


def test_the_member_list_is_paginated(login, people, org):
    for n in range(30):
        MembershipFactory(organization=org, user__username=f"bulk{n}")
    client = login(people.admin)
    first = client.get(reverse("organizations:member_list"))
    assertContains(first, "หน้า 1 จาก 2")
    assert len(first.context["page"].object_list) == 25


def test_an_org_admin_uploads_an_emblem_and_anyone_sees_it(login, people, org, client):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    # A long Thai file name, as scanned files are often called: it is not
    # refused, and the stored name is the server's own.
    buffer.name = "ตราเทศบาลตำบลแจ้ห่ม " * 8 + ".PNG"
    buffer.seek(0)
    admin_client = login(people.admin)
    response = admin_client.post(
        reverse("organizations:edit"),
        {
            "phone": "075-641422",
            "memo_prefix": "กบ ๕๒๔๐๑",
            "thai_digits": "on",
            "emblem": buffer,
        },
    )
    assertRedirects(response, reverse("organizations:detail"))
    org.refresh_from_db()
    assert org.thai_digits and org.emblem
    assert re.fullmatch(r"emblems/[0-9a-f]{32}\.png", org.emblem.name)
    admin_client.logout()
    emblem = client.get(reverse("organization_emblem", args=[org.slug]))
    assert emblem.status_code == 200
    assert b"".join(emblem.streaming_content).startswith(b"\x89PNG")


def test_an_emblem_that_is_not_an_image_is_refused(login, people, org):
    import io

    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "emblem.png"
    response = login(people.admin).post(reverse("organizations:edit"), {"emblem": fake})
    assert response.status_code == 200
    org.refresh_from_db()
    assert not org.emblem
