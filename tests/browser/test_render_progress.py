"""Staff ask for the large plan's PDF while a real Celery worker renders it
(Redis as broker, tests/celery_support.py): the browser shows the Thai
progress state, then, without reloading the page, the download."""

import re
import threading

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from reports import pdf
from tests.factories import PASSWORD
from tests.reports.helpers import LONG_STEP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


def large(plan, division_a, division_b):
    first = plan.measures.first()
    for n in range(1, 31):
        measure = Measure.objects.create(
            plan=plan,
            order=100 + n,
            title=f"มาตรการเพิ่มเติมที่ {n} ส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
            steps=[f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 5)],
            lead_division=division_a,
            follow_up="รายงานผลในการประชุมประจำเดือน",
            indicators=first.indicators,
        )
        measure.divisions.set([division_a, division_b])
        measure.answers.set(first.answers.all())
    return plan


def test_staff_see_the_progress_then_the_download(
    celery_redis_worker,
    media,
    live_server,
    browser,
    shot,
    plan,
    people,
    division_a,
    division_b,
    monkeypatch,
):
    plan = large(plan, division_a, division_b)
    # The worker's render waits until the test has seen the progress state
    # (a busy worker's queue, made certain).
    seen = threading.Event()
    original = pdf.render_pdf

    def held(html, **kwargs):
        seen.wait(60)
        return original(html, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", held)

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(people.staff.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))

    page.goto(f"{live_server.url}/memos/plans/{plan.pk}/plan.pdf")
    job = page.get_by_test_id("document-job")
    expect(job).to_have_attribute("data-state", "pending")
    expect(job).to_contain_text("กำลังจัดทำเอกสาร")
    page.evaluate("window.sameDocument = true")
    shot(page, "render-progress-1-pending")
    seen.set()

    download = page.get_by_test_id("document-download")
    expect(download).to_be_visible(timeout=90_000)
    expect(job).to_have_attribute("data-state", "ready")
    assert page.evaluate("window.sameDocument") is True  # no reload
    shot(page, "render-progress-2-ready")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:4] == b"%PDF"
    context.close()
