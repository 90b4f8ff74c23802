"""The approved PDFs are signed (PAdES) with the organisation's key: poppler's
pdfsig and pyHanko's validator both find the signature valid on the
untouched file and broken once one byte is changed; the frozen SHA-256 is of
the signed bytes; every page carries the verification code and its QR code."""

import hashlib
import html
import re
import subprocess
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from audit.models import AuditEntry
from reports import services as memos
from reports import signing, verification
from reports.documents import memo_pdf_bytes
from reports.models import ApprovedDocument, SigningKey
from tests.reports.helpers import page_count, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org, people):
    call_command("signing_ca", verbosity=0)
    return memos.signing_key_issue(organization=org, by=people.admin)


def approve(memo, people, *, second_factor=False):
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True, second_factor=True)
    memos.memo_decide(
        memo=memo, by=people.mayor, approve=True, second_factor=second_factor
    )
    return {d.kind: d for d in memo.documents.all()}


def pdfsig(path) -> str:
    return subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, check=False
    ).stdout


def one_byte_changed(content: bytes) -> bytes:
    """The 11th byte (in the header's binary comment, inside the signed
    range) flipped: the file still opens, its signature no longer holds."""
    changed = bytearray(content)
    changed[10] ^= 0x01
    return bytes(changed)


def test_every_approved_pdf_is_signed_and_pdfsig_and_pyhanko_agree(
    memo, people, issued, tmp_path
):
    documents = approve(memo, people)
    assert set(documents) == {"memo", "analysis", "plan"}
    for kind, document in documents.items():
        content = document.file.read()
        assert hashlib.sha256(content).hexdigest() == document.sha256
        assert document.signing_key == issued
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(content)
        report = pdfsig(path)
        assert "Signature Validation: Signature is Valid." in report, report
        assert "Total document signed" in report
        check = signing.check_pdf(
            content, trust=[signing.certificates_of(issued.authority.certificate)[0]]
        )
        assert check.valid and check.intact and check.trusted
        assert "เทศบาล" in check.subject or issued.organization.name in check.subject

        broken = tmp_path / f"{kind}-changed.pdf"
        broken.write_bytes(one_byte_changed(content))
        report = pdfsig(broken)
        assert "Signature is Valid." not in report
        assert "Digest Mismatch" in report or "Invalid" in report, report
        assert not signing.check_pdf(broken.read_bytes(), trust=[]).intact


def test_the_stamp_names_who_endorsed_and_approved_and_the_second_factor(
    memo, people, issued
):
    document = approve(memo, people, second_factor=True)["memo"]
    reader = PdfReader(document.file.path)
    fields = reader.get_fields()
    assert "ITAPortalApproval" in fields
    memo.refresh_from_db()
    stamp = signing.stamp_text(memo, document.code)
    palad = memo.decisions.get(step=0)
    mayor = memo.decisions.get(step=1)
    assert f"เห็นควรอนุมัติ: {palad.name}" in stamp
    assert f"อนุมัติ: {mayor.name}" in stamp
    assert "ยืนยันตัวตนสองขั้นตอนแล้วทุกผู้พิจารณา" in stamp
    assert mayor.second_factor is True
    # The stamp is drawn in the นายก's signature block, where ink would go:
    # just above the approver's name, over it, and clear of every other line.
    x1, y1, x2, y2 = stamp_rect(reader.pages[-1])
    height = float(reader.pages[-1].mediabox[3])
    top, bottom = height - y2, height - y1  # as pdftotext measures, from the top
    content = document.file.read()
    words = word_boxes(content, len(reader.pages))
    name = [
        w for w in words if w.text.startswith("(") and mayor.name.split()[-1] in w.text
    ]
    name = name or [w for w in words if mayor.name.split()[0].strip("(") in w.text]
    assert name, words
    below = name[-1]
    assert 0 <= below.top - bottom < 30, (bottom, below)
    assert x1 < (below.left + below.right) / 2 < x2
    inside = [w for w in words if w.top >= top and w.bottom <= bottom]
    assert "".join(w.text for w in inside).startswith("ลงลายมือชื่อดิจิทัลในนามของ")
    assert x1 <= min(w.left for w in inside) and max(w.right for w in inside) <= x2
    across = [w for w in words if w.top < bottom and w.bottom > top and w not in inside]
    assert across == [], "the stamp covers the document's text"


def stamp_rect(page):
    widget = [
        a.get_object()
        for a in page.get("/Annots", [])
        if a.get_object().get("/FT") == "/Sig" or a.get_object().get("/Parent")
    ]
    assert widget, "no signature widget on the page"
    return tuple(float(v) for v in widget[0]["/Rect"])


@dataclass
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


