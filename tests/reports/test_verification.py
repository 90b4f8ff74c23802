"""The public verification page /verify/<code>/: anyone, without logging in,
sees who approved the document and can check a copy against the original."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from measures import services as measures
from reports import services as memos
from tests.reports.test_signing import approve, one_byte_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(memo, org, people):
    call_command("signing_ca", verbosity=0)
    memos.signing_key_issue(organization=org, by=people.admin)
    return approve(memo, people, second_factor=True)


def _url(document):
    return reverse("verify_document", args=[document.code])


def _upload(client, document, content, name="copy.pdf"):
    return client.post(
        _url(document), {"file": SimpleUploadedFile(name, content, "application/pdf")}
    )


def test_anyone_sees_who_endorsed_and_approved(client, org, people, signed):
    document = signed["plan"]
    response = client.get(_url(document))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        org.name,
        document.memo.subject,
        document.get_kind_display(),
        document.sha256,
        "เห็นควรอนุมัติ",
        "อนุมัติ",
        people.palad.get_full_name(),
        people.mayor.get_full_name(),
        "ยืนยันตัวตนสองขั้นตอนแล้ว",
        document.signing_key.subject,
        "ไม่ใช่ผู้ออกใบรับรองสาธารณะ",
    ):
        assert text in html, text
    download = client.get(reverse("verify_download", args=[document.code]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == document.file.read()


def test_the_original_matches_and_its_signature_is_valid(client, signed):
    document = signed["memo"]
    response = _upload(client, document, document.file.read())
    html = response.content.decode()
    assert "ตรงกับต้นฉบับ" in html and 'data-testid="identical"' in html
    assert 'data-testid="signature-valid"' in html


def test_a_copy_with_one_byte_changed_does_not(client, signed):
    document = signed["memo"]
    response = _upload(client, document, one_byte_changed(document.file.read()))
    html = response.content.decode()
    assert "ไม่ตรงกับต้นฉบับ" in html and 'data-testid="identical"' not in html
    assert 'data-testid="signature-invalid"' in html


def test_another_approved_document_is_not_this_one(client, signed):
    response = _upload(client, signed["memo"], signed["plan"].file.read())
    assert 'data-testid="different"' in response.content.decode()


@pytest.mark.parametrize(
    "content, name",
    [(b"", "empty.pdf"), (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image.pdf")],
)
def test_what_is_not_a_pdf_is_refused_in_thai(client, signed, content, name):
    response = _upload(client, signed["memo"], content, name)
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html
    assert 'data-testid="identical"' not in html


def test_a_file_too_large_is_refused(client, signed, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(client, signed["memo"], b"%PDF-1.7\n" + b"0" * 2000)
    assert response.status_code == 400
    assert "เกินกำหนด" in response.content.decode()


def test_an_unknown_code_is_a_thai_404(client, signed):
    response = client.get(reverse("verify_document", args=["x" * 22]))
    assert response.status_code == 404
    assert "ไม่พบหน้านี้" in response.content.decode()
    assert client.get(reverse("verify_download", args=["x" * 22])).status_code == 404


def test_the_page_is_rate_limited(client, signed):
    url = _url(signed["memo"])
    answers = [client.get(url).status_code for _ in range(31)]
    assert answers[:30] == [200] * 30
    assert answers[30] == 429
    response = client.get(reverse("verify_document", args=["y" * 22]))
    assert response.status_code == 429
    assert "ถี่เกินกำหนด" in response.content.decode()


def test_behind_a_load_balancer_each_reader_has_their_own_limit(
    client, signed, settings
):
    """The limit counts the address the load balancer saw (CLIENT_IP_PROXY_COUNT),
    not the load balancer's own: one reader's checks leave another's alone."""
    settings.CLIENT_IP_PROXY_COUNT = 1
    url = _url(signed["memo"])
    one = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    other = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert [client.get(url, **one).status_code for _ in range(31)][-1] == 429
    assert client.get(url, **other).status_code == 200


def test_a_withdrawn_memo_says_so_with_when_and_by_whom(client, people, signed):
    document = signed["memo"]
    memos.memo_withdraw(memo=document.memo, by=people.admin, reason="ข้อมูลผิดพลาด")
    html = client.get(_url(document)).content.decode()
    assert 'data-testid="withdrawn"' in html
    assert people.admin.get_full_name() in html and "ข้อมูลผิดพลาด" in html


def test_a_superseded_plan_says_which_revision_replaced_it(client, people, signed):
    old = signed["plan"]
    revision = measures.plan_revise(plan=old.memo.plan, by=people.staff)
    approve(memos.memo_draft_for_plan(plan=revision, by=people.staff), people)
    html = client.get(_url(old)).content.decode()
    assert 'data-testid="superseded"' in html
    assert f"ฉบับที่ {revision.revision}" in html
    assert people.mayor.get_full_name() in html
