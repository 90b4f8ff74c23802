"""Bad input on the signing forms: the organisation's PKCS#12 upload (a wrong
password, a damaged file, a huge file, noise) and the public verification
page's upload. Isolation: see tests/fuzz/helpers.py."""

import pytest
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    pkcs12,
)
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from audit.models import AuditEntry
from reports import signing
from reports.forms import PKCS12_MAX_BYTES
from reports.models import ApprovedDocument, Memo, SigningKey
from tests.fuzz.helpers import (
    PDF,
    PNG,
    assert_escaped,
    bad_files,
    check_refused,
    example_state,
    file_names,
    fuzz,
    rows,
    texts,
)

pytestmark = pytest.mark.django_db
PASSWORD = "รหัสผ่าน-ถูกต้อง"


def _p12() -> bytes:
    ca = signing.make_ca("A CA of the organisation's choice")
    material = signing.issue(ca, organization_name="เทศบาลทดสอบ", slug="test")
    return pkcs12.serialize_key_and_certificates(
        b"org",
        material.private_key,
        material.certificate,
        material.chain,
        BestAvailableEncryption(PASSWORD.encode()),
    )


P12 = _p12()


def damaged(content: bytes):
    """`content` cut short, or with one byte flipped somewhere."""
    return st.one_of(
        st.integers(min_value=1, max_value=len(content) - 1).map(lambda n: content[:n]),
        st.integers(min_value=0, max_value=len(content) - 1).map(
            lambda i: content[:i] + bytes([content[i] ^ 0xFF]) + content[i + 1 :]
        ),
    )


@fuzz(30)
@given(data=st.data())
@example(data=(P12, "ผิด"))  # a wrong password
@example(data=(P12, ""))
@example(data=(P12[:-10], PASSWORD))  # a damaged file
@example(data=(b"0" * (PKCS12_MAX_BYTES + 1), PASSWORD))  # a huge file
@example(data=(PNG, PASSWORD))
def test_the_certificate_upload_refuses_what_it_cannot_use(login, people, data):
    client = login(people.admin)
    url = reverse("reports:signing_keys")
    if isinstance(data, tuple):
        content, password = data
    else:
        content = data.draw(st.one_of(st.just(P12), damaged(P12), bad_files(P12)))
        password = data.draw(st.one_of(st.just(PASSWORD), texts))
    with example_state(client):
        before = rows(SigningKey, AuditEntry)
        response = client.post(
            url,
            {"file": SimpleUploadedFile("org.p12", content), "password": password},
        )
        if content == P12 and password == PASSWORD:
            assert response.status_code == 302
            assert SigningKey.objects.filter(active=True).count() == 1
            return
        check_refused(response, before, rows(SigningKey, AuditEntry), status=400)
        # The password is never shown back.
        if len(password) > 3:
            assert password not in response.content.decode()


def test_the_right_password_puts_the_certificate_in_use(login, people):
    client = login(people.admin)
    response = client.post(
        reverse("reports:signing_keys"),
        {"file": SimpleUploadedFile("org.p12", P12), "password": PASSWORD},
    )
    assert response.status_code == 302
    key = SigningKey.objects.get(active=True)
    assert key.source == "uploaded" and "เทศบาลทดสอบ" in key.subject
    page = client.get(reverse("reports:signing_keys"))
    assert 'data-testid="active-key"' in page.content.decode()


@pytest.fixture
def document(org, people, media):
    memo = Memo.objects.create(
        organization=org,
        department="สำนักปลัด",
        date="2023-01-06",
        subject="เรื่องที่อนุมัติแล้ว",
        addressee="นายก",
        signer_name="ก",
        status="approved",
    )
    document = ApprovedDocument(
        memo=memo, kind="memo", sha256="0" * 64, size=len(PDF), code="f" * 22
    )
    document.file.save("memo.pdf", ContentFile(PDF))
    return document


@fuzz(25)
@given(data=st.data())
@example(data=(PNG, "ตรา.pdf"))
@example(data=(b"", "ว่าง.pdf"))
@example(data=(PDF, "<script>alert(1)</script>.pdf"))
def test_the_public_check_takes_any_file(client, document, data):
    url = reverse("verify_document", args=[document.code])
    if isinstance(data, tuple):
        content, name = data
    else:
        content = data.draw(st.one_of(st.just(PDF), bad_files(PDF * 3)))
        name = data.draw(file_names)
    with example_state(client):
        before = rows(ApprovedDocument, AuditEntry)
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code in (200, 400)
        assert rows(ApprovedDocument, AuditEntry) == before
        assert_escaped(response)
        if response.status_code == 400:
            check_refused(
                response, before, rows(ApprovedDocument, AuditEntry), status=400
            )
        else:
            assert response.context["checked"] is not None
