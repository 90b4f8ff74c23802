"""A division head turns notification mail off from the menu under their
name, on a phone, and sees it stay off. Screenshot:
artifacts/browser/notification-preferences.png."""

import re

import pytest
from playwright.sync_api import expect

from notifications.services import wants_mail
from tests.factories import PASSWORD

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_head_turns_notification_mail_off_from_the_menu(
    browser, live_server, shot, people
):
    context = browser.new_context(viewport=PHONE, locale="th-TH", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(people.head_a.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.get_by_role("button", name="เปิดเมนู").click()
    page.locator(".current-org").click()
    page.get_by_role("link", name="การแจ้งเตือนทางอีเมล").click()
    box = page.get_by_label("รับอีเมลแจ้งเตือน")
    expect(box).to_be_checked()
    box.uncheck()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("ปิดอีเมลแจ้งเตือนแล้ว")).to_be_visible()
    expect(page.get_by_label("รับอีเมลแจ้งเตือน")).not_to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "notification-preferences")
    assert not wants_mail(people.head_a)
    context.close()
