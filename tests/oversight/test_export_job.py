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
    response = client.post(reverse("oversight:export") + "?kind=city&page=3")
    assert response.status_code == 302
    job_url = response["Location"]
    page = client.get(job_url)
    assertContains(page, "กำลังจัดทำเอกสาร")
    assertContains(page, f'hx-get="{job_url}"')
    assert 'data-state="pending"' in client.get(job_url, headers=HTMX).content.decode()

    (export_id, query, base_url, language) = queued_only[0]
    assert "kind=city" in query and "page" not in query  # the filters, not the page
    exports.build(export_id, query, base_url, language)
    fiscal_year = exports.export_of(export_id, province_overseer).fiscal_year

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
    job_url = client.post(reverse("oversight:export"))["Location"]
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
    job_url = client.post(reverse("oversight:export"))["Location"]
    page = client.get(job_url)
    assert page.status_code == 200
    assertContains(page, "จัดทำเอกสารไม่สำเร็จ")
    assert 'data-state="failed"' in page.content.decode()
    folder = f"exports/oversight/{province_overseer.pk}"
    assert [f for f in default_storage.listdir(folder)[1] if f.endswith(".xlsx")] == []


def test_every_process_sees_where_an_export_stands_without_the_cache(
    client, ubon_orgs, province_overseer, media
):
    """Another web process with its own memory cache (the default) finds the
    export by its signed id and its file in the shared storage."""
    from django.core.cache import cache

    client.force_login(province_overseer)
    job_url = client.post(reverse("oversight:export"))["Location"]
    cache.clear()
    assert client.get(job_url)["Content-Disposition"].startswith("attachment")


def test_an_export_past_its_time_is_gone_and_its_files_removed(
    client, ubon_orgs, province_overseer, media
):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    client.force_login(province_overseer)
    job_url = client.post(reverse("oversight:export"))["Location"]
    later = timezone.now() + timedelta(seconds=exports.EXPORT_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        assert client.get(job_url).status_code == 404
    assert exports.exports_remove_old() == 0  # still within twice its time
    folder = f"exports/oversight/{province_overseer.pk}"
    assert len(default_storage.listdir(folder)[1]) == 1
    twice = timezone.now() + timedelta(seconds=2 * exports.EXPORT_SECONDS + 60)
    assert exports.exports_remove_old(now=twice) == 1
    assert default_storage.listdir(folder)[1] == []


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
    job_url = client.post(reverse("oversight:export"))["Location"]
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
