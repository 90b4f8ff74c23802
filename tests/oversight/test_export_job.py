"""The overview's export is a background job (oversight/exports.py): the
request leads to the export's page, which shows the progress until the
workbook is there and then offers it; an export is its overseer's own; a
failure says so in Thai and leaves no file."""

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pytest_django.asserts import assertContains

from ita_portal.celery import app as celery_app
from oversight import exports

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def queued_only(monkeypatch):
    """The broker takes the task and no worker has run it yet."""
    sent = []
    task = celery_app.tasks["oversight.export"]
    monkeypatch.setattr(task, "delay", lambda *args: sent.append(args))
    return sent


def test_the_page_shows_the_progress_then_offers_the_workbook(
    client, ubon_orgs, province_overseer, queued_only, media
):
    client.force_login(province_overseer)
    response = client.get(reverse("oversight:export"), {"kind": "city", "page": "3"})
    assert response.status_code == 302
    job_url = response["Location"]
    page = client.get(job_url)
    assertContains(page, "กำลังจัดทำเอกสาร")
    assertContains(page, f'hx-get="{job_url}"')
    assert 'data-state="pending"' in client.get(job_url, headers=HTMX).content.decode()

    (export_id, user_pk, fiscal_year, query, base_url, language) = queued_only[0]
    assert "kind=city" in query and "page" not in query  # the filters, not the page
    exports.build(export_id, user_pk, fiscal_year, query, base_url, language)

    ready = client.get(job_url, headers=HTMX).content.decode()
    assert 'data-state="ready"' in ready and "hx-get" not in ready
    assert f"oversight-{fiscal_year}.xlsx" in ready
    download = client.get(job_url)
    assert download["Content-Disposition"] == (
        f'attachment; filename="oversight-{fiscal_year}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ubon_orgs["city"].name
    ]


def test_an_export_is_its_overseers_own(
    client, ubon_orgs, province_overseer, district_overseer, media
):
    client.force_login(province_overseer)
    job_url = client.get(reverse("oversight:export"))["Location"]
    assert client.get(job_url).status_code == 200
    client.force_login(district_overseer)
    assert client.get(job_url).status_code == 404
    unknown = reverse("oversight:export_job", args=["x" * 22])
    assert client.get(unknown).status_code == 404


def test_a_failed_export_says_so_in_thai_and_leaves_no_file(
    client, ubon_orgs, province_overseer, monkeypatch, media
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "workbook", broken)
    client.force_login(province_overseer)
    job_url = client.get(reverse("oversight:export"))["Location"]
    page = client.get(job_url)
    assert page.status_code == 200
    assertContains(page, "จัดทำเอกสารไม่สำเร็จ")
    assert 'data-state="failed"' in page.content.decode()
    assert not default_storage.exists("exports/oversight")


@pytest.mark.celery_worker
def test_on_a_real_worker_the_request_returns_first_and_the_poll_offers_the_file(
    celery_redis_worker, client, ubon_orgs, province_overseer, monkeypatch, media
):
    import threading
    import time

    started, release = threading.Event(), threading.Event()
    original = exports.workbook

    def slow(*args, **kwargs):
        started.set()
        release.wait(60)
        return original(*args, **kwargs)

    monkeypatch.setattr(exports, "workbook", slow)
    client.force_login(province_overseer)
    job_url = client.get(reverse("oversight:export"))["Location"]
    assertContains(client.get(job_url), "กำลังจัดทำเอกสาร")
    assert started.wait(60), "the worker never started the export"
    release.set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if 'data-state="ready"' in client.get(job_url, headers=HTMX).content.decode():
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the export was not ready within 60 s")
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(job_url).content)).active
    assert sheet.max_row == 3  # the headers and the province's two offices
