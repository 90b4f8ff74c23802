"""The home page in a real browser, on a desktop and on a 390 px phone: staff
see the year's next step and its button, a division head the measures to
report, an executive the memo waiting for them. Screenshots go to
artifacts/browser/home-*.png."""

import re

import pytest
from playwright.sync_api import expect

from measures import services
from reports import services as memos
from tests.factories import PASSWORD
from tests.measures.factories import MeasureFactory, PlanFactory

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}


def open_home(browser, live_server, user, viewport, query=""):
    context = browser.new_context(
        viewport=viewport, locale="th-TH", is_mobile=viewport == PHONE
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(user.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.goto(f"{live_server.url}/{query}")
    return context, page


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_each_role_finds_its_next_step_on_the_home_page(
    browser, live_server, shot, plan, people, org, division_a, media
):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )
    year = f"?year={plan.fiscal_year}"

    # Staff: the plan is drafted, the next step is its memo.
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page = open_home(browser, live_server, people.staff, viewport, year)
        button = page.get_by_test_id("next-action")
        expect(button).to_be_visible()
        expect(button).to_have_text("ร่างบันทึกข้อความเสนอแผน")
        expect(page.get_by_test_id("nav-tasks-count").first).to_have_count(1)
        fits(page, viewport["width"])
        shot(page, f"home-staff-{name}")
        if name == "desktop":
            # The current year: nothing yet, the empty state says what to do.
            page.goto(f"{live_server.url}/")
            expect(page.get_by_test_id("empty-scores")).to_be_visible()
            shot(page, "home-staff-empty-year")
        context.close()

    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)

    # The ปลัด: the memo waits for them, one tap away.
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page = open_home(browser, live_server, people.palad, viewport, year)
        task = page.get_by_test_id("task").first
        expect(task).to_be_visible()
        expect(task).to_contain_text(memo.subject)
        expect(page.get_by_test_id("next-action")).to_have_text("พิจารณาบันทึกข้อความ")
        fits(page, viewport["width"])
        shot(page, f"home-palad-{name}")
        if name == "phone":
            task.click()
            expect(page).to_have_url(re.compile(rf"/memos/{memo.pk}/$"))
        context.close()

    # A division head: a plan in force with a round open.
    in_force = PlanFactory(organization=org, fiscal_year=plan.fiscal_year - 1)
    MeasureFactory(
        plan=in_force,
        title="จัดทำคู่มือการปฏิบัติงานด้านการเงินและเผยแพร่ต่อสาธารณะ",
        lead_division=division_a,
    )
    services.round_open(plan=in_force, period="year", by=people.staff)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page = open_home(browser, live_server, people.head_a, viewport, year)
        task = page.get_by_test_id("task").first
        expect(task).to_be_visible()
        expect(task).to_contain_text("จัดทำคู่มือการปฏิบัติงาน")
        expect(page.get_by_test_id("waiting").first).to_be_visible()
        fits(page, viewport["width"])
        shot(page, f"home-head-{name}")
        context.close()


def test_staff_set_a_due_date_and_the_home_page_says_the_step_is_late(
    browser, live_server, shot, plan, people, media
):
    context, page = open_home(
        browser, live_server, people.staff, DESKTOP, f"?year={plan.fiscal_year}"
    )
    page.get_by_test_id("set-deadlines").click()
    page.get_by_label("เสนอบันทึกข้อความ").fill("1/10/2565")  # long past
    page.get_by_label("เผยแพร่แผน").fill("30/9/2600")
    page.locator("main button[type=submit]").click()
    memo_step = page.get_by_test_id("step-memo")
    expect(memo_step.get_by_test_id("step-deadline")).to_contain_text(
        "กำหนดเสร็จ 1 ตุลาคม 2565"
    )
    expect(memo_step).to_contain_text("เลยกำหนด")
    expect(page.get_by_test_id("step-published")).not_to_contain_text("เลยกำหนด")
    shot(page, "home-staff-deadlines")
    context.close()
