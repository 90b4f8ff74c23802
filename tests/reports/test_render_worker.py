"""The documents' jobs on a real Celery worker and Redis (tests/celery_support.py):
the request returns before the render, the worker stores the file, the page's
poll then offers it; two renders of one document never run at once; an
approval freezes its documents through the worker after the commit."""

import threading
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from reports import jobs
from tests.reports.helpers import approve, pdftotext

pytestmark = pytest.mark.celery_worker

TIMEOUT = 90  # seconds; the machine may be busy


def wait_for(check, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {TIMEOUT} s")


def test_the_request_returns_before_the_render_and_the_poll_offers_the_download(
    celery_redis_worker, login, people, long_plan, monkeypatch
):
    started = threading.Event()
    release = threading.Event()
    from reports import pdf

    original = pdf.render_pdf

    def slow(html, **kwargs):
        started.set()
        release.wait(TIMEOUT)
        return original(html, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", slow)
    client = login(people.staff)
    url = reverse("reports:plan_pdf", args=[long_plan.pk])
    page = client.get(url)
    assert page.status_code == 202
    assert "กำลังจัดทำเอกสาร" in page.content.decode()
    assert started.wait(TIMEOUT), "the worker never started the render"
    digest = jobs.digest_of(jobs.KINDS["plan"].html(long_plan))
    poll = f"{url}?job={digest}"
    htmx = {"HX-Request": "true"}
    assert "กำลังจัดทำเอกสาร" in client.get(poll, headers=htmx).content.decode()
    release.set()
    wait_for(
        lambda: 'data-state="ready"' in client.get(poll, headers=htmx).content.decode(),
        "the download",
    )
    document = client.get(poll)
    assert document["Content-Type"] == "application/pdf"
    assert "มาตรการส่งเสริมคุณธรรม" in pdftotext(document.content)


def test_two_workers_asked_for_one_document_render_it_once(
    celery_redis_worker, plan, monkeypatch
):
    from reports import pdf

    original = pdf.render_pdf
    renders = []

    def counted(html, **kwargs):
        renders.append(threading.get_ident())
        time.sleep(1)  # long enough for the other thread to try
        return original(html, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counted)
    html = jobs.KINDS["plan"].html(plan)
    digest = jobs.digest_of(html)
    render = celery_redis_worker.tasks["reports.render"]
    render.delay("plan", plan.pk, digest, html)
    render.delay("plan", plan.pk, digest, html)  # both worker threads take one
    name = jobs.file_name("plan", plan.pk, digest)
    wait_for(lambda: default_storage.exists(name), "the rendered file")
    time.sleep(5)  # the busy one retries (2 s) and finds the file
    assert len(renders) == 1
    assert jobs.status("plan", plan.pk, digest).ready


def test_the_approval_freezes_its_documents_on_the_worker(
    celery_redis_worker, memo, people
):
    from celery.signals import task_postrun

    frozen = threading.Event()

    def finished(sender=None, state=None, **kwargs):
        if sender.name == "reports.freeze" and state == "SUCCESS":
            frozen.set()

    # Waited for by the task's end, not by reading the table meanwhile: on
    # SQLite the test's and the worker's connections would lock each other.
    task_postrun.connect(finished, weak=False)
    try:
        approve(memo, people)
        assert not frozen.is_set()  # the decision did not wait for the renders
        assert frozen.wait(TIMEOUT), "the freeze task did not finish"
    finally:
        task_postrun.disconnect(finished)
    assert memo.documents.count() == 3
    frozen = memo.documents.get(kind="plan")
    assert frozen.size > 0
    assert pdftotext(frozen.file.open().read())
