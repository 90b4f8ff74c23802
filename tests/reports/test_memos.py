"""Memos: drafted from a plan, sent up the chain, decided step by step."""

import hashlib
import subprocess
import unicodedata
from itertools import pairwise

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from measures.models import Plan
from reports import services as memos
from reports.documents import memo_pdf_bytes
from reports.models import ApprovedDocument, Memo
from tests.reports.helpers import (
    UNBROKEN,
    pdftotext,
    squeeze,
    words_outside_the_margins,
)
from tests.reports.test_pdf import body_lines, page_texts

pytestmark = pytest.mark.django_db


def nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return nfkc(out.stdout.decode())


def test_the_draft_states_the_score_the_lowest_indicators_and_the_proposal(memo):
    text = " ".join(p for s in memo.sections for p in s["paragraphs"])
    headings = [s["heading"] for s in memo.sections]
    assert headings == ["เรื่องเดิม", "ข้อเท็จจริง", "ข้อกฎหมายและระเบียบ", "ข้อเสนอเพื่อพิจารณา"]
    assert "มีคะแนนรวม 96.62 อยู่ในระดับ AA" in text
    assert "ด้าน IIT พบว่า" in text and "ด้าน EIT พบว่า" in text
    assert "ข้อ O36" in text or "ข้อ O4" in text  # the year's measures item
    assert "มติคณะรัฐมนตรี" not in text  # cited only for 2561–2564
    assert memo.subject.endswith("ประจำปีงบประมาณ พ.ศ. 2566")
    assert memo.addressee == "นายกเทศมนตรีตำบลคลองพน"
    assert memo.status == "draft" and memo.plan.status == "draft"


def test_a_memo_wraps_text_without_spaces_inside_the_page(memo):
    memo.subject = f"ขอเผยแพร่ที่ {UNBROKEN}"
    memo.sections[0]["paragraphs"].append(f"ดูได้ที่{UNBROKEN}")
    memo.save()
    pdf = memo_pdf_bytes(memo)
    assert squeeze(UNBROKEN) in squeeze(pdftotext(pdf))
    assert words_outside_the_margins(pdf) == []


def test_each_page_but_the_last_names_the_next_pages_first_word(memo):
    pages = page_texts(memo_pdf_bytes(memo))
    assert len(pages) >= 2
    for page, following in pairwise(pages):
        marker = body_lines(page)[-1]
        word = marker.removeprefix("/").removesuffix("...")
        assert marker == f"/{word}..." and word, marker
        assert body_lines(following)[0].startswith(word)
    assert not body_lines(pages[-1])[-1].endswith("...")


