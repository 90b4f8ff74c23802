"""The overseer of อุบลราชธานี in a real browser: the overview of the
province's offices with every status, the late ones filtered, the XLSX
exported and a reminder sent. Screenshots go to artifacts/browser/oversight-*.png."""

import io
import re

import openpyxl
import pytest
from django.core import mail
from playwright.sync_api import expect

from demo import oversight as demo_oversight
from demo.organizations import DEMO_PASSWORD
from oversight.models import Reminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1400, "height": 900}


def test_the_overseer_sees_the_province_filters_the_late_exports_and_reminds(
    browser, live_server, shot
):
    demo_oversight.seed()
    context = browser.new_context(
        viewport=DESKTOP, locale="th-TH", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("ubon-overseer")
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.get_by_test_id("nav-oversight").click()

    rows = page.get_by_test_id("row")
    expect(rows).to_have_count(7)
    statuses = {rows.nth(i).get_attribute("data-status") for i in range(7)}
    assert statuses == {
        "none", "draft", "with_palad", "with_mayor", "approved", "published"
    }  # fmt: skip
    table = page.get_by_test_id("overview")
    for label in ["ยังไม่มีแผน", "อยู่ระหว่างจัดทำ", "เสนอปลัดพิจารณา", "เสนอนายกพิจารณา",
                  "อนุมัติแล้ว รอเผยแพร่", "เผยแพร่แล้ว", "รอบ 6 เดือน"]:  # fmt: skip
        expect(table).to_contain_text(label)
    expect(page.get_by_test_id("grades-chart").locator("svg")).to_be_visible()
    expect(
        page.get_by_test_id("published-chart").locator("line.deadline")
    ).to_have_count(1)
    expect(page.get_by_test_id("late-count")).to_have_text("6")
    shot(page, "oversight-overview")

    page.get_by_label("เฉพาะที่ล่าช้า").check()
    page.get_by_role("button", name="กรอง").click()
    expect(rows).to_have_count(6)
    expect(table).not_to_contain_text("องค์การบริหารส่วนจังหวัดอุบลราชธานี")
    shot(page, "oversight-late")

    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    sheet = openpyxl.load_workbook(
        io.BytesIO(open(download.value.path(), "rb").read())
    ).active
    exported = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(exported) == 6 and "องค์การบริหารส่วนจังหวัดอุบลราชธานี" not in exported

    mail.outbox.clear()
    page.get_by_label("องค์การบริหารส่วนตำบลกุดลาด").check()
    page.get_by_label("เทศบาลตำบลแสนสุข").check()
    page.get_by_test_id("remind").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "ส่งการแจ้งเตือนถึง 2 หน่วยงานแล้ว"
    )
    expect(page.get_by_test_id("overview")).to_contain_text("แจ้งเตือนแล้ว")
    shot(page, "oversight-reminded")
    assert Reminder.objects.filter(sent_by__username="ubon-overseer").count() == 2
    # Each office's staff and its admins (who do staff work), a mail each.
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "kudlat-admin@demo.ita.local",
        "kudlat-staff@demo.ita.local",
        "warin-subdistrict-admin@demo.ita.local",
        "warin-subdistrict-staff@demo.ita.local",
    ]
    assert all("ขอให้เร่งจัดทำ" in m.subject for m in mail.outbox)
    context.close()
