"""Bad input on the organisation forms: its details and emblem, divisions,
members (new and existing) and switching organisation.
Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from organizations.middleware import SESSION_KEY
from organizations.models import Division, Membership, Organization
from tests.fuzz.helpers import (
    IMG,
    PDF,
    PNG,
    SCRIPT,
    assert_escaped,
    bad_files,
    browser_data,
    example_state,
    file_names,
    fuzz,
    numbers,
    submit,
    texts,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
ORG_TABLES = (Organization, Division, Membership, Membership.divisions.through, User)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def admin(login, people):
    return login(people.admin)


def choice(valid):
    return st.one_of(st.sampled_from([str(v) for v in valid]), texts, numbers)


@fuzz(30)
@given(data=st.data())
@example(data={"emblem": (SVG, "ตรา.png")})
@example(data={"emblem": (PDF, "ตรา.png")})
@example(data={"emblem": (b"", "ก" * 251 + ".pdf")})  # found in CI
@example(data={"emblem": (PNG, "ก" * 251 + ".png")})
@example(data={"phone": SCRIPT, "memo_prefix": IMG})
def test_organisation_details_and_emblem(admin, media, data):
    url = reverse("organizations:edit")
    form = admin.get(url).context["form"]
    if isinstance(data, dict):
        typed = dict(data)
    else:
        typed = {
            name: data.draw(texts)
            for name in ("district", "province", "phone", "memo_prefix")
            if data.draw(st.booleans())
        }
        for name in ("thai_digits", "publish_memos"):
            if data.draw(st.booleans()):
                typed[name] = data.draw(st.one_of(st.just("on"), texts))
        if data.draw(st.booleans()):
            typed["emblem"] = (
                data.draw(st.one_of(st.sampled_from([PNG, SVG]), bad_files(PNG * 4))),
                data.draw(file_names),
            )
    if "emblem" in typed:
        content, name = typed["emblem"]
        typed["emblem"] = SimpleUploadedFile(name, content)
    with example_state(admin):
        submit(
            admin,
            url,
            {**browser_data(form), **typed},
            ORG_TABLES,
            echoed=("district", "province", "phone", "memo_prefix"),
            media=media,
        )


@pytest.mark.parametrize("existing", [False, True], ids=["add", "edit"])
@fuzz(30)
@given(name=texts, short_name=texts, kind=choice(["clerk", "finance", "engineering"]))
@example(name="  กองคลัง ", short_name="", kind="finance")  # taken, spaced
@example(name=SCRIPT, short_name=IMG, kind="finance")
def test_a_division_takes_any_name(
    admin, division_a, division_b, existing, name, short_name, kind
):
    url = (
        reverse("organizations:division_edit", args=[division_b.pk])
        if existing
        else reverse("organizations:division_add")
    )
    with example_state(admin):
        submit(
            admin,
            url,
            {"name": name, "short_name": short_name, "kind": kind},
            ORG_TABLES,
            echoed=("name", "short_name"),
        )


ROLES = ["staff", "division_head", "executive", "org_admin"]
passwords = st.one_of(
    texts, st.sampled_from(["", "12345678", "password", "staff", "ยาวพอสมควรแล้ว๙๙"])
)


@fuzz(30)
@given(data=st.data())
@example(data={"username": "ผู้ใช้ ใหม่", "password": "ยาวพอสมควรแล้ว๙๙"})
@example(data={"username": "newuser", "password": "123"})
@example(data={"username": "newuser", "password": "12345678901"})
@example(data={"username": "newuser", "password": "password"})
@example(data={"username": "newuser", "password": "newuser1"})
def test_a_new_member_takes_any_name_and_password(admin, division_a, other_org, data):
    url = reverse("organizations:member_add")
    if isinstance(data, dict):
        typed = {"role": "staff", "position": "เจ้าหน้าที่", **data}
    else:
        typed = {
            "username": data.draw(
                st.one_of(texts, st.sampled_from(["staff", "x" * 151]))
            ),
            "first_name": data.draw(texts),
            "last_name": data.draw(texts),
            "email": data.draw(st.one_of(texts, st.just("a@example.org"))),
            "password": data.draw(passwords),
            "role": data.draw(choice(ROLES)),
            "position": data.draw(texts),
            "divisions": data.draw(
                st.lists(choice([division_a.pk, 10**30, 0]), max_size=3)
            ),
        }
    with example_state(admin):
        submit(
            admin,
            url,
            typed,
            ORG_TABLES,
            echoed=("username", "first_name", "last_name", "email", "position"),
        )


@fuzz(30)
@given(
    role=choice(ROLES),
    position=texts,
    divisions=st.lists(st.one_of(st.sampled_from(["a", "b"]), texts), max_size=3),
)
def test_a_membership_takes_any_role_position_and_divisions(
    admin, people, org, division_a, division_b, role, position, divisions
):
    membership = people.head_a.memberships.get(organization=org)
    url = reverse("organizations:member_edit", args=[membership.pk])
    keys = {"a": str(division_a.pk), "b": str(division_b.pk)}
    typed = {
        "role": role,
        "position": position,
        "divisions": [keys.get(d, d) for d in divisions],
    }
    with example_state(admin):
        submit(admin, url, typed, ORG_TABLES, echoed=("position",))


@fuzz(25)
@given(
    organization=st.one_of(numbers, texts, st.sampled_from(["mine", "other"])),
    next_url=st.one_of(
        texts,
        st.sampled_from(
            [
                "/plans/",
                "https://evil.example/",
                "//evil.example",
                "javascript:alert(1)",
            ]
        ),
    ),
)
@example(organization="mine", next_url="0")  # was a 500 (NoReverseMatch)
@example(organization=str(2**63), next_url="")  # was a 500 on SQLite (OverflowError)
def test_switching_organisation_takes_only_ones_own(
    login, people, org, other_org, organization, next_url
):
    client = login(people.staff)
    chosen = {"mine": str(org.pk), "other": str(other_org.pk)}.get(
        organization, organization
    )
    with example_state(client):
        response = client.post(
            reverse("organizations:switch"),
            {"organization": chosen, "next": next_url},
        )
        assert response.status_code in (302, 404)
        assert_escaped(response)
        if response.status_code == 302:
            assert client.session[SESSION_KEY] == org.pk
            location = response["Location"]
            assert location.startswith("/") and not location.startswith("//")
