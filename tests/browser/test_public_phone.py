"""The public plan page on a phone, in a real browser."""

from datetime import date

import pytest

from measures import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_finds_the_statuses_on_a_phone(
    live_server, phone, shot, plan, people
):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    services.plan_publish(plan=plan, by=people.staff)
    first = plan.measures.order_by("order").first()
    services.progress_update_create(
        measure=first,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result="จัดประชุมชี้แจงบุคลากรแล้ว",
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 2))
    services.round_approve(round_=round_, by=people.mayor)
    services.round_publish(round_=round_, by=people.staff)

    phone.goto(f"{live_server.url}/public/")
    phone.get_by_role("link", name=plan.organization.name).click()
    phone.get_by_role("link", name=str(plan.fiscal_year)).click()
    statuses = phone.get_by_test_id("status")
    assert statuses.count() == plan.measures.count()
    assert statuses.first.inner_text().strip() == "ดำเนินการแล้ว"
    assert phone.get_by_text("จัดประชุมชี้แจงบุคลากรแล้ว").is_visible()
    # Nothing sideways: the page fits a phone's width.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(phone, "public-plan-phone")
