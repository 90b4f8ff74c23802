"""Signing asks for a fresh second factor and then does what was asked,
with nothing typed lost (issue 16, 1)."""

import time
from unittest import mock

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from reports.models import Memo
from twofactor.models import SecondFactorEvent
from twofactor.session import VERIFIED_AT

from .helpers import code_for, enrol, verify_session

pytestmark = pytest.mark.django_db
VERIFY = reverse("twofactor:verify")
COMMENT = "เห็นควรอนุมัติ โดยให้กองคลังรายงานผลทุกไตรมาส"


def asked_for_the_code(response) -> str:
    """The response sends the user to the code page, for a kept action;
    returns that page's address."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith(VERIFY + "?action="), location
    return location


def test_a_decision_waits_for_the_code_then_is_made_as_typed(client, people, pending):
    device = enrol(people.palad)
    client.force_login(people.palad)
    decide = reverse("reports:memo_decide", args=[pending.pk])
    response = client.post(decide, {"approve": "1", "comment": COMMENT})
    code_page = asked_for_the_code(response)
    pending.refresh_from_db()
    assert not pending.decisions.exists()

    page = client.get(code_page)
    assertContains(page, 'data-testid="pending-action"')
    response = client.post(code_page, {"code": code_for(device)})
    assertRedirects(response, reverse("reports:memo_inbox"))
    decision = pending.decisions.get()
    assert (decision.user, decision.approve, decision.comment) == (
        people.palad,
        True,
        COMMENT,
    )
    assert SecondFactorEvent.objects.filter(
        user=people.palad, kind="verified", by=people.palad
    ).exists()
    # Within OTP_FRESH_MINUTES the next signature needs no new code.
    pending.refresh_from_db()
    assert pending.current_approver == people.mayor


def test_a_wrong_code_keeps_the_decision_waiting(client, people, pending):
    enrol(people.palad)
    client.force_login(people.palad)
    decide = reverse("reports:memo_decide", args=[pending.pk])
    code_page = asked_for_the_code(
        client.post(decide, {"approve": "0", "comment": "ขอให้แก้ตัวชี้วัด"})
    )
    response = client.post(code_page, {"code": "000000"})
    assertContains(response, "รหัสไม่ถูกต้อง", status_code=400)
    assert not pending.decisions.exists()
    assertContains(client.get(code_page), 'data-testid="pending-action"')


def test_a_code_entered_for_another_page_does_not_carry_out_a_left_action(
    client, people, pending
):
    device = enrol(people.palad)
    client.force_login(people.palad)
    decide = reverse("reports:memo_decide", args=[pending.pk])
    asked_for_the_code(client.post(decide, {"approve": "1", "comment": COMMENT}))
    # The ปลัด leaves the code page; later a code is asked for another reason.
    page = client.get(VERIFY + "?next=/")
    assertNotContains(page, 'data-testid="pending-action"')
    response = client.post(VERIFY + "?next=/", {"code": code_for(device)})
    assertRedirects(response, "/", fetch_redirect_response=False)
    assert not pending.decisions.exists()
    forged = client.post(VERIFY + "?action=guess", {"code": code_for(device)})
    assert forged.status_code == 302
    assert not pending.decisions.exists()


def test_a_decision_refused_after_the_code_shows_its_message(client, people, pending):
    """The rule (a refusal gives its reason) is the service's: the code is
    asked first, then the memo page says what is missing."""
    device = enrol(people.palad)
    client.force_login(people.palad)
    decide = reverse("reports:memo_decide", args=[pending.pk])
    code_page = asked_for_the_code(client.post(decide, {"approve": "0", "comment": ""}))
    response = client.post(code_page, {"code": code_for(device)})
    assertContains(response, "กรุณาระบุเหตุผลที่ไม่เห็นชอบ", status_code=400)
    assert response.context["decision_form"].data["approve"] == "0"
    assert not pending.decisions.exists()
    # Now verified: the decision with its reason goes through at once.
    response = client.post(decide, {"approve": "0", "comment": "ขอให้แก้ตัวชี้วัด"})
    assertRedirects(response, reverse("reports:memo_inbox"))


def test_a_code_older_than_the_setting_is_asked_for_again(
    client, people, pending, settings
):
    settings.OTP_FRESH_MINUTES = 15
    client.force_login(people.palad)
    verify_session(client, people.palad)
    session = client.session
    session[VERIFIED_AT] = time.time() - 16 * 60
    session.save()
    decide = reverse("reports:memo_decide", args=[pending.pk])
    asked_for_the_code(client.post(decide, {"approve": "1"}))
    session = client.session
    session[VERIFIED_AT] = time.time() - 14 * 60
    session.save()
    response = client.post(decide, {"approve": "1"})
    assertRedirects(response, reverse("reports:memo_inbox"))


def test_a_signer_without_the_app_enrols_and_the_memo_is_then_sent(
    client, people, memo
):
    client.force_login(people.staff)
    send = reverse("reports:memo_send", args=[memo.pk])
    code_page = asked_for_the_code(client.post(send))
    action = code_page.split("?", 1)[1]
    setup = reverse("twofactor:setup") + "?" + action
    assertRedirects(client.get(code_page), setup, fetch_redirect_response=False)

    page = client.get(setup)
    assertContains(page, "<svg")
    assertContains(page, 'data-testid="pending-action"')
    device = TOTPDevice.objects.get(user=people.staff, confirmed=False)
    assertContains(page, page.context["secret"])
    wrong = client.post(setup, {"code": "12345"})
    assertContains(wrong, "รหัสจากแอปเป็นตัวเลข 6 หลัก")

    response = client.post(setup, {"code": code_for(device)})
    overview_url = reverse("twofactor:manage") + "?" + action
    assertRedirects(response, overview_url, fetch_redirect_response=False)
    overview = client.get(overview_url)
    codes = overview.context["new_codes"]
    assert len(codes) == 10
    for code in codes:
        assertContains(overview, code)
    assertContains(overview, 'data-testid="resume"')
    # Shown once.
    assert client.get(overview_url).context["new_codes"] is None
    memo.refresh_from_db()
    assert memo.status == Memo.Status.DRAFT

    response = client.post(reverse("twofactor:resume") + "?" + action)
    assertRedirects(response, memo.get_absolute_url(), fetch_redirect_response=False)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.PENDING
    event = SecondFactorEvent.objects.get(user=people.staff, kind="enrolled")
    assert event.by == people.staff and event.at is not None


def test_wrong_codes_lock_the_code_entry_with_the_wait_in_thai(
    client, people, settings
):
    settings.OTP_FAILURE_LIMIT = 3
    settings.OTP_LOCKOUT_SECONDS = 300
    device = enrol(people.palad)
    client.force_login(people.palad)
    for _ in range(2):
        assertContains(
            client.post(VERIFY, {"code": "111111"}), "รหัสไม่ถูกต้อง", status_code=400
        )
    locked = client.post(VERIFY, {"code": "111111"})
    assertContains(locked, "กรุณารออีก 5 นาทีแล้วลองใหม่", status_code=400)
    # Even the right code waits.
    refused = client.post(VERIFY, {"code": code_for(device)})
    assertContains(refused, "กรุณารออีก", status_code=400)
    assert not client.session.get(VERIFIED_AT)
    # Another user is not affected.
    other = enrol(people.mayor)
    client.force_login(people.mayor)
    response = client.post(VERIFY, {"code": code_for(other)})
    assert response.status_code == 302
    # Once the wait is over, the right code is taken.
    client.force_login(people.palad)
    later = time.time() + 301
    with mock.patch("twofactor.services.time.time", return_value=later):
        response = client.post(VERIFY, {"code": code_for(device, at=later)})
    assert response.status_code == 302


def test_a_recovery_code_works_once_and_is_recorded(client, people):
    device = enrol(people.mayor)
    client.force_login(people.mayor)
    verify_session(client, people.mayor)
    client.post(reverse("twofactor:recovery_renew"))
    codes = client.get(reverse("twofactor:manage")).context["new_codes"]
    assert SecondFactorEvent.objects.filter(kind="recovery_renewed").count() == 1
    # Shown once, kept only as a keyed hash: the database does not hold them.
    stored = set(
        StaticToken.objects.filter(device__user=people.mayor).values_list(
            "token", flat=True
        )
    )
    assert len(stored) == 10 and not stored & {c.lower() for c in codes}
    client.logout()
    client.force_login(people.mayor)
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assertContains(response, "ใช้รหัสสำรองแล้ว เหลืออีก 9 รหัส")
    assert StaticToken.objects.filter(device__user=people.mayor).count() == 9
    event = SecondFactorEvent.objects.get(kind="recovery_used")
    assert (event.user, event.by) == (people.mayor, people.mayor)
    client.logout()
    client.force_login(people.mayor)
    again = client.post(VERIFY, {"code": codes[0]})
    assertContains(again, "รหัสไม่ถูกต้อง", status_code=400)
    assert device.pk  # the app still works alongside


def test_the_org_admin_resets_a_members_second_factor(client, people, org):
    enrol(people.palad)
    client.force_login(people.admin)
    members = client.get(reverse("organizations:member_list"))
    assertContains(members, "ลงทะเบียนแล้ว")
    membership = people.palad.memberships.get(organization=org)
    url = reverse("twofactor:member_reset", args=[membership.pk])
    assertContains(members, url)
    response = client.post(url)
    assertRedirects(response, reverse("organizations:member_list"))
    assert not TOTPDevice.objects.filter(user=people.palad).exists()
    event = SecondFactorEvent.objects.get(kind="reset")
    assert (event.user, event.by, event.organization) == (
        people.palad,
        people.admin,
        org,
    )
    # Not for a member of another organisation, nor by a non-admin.
    client.force_login(people.staff)
    assert client.post(url).status_code == 403


def test_an_organisation_can_require_the_second_factor_of_every_member(
    client, people, org
):
    client.force_login(people.admin)
    form = client.get(reverse("organizations:edit")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "emblem"}
    data["require_second_factor"] = "on"
    client.post(reverse("organizations:edit"), data)
    org.refresh_from_db()
    assert org.require_second_factor

    client.force_login(people.head_a)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assertRedirects(
        client.get(response["Location"]),
        reverse("twofactor:setup") + "?next=/",
        fetch_redirect_response=False,
    )
    device = enrol(people.head_a)
    response = client.post(VERIFY + "?next=/", {"code": code_for(device)})
    assertRedirects(response, "/", fetch_redirect_response=False)
    assert client.get(reverse("home")).status_code == 200


def test_django_admin_needs_the_superusers_second_factor(client, people):
    people.admin.is_staff = people.admin.is_superuser = True
    people.admin.save()
    client.force_login(people.admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    verify_session(client, people.admin)
    assert client.get(reverse("admin:index")).status_code == 200
