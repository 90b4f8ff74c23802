"""What signatures rest on (issue 16, 5): failed logins locked out per
account and per address, a password reset by e-mail, sessions that end, and
a Content-Security-Policy with no inline code on the pages."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from organizations import services
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
ROOT = Path(__file__).resolve().parent.parent


def _fail(client, username, address="10.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": "wrong"}, REMOTE_ADDR=address
    )


def test_failed_logins_lock_the_account_with_a_thai_explanation(people, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client, people.staff.username).status_code == 200
    locked = _fail(client, people.staff.username)
    assertContains(locked, "ระงับการเข้าสู่ระบบชั่วคราว", status_code=429)
    assertContains(locked, f"{settings.AXES_COOLOFF_MINUTES} นาที", status_code=429)
    # The right password from another address is refused too: the account is locked.
    right = {"username": people.staff.username, "password": PASSWORD}
    response = Client().post(LOGIN, right, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    # Another account logs in from there.
    other = {"username": people.head_a.username, "password": PASSWORD}
    assert Client().post(LOGIN, other, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_failed_logins_from_one_address_lock_that_address(people, settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, f"guess-{n}", address="10.0.0.9")
    right = {"username": people.head_a.username, "password": PASSWORD}
    assert Client().post(LOGIN, right, REMOTE_ADDR="10.0.0.9").status_code == 429
    assert Client().post(LOGIN, right, REMOTE_ADDR="10.0.0.10").status_code == 302


def test_the_client_address_behind_a_proxy_is_the_one_it_saw(rf, settings):
    from ita_portal.client_ip import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    request.META["REMOTE_ADDR"] = "10.0.0.1"
    settings.CLIENT_IP_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.CLIENT_IP_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, people):
    people.staff.email = "staff@klongphon.go.th"
    people.staff.save()
    assertContains(client.get(LOGIN), reverse("password_reset"))
    response = client.post(reverse("password_reset"), {"email": people.staff.email})
    assertRedirects(response, reverse("password_reset_done"))
    # An unknown address is answered the same, and nothing is sent.
    client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    assert people.staff.username in message.body
    link = re.search(r"http://testserver(/accounts/welcome/\S+/)", message.body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new = "ตั้งใหม่-Klongphon-2566"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    people.staff.refresh_from_db()
    assert people.staff.check_password(new)


def test_changing_the_password_ends_the_other_sessions(people):
    elsewhere, here = Client(), Client()
    elsewhere.force_login(people.staff)
    here.force_login(people.staff)
    new = "ใหม่-Klongphon-2566-x"
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assertRedirects(response, reverse("password_change_done"))
    assert here.get(reverse("organizations:detail")).status_code == 200
    assertRedirects(
        elsewhere.get(reverse("organizations:detail")),
        f"{LOGIN}?next={reverse('organizations:detail')}",
    )


def test_a_member_removed_from_the_organisation_is_logged_out(people, org):
    member, other = Client(), Client()
    member.force_login(people.head_a)
    other.force_login(people.head_b)
    assert member.get(reverse("organizations:detail")).status_code == 200
    services.membership_remove(
        membership=people.head_a.memberships.get(organization=org)
    )
    assert member.get(reverse("organizations:detail")).status_code == 302
    assert other.get(reverse("organizations:detail")).status_code == 200


def test_every_page_carries_the_content_security_policy(client, people):
    client.force_login(people.staff)
    for url in (reverse("home"), LOGIN, reverse("public:directory")):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline script"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]
# Documents are rendered to PDF by WeasyPrint, never shown as pages.
DOCUMENTS = ("document_base.html", "_pdf.html", "_verification_foot.html")


def test_no_page_template_holds_code_the_policy_would_block():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")) + sorted(
        ROOT.glob("*/templates/**/*.html")
    ):
        if path.parent.name == "reports" and path.name.endswith(DOCUMENTS):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert found == []
