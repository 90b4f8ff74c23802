"""Documents rendered as background jobs (reports/jobs.py, reports/tasks.py):
a request never waits on a render; it gets the file when the same content
was rendered before, else a Thai progress state that polls (htmx) until the
download is there; a failure says so in Thai and can be retried. Here the
worker is simulated by running the queued task by hand; the tests marked
`celery_worker` (test_render_worker.py) use a real worker and Redis."""

import os

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from reports import jobs, tasks
from tests.reports.helpers import approve, pdftotext

PROGRESS_TEXT = "กำลังจัดทำเอกสาร"


@pytest.fixture
def queued(monkeypatch):
    """Requests queue renders without running them (a busy worker): the
    list of what was queued, to run later by hand."""
    calls = []
    monkeypatch.setattr(jobs, "_enqueue", lambda *args: calls.append(args))
    return calls


def run(calls):
    for kind, pk, digest, html in calls:
        tasks.render.apply(args=(kind, pk, digest, html), throw=True)
    calls.clear()


def test_without_a_broker_the_request_gets_the_document_and_then_from_storage(
    login, people, plan, monkeypatch
):
    client = login(people.staff)
    url = reverse("reports:plan_pdf", args=[plan.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    (stored,) = default_storage.listdir(f"renders/plan/{plan.pk}")[1]
    assert stored.endswith(".pdf")

    rendered = []

    def counted(html, **kwargs):
        rendered.append(html)
        raise OSError("no render expected")

    monkeypatch.setattr("reports.pdf.render_pdf", counted)
    assert client.get(url).content == first.content
    assert rendered == []
    # Changed content is another document: rendered anew.
    plan.measures.update(title="ชื่อมาตรการใหม่")
    client.get(url)
    assert rendered and "ชื่อมาตรการใหม่" in rendered[0]


def test_a_document_not_ready_shows_its_progress_then_the_download(
    login, people, plan, queued
):
    client = login(people.staff)
    url = reverse("reports:plan_pdf", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 202
    html = page.content.decode()
    assert PROGRESS_TEXT in html
    (kind, pk, digest, _html) = queued[0]
    poll = f"{url}?job={digest}"
    assert f'hx-get="{poll}"' in html
    # Every other request for the same content waits for the same job.
    assert client.get(url).status_code == 202
    assert len(queued) == 1
    # Polled by htmx: only the part of the page, still in progress.
    partial = client.get(poll, headers={"HX-Request": "true"})
    assert partial.status_code == 202
    assert "<html" not in partial.content.decode()
    assert PROGRESS_TEXT in partial.content.decode()

    run(queued)
    ready = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in ready
    assert 'data-state="ready"' in ready and f'href="{poll}"' in ready
    download = client.get(poll)
    assert download["Content-Type"] == "application/pdf"
    assert "มาตรการส่งเสริมคุณธรรม" in pdftotext(download.content)
    # And the document's own address serves it at once now.
    assert client.get(url).content == download.content


def test_a_job_of_another_object_is_not_served(login, people, plan, queued, org):
    client = login(people.staff)
    client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    run(queued)
    (name,) = default_storage.listdir(f"renders/plan/{plan.pk}")[1]
    digest = name.removesuffix(".pdf")
    # The analysis report of the same plan under the plan's key: not there.
    other = client.get(
        reverse("reports:plan_analysis_pdf", args=[plan.pk]) + f"?job={digest}"
    )
    assert other.status_code == 202
    assert other["Content-Type"].startswith("text/html")


def test_a_failed_render_says_so_in_thai_and_can_be_retried(
    login, people, plan, monkeypatch
):
    attempts = []

    def broken(html, **kwargs):
        attempts.append(True)
        raise OSError("fonts missing")

    monkeypatch.setattr("reports.pdf.render_pdf", broken)
    client = login(people.staff)
    url = reverse("reports:plan_pdf", args=[plan.pk])
    page = client.get(url)
    assert len(attempts) == 1 + tasks.MAX_RETRIES  # retried, then given up
    html = page.content.decode()
    assert page.status_code == 202
    assert "จัดทำเอกสารไม่สำเร็จ" in html
    assert "ลองอีกครั้ง" in html
    assert not default_storage.exists(f"renders/plan/{plan.pk}")
    # Still failed on the next view: it is not retried by every request.
    assert "จัดทำเอกสารไม่สำเร็จ" in client.get(url).content.decode()
    assert len(attempts) == 1 + tasks.MAX_RETRIES

    monkeypatch.undo()
    digest = jobs.digest_of(jobs.KINDS["plan"].html(plan))
    retried = client.post(url, {"job": digest})
    assert retried.status_code == 302 and retried["Location"] == url
    again = client.get(url)
    assert again.status_code == 200
    assert again["Content-Type"] == "application/pdf"


def test_two_workers_never_render_the_same_document_at_once(plan, monkeypatch):
    html = jobs.KINDS["plan"].html(plan)
    digest = jobs.digest_of(html)
    from django.core.cache import cache

    assert cache.add(jobs._lock_key("plan", plan.pk, digest), "other", 60)
    with pytest.raises(jobs.Busy):
        jobs.render("plan", plan.pk, digest, html)
    assert not default_storage.exists(jobs.file_name("plan", plan.pk, digest))
    cache.delete(jobs._lock_key("plan", plan.pk, digest))
    assert jobs.render("plan", plan.pk, digest, html) == jobs.READY


def test_a_render_that_dies_while_writing_leaves_no_file(plan, monkeypatch):
    html = jobs.KINDS["plan"].html(plan)
    digest = jobs.digest_of(html)

    def dies(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(OSError):
        jobs.render("plan", plan.pk, digest, html)
    assert not default_storage.exists(jobs.file_name("plan", plan.pk, digest))


def test_a_memo_approved_while_its_draft_renders_freezes_what_was_approved(
    login, people, memo, queued
):
    client = login(people.staff)
    draft = client.get(reverse("reports:memo_pdf", args=[memo.pk]))
    assert draft.status_code == 202  # the draft's render is still queued
    ((_kind, _pk, draft_digest, _html),) = queued
    approve(memo, people)
    frozen = memo.documents.get(kind="memo")
    run(queued)  # the draft's render finishes after the approval
    draft = jobs.status("memo", memo.pk, draft_digest)
    assert draft.ready
    # The approved copy is the approved memo (its decisions printed), not the
    # draft that was rendering meanwhile.
    memo.refresh_from_db()
    assert draft_digest != jobs.digest_of(jobs.KINDS["memo"].html(memo))
    assert frozen.file.open().read() != draft.read()
    assert people.mayor.get_full_name() in pdftotext(frozen.file.open().read())
    served = client.get(reverse("reports:memo_pdf", args=[memo.pk]))
    assert b"".join(served.streaming_content) == frozen.file.open().read()


def test_a_sheet_whose_data_changed_before_the_worker_got_to_it_is_asked_again(
    login, people, plan, queued
):
    client = login(people.staff)
    url = reverse("reports:plan_xlsx", args=[plan.pk])
    assert client.get(url).status_code == 202
    (kind, pk, digest, html) = queued[0]
    assert html is None  # a sheet is built from the database by the worker
    plan.measures.update(title="ชื่อที่แก้ระหว่างรอ")
    run(queued)
    poll = client.get(f"{url}?job={digest}", headers={"HX-Request": "true"})
    # Not the old content's job any more: the current content's, ready.
    assert 'data-state="ready"' in poll.content.decode()
    new_digest = jobs.digest_of(jobs.KINDS["plan-xlsx"].html(plan))
    assert new_digest != digest
    sheet = client.get(f"{url}?job={new_digest}")
    assert sheet.content[:4] == b"PK\x03\x04"
    assert 'attachment; filename="plan-' in sheet["Content-Disposition"]
