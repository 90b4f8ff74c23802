"""The mail of a memo's way, as it arrives at a real SMTP server
(tests/mailserver.py): the next person is told it waits for them, the author
that it was approved or returned, in Thai, encoded so that a mail client
shows Thai, with the link back to the memo."""

import pytest
from django.utils.text import Truncator

from notifications.models import Notification
from reports import services as memos

pytestmark = pytest.mark.django_db

PORTAL = "http://127.0.0.1:8000"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as a request would: its mail goes once it commits."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def assert_thai_utf8(arrived):
    message = arrived.message
    assert arrived.subject.startswith("[ระบบ ITA]")
    # Encoded for the wire: the raw header is RFC 2047 (ASCII only), the
    # body says its charset, and the email package decodes both to Thai.
    headers = arrived.raw.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii()
    assert b"=?utf-8?b?" in headers
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Content-Transfer-Encoding"] in {
        "8bit",
        "quoted-printable",
        "base64",
    }


def test_the_memo_waiting_then_approved_arrives_in_thai_with_its_link(
    smtp_server, memo, people, committed
):
    committed(memos.memo_send, memo=memo, by=people.staff)
    (waiting,) = smtp_server.to(people.palad.email)
    assert_thai_utf8(waiting)
    title = Truncator(memo.subject).chars(90)
    assert waiting.subject == f"[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา: {title}"
    assert f"เรียน {people.palad.get_full_name()}" in waiting.body
    assert "มีบันทึกข้อความของเทศบาลตำบลคลองพน รอท่านพิจารณา" in waiting.body
    assert f"ดูรายละเอียดได้ที่: {PORTAL}{memo.get_absolute_url()}" in waiting.body

    committed(memos.memo_decide, memo=memo, by=people.palad, approve=True)
    (next_step,) = smtp_server.to(people.mayor.email)
    assert next_step.subject.startswith("[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา")

    committed(memos.memo_decide, memo=memo, by=people.mayor, approve=True)
    (approved,) = smtp_server.to(people.staff.email)
    assert_thai_utf8(approved)
    title = Truncator(memo.subject).chars(90)
    assert approved.subject == f"[ระบบ ITA] บันทึกข้อความได้รับอนุมัติแล้ว: {title}"
    assert "อนุมัติบันทึกข้อความของท่านแล้ว" in approved.body
    assert f"{PORTAL}{memo.get_absolute_url()}" in approved.body
    # Each one recorded: to whom and when it reached the server.
    sent = Notification.objects.order_by("created_at")
    assert [(n.kind, n.to) for n in sent] == [
        ("memo_waiting", people.palad.email),
        ("memo_waiting", people.mayor.email),
        ("memo_approved", people.staff.email),
    ]
    assert all(n.status == "sent" and n.sent_at for n in sent)


def test_a_returned_memo_tells_the_author_why(smtp_server, memo, people, committed):
    committed(memos.memo_send, memo=memo, by=people.staff)
    committed(
        memos.memo_decide,
        memo=memo,
        by=people.palad,
        approve=False,
        comment="กรุณาแก้ไขงบประมาณในมาตรการที่ ๒",
    )
    (returned,) = smtp_server.to(people.staff.email)
    assert_thai_utf8(returned)
    title = Truncator(memo.subject).chars(90)
    assert returned.subject == f"[ระบบ ITA] บันทึกข้อความถูกส่งกลับแก้ไข: {title}"
    assert "ส่งบันทึกข้อความของท่านกลับแก้ไข" in returned.body
    assert "เหตุผล: กรุณาแก้ไขงบประมาณในมาตรการที่ ๒" in returned.body
    assert f"{PORTAL}{memo.get_absolute_url()}" in returned.body


def test_an_executive_who_turned_mail_off_gets_none_and_the_memo_still_goes(
    smtp_server, memo, people, committed
):
    from notifications.services import preference_set

    preference_set(user=people.palad, email=False, by=people.palad)
    memo = committed(memos.memo_send, memo=memo, by=people.staff)
    assert memo.status == "pending"
    assert smtp_server.messages == []
    assert not Notification.objects.exists()


def test_a_mail_server_that_is_down_leaves_the_decision_made(
    settings, memo, people, committed
):
    from tests.mailserver import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody
    memo = committed(memos.memo_send, memo=memo, by=people.staff)
    memo.refresh_from_db()
    assert memo.status == "pending"
    (failed,) = Notification.objects.all()
    assert (failed.status, failed.to, failed.sent_at) == (
        "failed",
        people.palad.email,
        None,
    )
    assert "Connection refused" in failed.error or "Errno" in failed.error