def word_boxes(pdf: bytes, page: int) -> list[Word]:
    """The words of one page, the stamp's appearance included, with their
    boxes in points from the page's top left."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [
        Word(html.unescape(text), float(x1), float(y1), float(x2), float(y2))
        for x1, y1, x2, y2, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
            r"([^<]*)</word>",
            xhtml,
        )
    ]


def test_a_second_factor_not_verified_is_said_in_the_stamp(memo, people, issued):
    document = approve(memo, people, second_factor=False)["memo"]
    memo.refresh_from_db()
    assert "ยืนยันตัวตนสองขั้นตอนแล้ว: " in signing.stamp_text(memo, document.code)


def test_signing_leaves_the_rendered_text_layer_as_it_was(memo, people, issued):
    """Page by page, the signed PDF's text is the text of the same document
    rendered unsigned (with the same code), and the stamp's lines after it
    on the last page; each page's foot carries the code and its permalink."""
    document = approve(memo, people)["memo"]
    memo.refresh_from_db()
    signed = document.file.read()
    with verification.printing(document.code, signed=True):
        unsigned = memo_pdf_bytes(memo)
    pages = page_count(unsigned)
    assert page_count(signed) == pages
    for number in range(1, pages + 1):
        before, after = page_text(unsigned, number), page_text(signed, number)
        assert after.startswith(before.rstrip("\f").rstrip()), number
        assert f"{settings.PORTAL_URL}/verify/{document.code}/" in after
    assert "อนุมัติ: " in page_text(signed, pages).removeprefix(
        page_text(unsigned, pages).rstrip("\f").rstrip()
    )


def test_without_a_key_the_documents_are_frozen_unsigned_with_their_code(memo, people):
    documents = approve(memo, people)
    for document in documents.values():
        assert document.signing_key is None
        assert len(document.code) >= 22
        assert not signing.check_pdf(document.file.read()).signed
    assert not AuditEntry.objects.filter(action="signed").exists()


def test_codes_are_random_and_distinct(memo, people, issued):
    codes = [d.code for d in approve(memo, people).values()]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", c) for c in codes)


def test_private_keys_are_stored_only_encrypted(org, people, issued):
    stored = SigningKey.objects.get(pk=issued.pk)
    assert "PRIVATE KEY" not in stored.encrypted_key
    key = signing.decrypt_private_key(stored.encrypted_key)
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    assert der not in stored.encrypted_key.encode()
    assert AuditEntry.objects.filter(action="key_issued", organization=org).exists()


def test_production_without_a_secret_refuses_to_sign(settings):
    settings.SIGNING_KEY_SECRET = ""
    settings.DEBUG = False
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        signing.encrypt_private_key(signing.make_ca("x").private_key)


def _p12(material, password=b"secret"):
    return pkcs12.serialize_key_and_certificates(
        b"org",
        material.private_key,
        material.certificate,
        material.chain,
        BestAvailableEncryption(password),
    )


def test_an_uploaded_pkcs12_signs_the_documents(memo, org, people, tmp_path):
    ca = signing.make_ca("A CA of the organisation's choice")
    material = signing.issue(ca, organization_name=org.name, slug=org.slug)
    key = memos.signing_key_upload(
        organization=org, data=_p12(material), password="secret", by=people.admin
    )
    assert key.source == SigningKey.Source.UPLOADED
    document = approve(memo, people)["memo"]
    assert document.signing_key == key
    path = tmp_path / "memo.pdf"
    path.write_bytes(document.file.read())
    assert "Signature is Valid." in pdfsig(path)
    assert AuditEntry.objects.filter(action="key_uploaded").exists()


@pytest.mark.parametrize(
    "data, password, code",
    [
        (None, "wrong", "wrong_password"),
        (b"not a pkcs12 file at all", "secret", "damaged"),
        ("truncated", "secret", "damaged"),
    ],
)
def test_a_bad_pkcs12_is_refused_with_the_reason(org, people, data, password, code):
    material = signing.issue(
        signing.make_ca("CA"), organization_name=org.name, slug=org.slug
    )
    good = _p12(material)
    if data is None:
        data = good
    elif data == "truncated":
        data = good[: len(good) // 2]
    with pytest.raises(ValidationError) as error:
        memos.signing_key_upload(
            organization=org, data=data, password=password, by=people.admin
        )
    assert error.value.code == code
    assert not SigningKey.objects.exists()


def test_a_new_key_replaces_the_one_in_use_and_keeps_it(org, people, issued):
    second = memos.signing_key_issue(organization=org, by=people.admin)
    issued.refresh_from_db()
    assert not issued.active and second.active
    assert ApprovedDocument.objects.count() == 0
