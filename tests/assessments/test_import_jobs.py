"""The score import as a background job (assessments/imports.py,
assessments/tasks.py). Eager (no broker, as in ./run.sh): the upload answers
as it always did. On a real worker and Redis (tests/celery_support.py): the
upload answers at once with the Thai progress state, the page's poll then
brings the outcome, the rows to fix or the assessment with its message."""

import time
from decimal import Decimal as D

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import imports, services, spreadsheets
from assessments.models import FrameworkYear, IndicatorScore
from ita_portal.xlsx import XLSX_MIME
from tests.assessments.test_spreadsheets import filled

FY = 2565
TIMEOUT = 90  # seconds; the machine may be busy
HTMX = {"HX-Request": "true"}


@pytest.fixture
def assessment(org, db):
    return services.assessment_create(organization=org, fiscal_year=FY, by=None)


def post(client, assessment, content: bytes):
    url = reverse("assessments:import", args=[assessment.pk])
    return client.post(
        url, {"file": SimpleUploadedFile("คะแนน.xlsx", content, content_type=XLSX_MIME)}
    )


def score_of(assessment, number):
    found = IndicatorScore.objects.filter(
        assessment=assessment, indicator__number=number
    ).first()
    return found and found.score


def stored_imports() -> list[str]:
    if not default_storage.exists("imports/scores"):
        return []
    folders, _files = default_storage.listdir("imports/scores")
    return [
        name
        for folder in folders
        for name in default_storage.listdir(f"imports/scores/{folder}")[1]
    ]


@pytest.mark.django_db
def test_eager_the_upload_imports_in_the_request_as_before(login, people, assessment):
    framework = FrameworkYear.objects.get(fiscal_year=FY)
    client = login(people.staff)
    response = post(client, assessment, filled(framework, {"1": 91.5, "2": 88}))
    assert response.status_code == 302
    assert response.url == assessment.get_absolute_url()
    page = client.get(response.url)
    assert "นำเข้าคะแนนแล้ว 2 รายการ" in page.content.decode()
    assert score_of(assessment, 1) == D("91.50")
    assert stored_imports() == []  # the stored upload is gone once imported


@pytest.mark.django_db
def test_eager_the_rows_to_fix_show_on_the_import_page(login, people, assessment):
    framework = FrameworkYear.objects.get(fiscal_year=FY)
    client = login(people.staff)
    response = post(client, assessment, filled(framework, {"1": 150}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "ยังไม่ได้บันทึก ไฟล์มีแถวที่ต้องแก้ไข" in body
    assert "(1)" in body
    assert score_of(assessment, 1) is None
    assert stored_imports() == []


@pytest.mark.django_db
def test_eager_a_failing_import_says_so_in_thai_and_saves_nothing(
    login, people, assessment, monkeypatch
):
    framework = FrameworkYear.objects.get(fiscal_year=FY)

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(spreadsheets, "import_file", broken)
    client = login(people.staff)
    response = post(client, assessment, filled(framework, {"1": 91.5}))
    assert response.status_code == 200
    assert 'data-testid="import-failed"' in response.content.decode()
    assert "นำเข้าคะแนนไม่สำเร็จ" in response.content.decode()
    assert score_of(assessment, 1) is None
    assert stored_imports() == []


@pytest.mark.django_db
def test_a_job_of_another_assessment_or_unknown_shows_nothing_of_it(
    login, people, assessment, other_org
):
    other = services.assessment_create(organization=other_org, fiscal_year=FY, by=None)
    client = login(people.staff)
    url = reverse("assessments:import", args=[assessment.pk])
    page = client.get(f"{url}?job=nonsense")
    assert page.status_code == 200
    assert 'data-state="missing"' in page.content.decode()
    assert imports.status(assessment=other, job_id="nonsense").state == imports.MISSING


def wait_for(check, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {TIMEOUT} s")


@pytest.mark.celery_worker
def test_on_a_worker_the_page_polls_until_the_import_is_done(
    celery_redis_worker, login, people, assessment, monkeypatch
):
    import threading

    framework = FrameworkYear.objects.get(fiscal_year=FY)
    release = threading.Event()
    original = spreadsheets.import_file

    def slow(**kwargs):
        release.wait(TIMEOUT)
        return original(**kwargs)

    monkeypatch.setattr(spreadsheets, "import_file", slow)
    client = login(people.staff)
    response = post(client, assessment, filled(framework, {"1": 91.5, "2": 88}))
    assert response.status_code == 302  # answered before the import ran
    page = client.get(response.url)
    body = page.content.decode()
    assert "กำลังนำเข้าคะแนน" in body and 'hx-get="' in body
    assert score_of(assessment, 1) is None
    poll = client.get(response.url, headers=HTMX)
    assert 'data-state="pending"' in poll.content.decode()
    release.set()
    done = wait_for(
        lambda: (
            (answer := client.get(response.url, headers=HTMX)).has_header("HX-Redirect")
            and answer
        ),
        "the import",
    )
    assert done["HX-Redirect"] == assessment.get_absolute_url()
    assert "นำเข้าคะแนนแล้ว 2 รายการ" in client.get(done["HX-Redirect"]).content.decode()
    assert score_of(assessment, 1) == D("91.50")
    assert stored_imports() == []


@pytest.mark.celery_worker
def test_on_a_worker_the_rows_to_fix_reach_the_page(
    celery_redis_worker, login, people, assessment
):
    framework = FrameworkYear.objects.get(fiscal_year=FY)
    client = login(people.staff)
    response = post(client, assessment, filled(framework, {"1": 150, "2": "abc"}))
    assert response.status_code == 302
    poll = wait_for(
        lambda: (
            (
                'data-state="done"'
                in (answer := client.get(response.url, headers=HTMX)).content.decode()
            )
            and answer
        ),
        "the import's outcome",
    )
    body = poll.content.decode()
    assert "ยังไม่ได้บันทึก ไฟล์มีแถวที่ต้องแก้ไข" in body
    assert "(1)" in body and "(2)" in body
    assert 'hx-get="' not in body  # polling stops
    # A reload still shows them, with the form to upload the fixed file.
    again = client.get(response.url).content.decode()
    assert "(1)" in again and 'type="file"' in again
    assert score_of(assessment, 1) is None
