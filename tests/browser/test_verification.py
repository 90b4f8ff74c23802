"""A reader of an approved document opens the verification link its pages
carry (the URL its QR code holds), sees who approved it, and checks a copy:
the original "ตรงกับต้นฉบับ", a modified copy does not."""

import re
import subprocess

import pytest
from django.core.management import call_command

from reports import services as memos

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approved_memo_pdf(plan, org, people):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )
    call_command("signing_ca", verbosity=0)
    memos.signing_key_issue(organization=org, by=people.admin)
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True, second_factor=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True, second_factor=True)
    return memo.documents.get(kind="memo")


def test_a_reader_verifies_an_approved_memo_from_its_link(
    live_server, browser, shot, plan, org, people, settings, media, tmp_path
):
    settings.PORTAL_URL = live_server.url
    document = _approved_memo_pdf(plan, org, people)
    original = tmp_path / "memo.pdf"
    original.write_bytes(document.file.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(original), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The link printed beside the QR code on the first page's foot (the QR
    # encodes this same URL: tests/reports/test_verification_foot.py).
    url = re.search(r"(http://\S+/verify/[A-Za-z0-9_-]{22}/)", text).group(1)

    context = browser.new_context(locale="th-TH")  # nobody logged in
    page = context.new_page()
    page.goto(url)
    assert page.get_by_test_id("approved").is_visible()
    decisions = page.get_by_test_id("decision").all_inner_texts()
    assert any(people.mayor.get_full_name() in d for d in decisions)
    assert any(people.palad.get_full_name() in d for d in decisions)
    assert page.get_by_test_id("sha256").inner_text() == document.sha256

    page.set_input_files("input[type=file]", str(original))
    page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
    assert "ตรงกับต้นฉบับ" in page.get_by_test_id("identical").inner_text()
    assert page.get_by_test_id("signature-valid").is_visible()
    shot(page, "verification-original")

    changed = bytearray(original.read_bytes())
    changed[10] ^= 0x01
    modified = tmp_path / "memo-modified.pdf"
    modified.write_bytes(bytes(changed))
    page.set_input_files("input[type=file]", str(modified))
    page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
    assert "ไม่ตรงกับต้นฉบับ" in page.get_by_test_id("different").inner_text()
    assert page.get_by_test_id("identical").count() == 0
    assert page.get_by_test_id("signature-invalid").is_visible()
    shot(page, "verification-modified")
    context.close()