def test_sending_numbers_the_memo_submits_the_plan_and_mails_the_first_step(
    memo, people, django_capture_on_commit_callbacks
):
    people.palad.email = "palad@example.org"
    people.palad.save()
    with pytest.raises(PermissionDenied):
        memos.memo_decide(memo=memo, by=people.palad, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        memo = memos.memo_send(memo=memo, by=people.staff)
    assert (memo.status, memo.number, memo.submission) == ("pending", 1, 1)
    assert memo.reference_label == "กบ ๕๒๔๐๑/1"
    assert memo.current_approver == people.palad
    assert Plan.objects.get().status == "submitted"
    assert [m.to for m in mail.outbox] == [["palad@example.org"]]
    assert memo.get_absolute_url() in mail.outbox[0].body


def test_without_a_chain_nothing_is_sent(plan, people):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    with pytest.raises(ValidationError, match="เรียนผู้ใด"):
        memos.memo_send(memo=memo, by=people.staff)
    memo.addressee = "นายกเทศมนตรีตำบลคลองพน"
    memo.save()
    with pytest.raises(ValidationError, match="ลำดับการเสนอ"):
        memos.memo_send(memo=memo, by=people.staff)
    assert Memo.objects.get().status == "draft"
    assert Plan.objects.get().status == "draft"


def test_only_the_person_at_the_current_step_decides(login_signer, memo, people):
    memos.memo_send(memo=memo, by=people.staff)
    url = reverse("reports:memo_decide", args=[memo.pk])
    for persona in ("mayor", "staff", "head_a", "admin"):
        response = login_signer(getattr(people, persona)).post(url, {"approve": "1"})
        assert response.status_code == 403, persona
    assert login_signer(people.outsider).post(url, {"approve": "1"}).status_code == 404
    assert not memo.decisions.exists()
    with pytest.raises(PermissionDenied):
        memos.memo_decide(memo=memo, by=people.mayor, approve=True)


def test_a_rejection_returns_memo_and_plan_and_keeps_the_round(
    login, login_signer, memo, people
):
    memos.memo_send(memo=memo, by=people.staff)
    client = login_signer(people.palad)
    url = reverse("reports:memo_decide", args=[memo.pk])
    response = client.post(url, {"approve": "0", "comment": ""})
    assertContains(response, "กรุณาระบุเหตุผลที่ไม่เห็นชอบ", status_code=400)
    assert not memo.decisions.exists()

    client.post(url, {"approve": "0", "comment": "ขอให้ระบุระยะเวลาให้ชัดเจน"})
    memo.refresh_from_db()
    assert memo.status == "returned"
    assert Plan.objects.get().status == "draft"

    staff = login(people.staff)
    assertContains(
        staff.get(reverse("reports:memo_edit", args=[memo.pk])),
        "ขอให้ระบุระยะเวลาให้ชัดเจน",
    )
    memos.memo_send(memo=memo, by=people.staff)
    memo.refresh_from_db()
    assert (memo.submission, memo.current_approver) == (2, people.palad)
    page = staff.get(memo.get_absolute_url())
    assertContains(page, "เสนอครั้งที่ 1")
    assertContains(page, "ไม่เห็นควรอนุมัติ")


def test_the_chain_approves_the_plan_and_freezes_the_pdf(
    login_signer, memo, people, tmp_path
):
    memos.memo_send(memo=memo, by=people.staff)
    login_signer(people.palad).post(
        reverse("reports:memo_decide", args=[memo.pk]),
        {"approve": "1", "comment": "เห็นควรอนุมัติตามเสนอ"},
    )
    memo.refresh_from_db()
    assert memo.current_approver == people.mayor
    mayor = login_signer(people.mayor)
    assertContains(mayor.get(reverse("reports:memo_inbox")), memo.subject[:40])
    response = mayor.post(
        reverse("reports:memo_decide", args=[memo.pk]), {"approve": "1"}
    )
    assertRedirects(response, reverse("reports:memo_inbox"))

    memo.refresh_from_db()
    plan = Plan.objects.get()
    assert memo.status == "approved"
    assert (plan.status, plan.approved_by) == ("approved", people.mayor)

    stored = memo.documents.get(kind="memo")
    content = stored.file.read()
    assert hashlib.sha256(content).hexdigest() == stored.sha256
    text = pdf_text(content, tmp_path)
    for field in (
        "บันทึกข้อความ",
        memo.department,
        "๒๕๖๖" if memo.organization.thai_digits else "2566",
        "เห็นควรอนุมัติตามเสนอ",
        people.palad.get_full_name(),
        people.mayor.get_full_name(),
        "จึงเรียนมาเพื่อโปรดพิจารณา",
    ):
        assert nfkc(field) in text, field
    for section in memo.sections:
        for paragraph in section["paragraphs"]:
            assert nfkc(paragraph)[:60] in text

    # Frozen: the PDF served is the stored one, and nothing edits the memo.
    staff = login_signer(people.staff)
    assert staff.get(reverse("reports:memo_pdf", args=[memo.pk])).getvalue() == content
    edit = reverse("reports:memo_edit", args=[memo.pk])
    assert staff.post(edit, {"subject": "แก้หลังอนุมัติ"}).status_code == 403
    memo.refresh_from_db()
    assert memo.subject != "แก้หลังอนุมัติ"


def test_anyone_in_the_organisation_can_verify_the_approved_pdf(
    login, memo, people, media
):
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    stored = ApprovedDocument.objects.get(kind="memo")
    content = stored.file.read()
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(people.head_a)
    url = reverse("reports:verify")
    same = client.post(url, {"file": SimpleUploadedFile("a.pdf", content)})
    assertContains(same, 'data-testid="verified"')
    changed = client.post(
        url, {"file": SimpleUploadedFile("b.pdf", content + b"%tampered\n")}
    )
    assertContains(changed, 'data-testid="not-verified"')
    wrong = client.post(url, {"file": SimpleUploadedFile("c.pdf", b"hello")})
    assertNotContains(wrong, 'data-testid="verified"')
    assertNotContains(wrong, 'data-testid="not-verified"')
    assert (
        login(people.outsider)
        .post(url, {"file": SimpleUploadedFile("a.pdf", content)})
        .content.count(b'data-testid="verified"')
        == 0
    )


def test_staff_draft_edit_and_send_from_the_pages(login_signer, plan, people, chain):
    client = login_signer(people.staff)
    assertContains(client.get(plan.get_absolute_url()), "ร่างบันทึกเสนออนุมัติ")
    response = client.post(reverse("reports:memo_from_plan", args=[plan.pk]))
    memo = Memo.objects.get()
    assertRedirects(response, reverse("reports:memo_edit", args=[memo.pk]))
    data = {
        "department": "สำนักปลัดเทศบาล เทศบาลตำบลคลองพน โทร 075-641422",
        "reference": "",
        "date": "2023-04-23",
        "subject": memo.subject,
        "addressee": memo.addressee,
        "closing": memo.closing,
        "signer_name": "นางมะลิ ภูพรประเสริฐ",
        "signer_position": "หัวหน้าฝ่ายแผนงานและงบประมาณ\nรักษาการแทน หัวหน้าสำนักปลัดเทศบาล",
        "section-TOTAL_FORMS": "2",
        "section-INITIAL_FORMS": "1",
        "section-0-heading": "เรื่องเดิม",
        "section-0-text": "ย่อหน้าแรก\n\nย่อหน้าที่สอง",
        "section-1-heading": "",
        "section-1-text": "",
    }
    response = client.post(reverse("reports:memo_edit", args=[memo.pk]), data)
    assertRedirects(response, memo.get_absolute_url())
    memo.refresh_from_db()
    assert memo.sections == [
        {"heading": "เรื่องเดิม", "paragraphs": ["ย่อหน้าแรก", "ย่อหน้าที่สอง"]}
    ]
    assert memo.signer_position.splitlines()[1] == "รักษาการแทน หัวหน้าสำนักปลัดเทศบาล"
    send = reverse("reports:memo_send", args=[memo.pk])
    assertContains(client.get(send), people.palad.get_full_name())
    assertRedirects(client.post(send), memo.get_absolute_url())
    assert Memo.objects.get().status == "pending"


def test_a_bad_edit_keeps_what_was_typed(login, memo, people):
    client = login(people.staff)
    response = client.post(
        reverse("reports:memo_edit", args=[memo.pk]),
        {
            "department": "",
            "date": "not a date",
            "subject": "เรื่องที่พิมพ์ไว้",
            "section-TOTAL_FORMS": "1",
            "section-INITIAL_FORMS": "0",
            "section-0-heading": "หัวข้อที่พิมพ์ไว้",
            "section-0-text": "ข้อความที่พิมพ์ไว้",
        },
    )
    assert response.status_code == 200
    assertContains(response, "เรื่องที่พิมพ์ไว้")
    assertContains(response, "ข้อความที่พิมพ์ไว้")
    memo.refresh_from_db()
    assert memo.subject != "เรื่องที่พิมพ์ไว้"


def test_only_staff_write_memos_and_set_the_chain(login, plan, people, chain):
    for persona in ("head_a", "palad", "mayor"):
        client = login(getattr(people, persona))
        assert (
            client.post(reverse("reports:memo_from_plan", args=[plan.pk])).status_code
            == 403
        )
        assert client.get(reverse("reports:chain_edit")).status_code == 403
    assert not Memo.objects.exists()


def test_the_chain_page_takes_executives_in_order(login, org, people):
    client = login(people.admin)
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    response = client.post(
        reverse("reports:chain_edit"), {"step_0": palad.pk, "step_1": mayor.pk}
    )
    assertRedirects(response, reverse("reports:memo_list"))
    assert [s.membership for s in org.approval_steps.all()] == [palad, mayor]
    staff = people.staff.memberships.get(organization=org)
    response = client.post(reverse("reports:chain_edit"), {"step_0": staff.pk})
    assert response.status_code == 200
    assert [s.membership for s in org.approval_steps.all()] == [palad, mayor]


def test_running_numbers_restart_each_fiscal_year(plan, people, chain):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memo.date = memo.date.replace(year=2022, month=9, day=30)
    memo.save()
    memos.memo_send(memo=memo, by=people.staff)
    other = Memo.objects.create(
        organization=plan.organization,
        department="x",
        date=memo.date.replace(month=10, day=1),
        subject="เรื่องอื่น",
        addressee="นายก",
        signer_name="ก",
        signer_position="ข",
    )
    memos.memo_send(memo=other, by=people.staff)
    third = Memo.objects.create(
        organization=plan.organization,
        department="x",
        date=memo.date.replace(month=11, day=1),
        subject="เรื่องที่สาม",
        addressee="นายก",
        signer_name="ก",
        signer_position="ข",
    )
    memos.memo_send(memo=third, by=people.staff)
    assert [m.number for m in Memo.objects.order_by("date")] == [1, 1, 2]


def test_a_progress_round_is_reported_and_approved_through_its_memo(
    login, plan, people, chain
):
    from datetime import date

    from measures import services

    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    measures = list(plan.measures.all())
    services.progress_update_create(
        measure=measures[0],
        by=people.staff,
        status="done",
        result="ทำแล้ว",
        reported_on=date(2023, 9, 1),
    )
    round_ = services.round_open(plan=plan, period="year", by=people.staff)
    client = login(people.staff)
    create = reverse("reports:memo_from_round", args=[round_.pk])
    assert client.post(create).status_code == 302
    assert not Memo.objects.exists()  # an open round has no memo yet

    services.round_close(round_=round_, by=people.staff, today=date(2023, 10, 2))
    assertContains(client.get(round_.get_absolute_url()), "ร่างบันทึกเสนอรายงาน")
    client.post(create)
    memo = Memo.objects.get()
    text = " ".join(p for s in memo.sections for p in s["paragraphs"])
    assert "ดำเนินการแล้ว จำนวน 1 มาตรการ" in text
    assert f"ยังไม่ดำเนินการ จำนวน {len(measures) - 1} มาตรการ" in text
    assert memo.kind == "progress" and memo.round == round_

    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    round_.refresh_from_db()
    assert (round_.status, round_.approved_by) == ("approved", people.mayor)
    assert memo.documents.filter(kind="memo").exists()
