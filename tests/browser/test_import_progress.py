"""Staff import a score file while a real Celery worker imports it (Redis as
broker, tests/celery_support.py): the browser shows the Thai progress state,
then, without reloading, the rows to fix; a good file then leads to the
assessment with its message."""

import re
import threading

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services, spreadsheets
from assessments.models import FrameworkYear
from tests.assessments.test_spreadsheets import filled
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


def test_staff_see_the_import_progress_then_its_outcome(
    celery_redis_worker,
    media,
    live_server,
    browser,
    shot,
    org,
    people,
    monkeypatch,
    tmp_path,
):
    assessment = services.assessment_create(organization=org, fiscal_year=2565, by=None)
    framework = FrameworkYear.objects.get(fiscal_year=2565)
    wrong, right = tmp_path / "ผิด.xlsx", tmp_path / "ถูก.xlsx"
    wrong.write_bytes(filled(framework, {"1": 150}))
    right.write_bytes(filled(framework, {"1": 91.5, "2": 88}))
    seen = threading.Event()
    original = spreadsheets.import_file

    def held(**kwargs):
        seen.wait(60)
        return original(**kwargs)

    monkeypatch.setattr(spreadsheets, "import_file", held)

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

    page.goto(live_server.url + reverse("assessments:import", args=[assessment.pk]))
    page.locator("input[type=file]").set_input_files(str(wrong))
    page.locator("main form button[type=submit]").click()
    job = page.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-state", "pending")
    expect(job).to_contain_text("กำลังนำเข้าคะแนน")
    page.evaluate("window.sameDocument = true")
    shot(page, "import-progress-1-pending")
    seen.set()
    expect(job).to_have_attribute("data-state", "done")
    expect(job).to_contain_text("ยังไม่ได้บันทึก ไฟล์มีแถวที่ต้องแก้ไข")
    assert page.evaluate("window.sameDocument === true"), "the page reloaded"
    shot(page, "import-progress-2-rows")

    page.locator("input[type=file]").set_input_files(str(right))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + assessment.get_absolute_url())
    expect(page.locator("body")).to_contain_text("นำเข้าคะแนนแล้ว 2 รายการ")
    shot(page, "import-progress-3-done")
    context.close()
