"""Digital signatures on approved PDFs (PAdES, with pyHanko), and the keys
they are made with.

An organisation signs with its own key: a PKCS#12 file from a
certification authority of its choice, which its org admin uploads, or a
certificate the portal issues it from the deployment's own CA (created by
`manage.py signing_ca`; a CA of this deployment only, never a public one:
readers trust it because the verification page says who approved, not
because their PDF reader knows it).

Private keys are kept only encrypted (Fernet) with a key derived from
SIGNING_KEY_SECRET in the environment; with DEBUG on, or in the tests, a key
derived from SECRET_KEY stands in; in production without the secret,
nothing is signed and an approval that needs a signature fails loudly.
They never reach the database in clear, never media, never a log line.

The signature is an incremental update: the rendered PDF's bytes, its text
layer included, stay as they were, and a visible stamp names who endorsed
and who approved: in the document's signature block, where the ink
signature would go (the box the renderer left for it, found by its named
destination STAMP_ANCHOR), or, in a document with no such box, at the top
right of its last page.
"""

import asyncio
import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "THSarabunNew.ttf"
FIELD_NAME = "ITAPortalApproval"
# The stamp's size in points; with no box left for it, it goes this far from
# the last page's top-right corner: in the top margin (2.5 cm), clear of the
# page number centred there.
STAMP_WIDTH, STAMP_HEIGHT, STAMP_INSET = 245, 66, 12
# The id of the element a document leaves empty for the stamp
# (templates/reports/_approval_stamp_pdf.html); WeasyPrint writes each id
# as a named destination at the element's top-left corner.
STAMP_ANCHOR = "approval-stamp"
ISSUED_FOR_DAYS = 5 * 365
CA_FOR_DAYS = 20 * 365

WRONG_PASSWORD = _("เปิดไฟล์ไม่ได้ รหัสผ่านไม่ถูกต้อง")
DAMAGED = _("ไฟล์นี้ไม่ใช่ไฟล์ใบรับรอง PKCS#12 (.p12/.pfx) หรือไฟล์เสียหาย")
NO_KEY = _("ไฟล์ต้องมีทั้งใบรับรองและกุญแจส่วนตัว")
EXPIRED = _("ใบรับรองนี้หมดอายุหรือยังไม่เริ่มใช้ได้")
WRONG_KEY_TYPE = _("ใช้ได้เฉพาะกุญแจแบบ RSA (อย่างน้อย 2048 บิต) หรือ EC")
NO_CA = _("ระบบนี้ยังไม่มีผู้ออกใบรับรองของระบบ ผู้ดูแลระบบต้องสร้างด้วยคำสั่ง signing_ca ก่อน")


# --- keeping private keys ----------------------------------------------------


def available() -> bool:
    """Whether private keys can be kept here: a SIGNING_KEY_SECRET, or DEBUG."""
    return bool(settings.SIGNING_KEY_SECRET or settings.DEBUG)


def _fernet() -> Fernet:
    secret = settings.SIGNING_KEY_SECRET
    if not secret:
        if not settings.DEBUG:
            raise ImproperlyConfigured(
                "SIGNING_KEY_SECRET must be set when DEBUG is off (README, 'Signing')."
            )
        secret = "debug-only:" + settings.SECRET_KEY
    digest = hashlib.sha256(b"ita-portal signing keys\0" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_private_key(private_key) -> str:
    der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _fernet().encrypt(der).decode("ascii")


def decrypt_private_key(token: str):
    try:
        der = _fernet().decrypt(token.encode("ascii"))
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A signing key cannot be decrypted: SIGNING_KEY_SECRET changed?"
        ) from error
    return serialization.load_der_private_key(der, password=None)


def pem(certificates) -> str:
    return "".join(
        c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certificates
    )


def certificates_of(text: str) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(text.encode("ascii")) if text else []


def subject_of(certificate: x509.Certificate) -> str:
    return certificate.subject.rfc4514_string()


# --- reading a PKCS#12 file ---------------------------------------------------


@dataclass
class KeyMaterial:
    private_key: object
    certificate: x509.Certificate
    chain: list[x509.Certificate]


def _check_key(private_key) -> None:
    if isinstance(private_key, rsa.RSAPrivateKey) and private_key.key_size >= 2048:
        return
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        return
    raise ValidationError(WRONG_KEY_TYPE, code="key_type")


def read_pkcs12(data: bytes, password: str) -> KeyMaterial:
    """The key and certificates of a PKCS#12 file, or a ValidationError in
    Thai saying what is wrong with it."""
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 (parses the whole file)
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None
        )
    except ValueError as error:
        raise ValidationError(WRONG_PASSWORD, code="wrong_password") from error
    if key is None or certificate is None:
        raise ValidationError(NO_KEY, code="no_key")
    _check_key(key)
    if certificate.public_key().public_numbers() != key.public_key().public_numbers():
        raise ValidationError(NO_KEY, code="no_key")
    now = timezone.now()
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise ValidationError(EXPIRED, code="expired")
    return KeyMaterial(key, certificate, list(chain or []))


# --- the deployment's own CA ------------------------------------------------


def _name(common_name: str, organization: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TH")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def make_ca(common_name: str) -> KeyMaterial:
    """A self-signed CA for this deployment only (P-256, 20 years)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=CA_FOR_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return KeyMaterial(key, certificate, [])


def issue(ca: KeyMaterial, *, organization_name: str, slug: str) -> KeyMaterial:
    """A signing certificate for an organisation from the deployment CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(organization_name, organization_name))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=ISSUED_FOR_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(f"{slug}.ita-portal.invalid")]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca.certificate.public_key()
            ),
            critical=False,
        )
        .sign(ca.private_key, hashes.SHA256())
    )
    return KeyMaterial(key, certificate, [ca.certificate])


# --- signing and checking -----------------------------------------------------


def _run(coroutine):
    """Await pyHanko's coroutine from sync code, also where the calling
    thread already runs an event loop (there asyncio.run refuses to)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _signer(private_key, certificate, chain):
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(c):
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=asn1(certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([asn1(c) for c in chain]),
    )


def sign_pdf(
    content: bytes,
    *,
    private_key,
    certificate,
    chain,
    stamp: str,
    reason: str,
    name: str,
) -> bytes:
    """`content` with a PAdES signature (B-B) appended as an incremental
    update, and `stamp` (lines of text) drawn in its visible field."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    writer = IncrementalPdfFileWriter(BytesIO(content))
    page, box = stamp_place(writer)
    style = TextStampStyle(
        stamp_text=stamp.replace("%", "%%"),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(FONT), font_size=10), leading=11
        ),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=name,
    )
    signer = signers.PdfSigner(
        meta,
        signer=_signer(private_key, certificate, chain),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box),
    )
    return _run(signer.async_sign_pdf(writer)).getvalue()


def _named_destinations(node):
    """(name, destination) pairs of a PDF name tree, /Kids included."""
    node = node.get_object()
    pairs = node.get("/Names", [])
    for i in range(0, len(pairs) - 1, 2):
        yield str(pairs[i]), pairs[i + 1].get_object()
    for kid in node.get("/Kids", []):
        yield from _named_destinations(kid)


def stamp_place(writer) -> tuple[int, tuple[int, int, int, int]]:
    """The page (index) and box (left, bottom, right, top) of the stamp: the
    box the document left at STAMP_ANCHOR, else the last page's top right."""
    root = writer.root
    tree = root.get("/Names", {}).get("/Dests") if "/Names" in root else None
    for name, destination in _named_destinations(tree) if tree is not None else ():
        if name != STAMP_ANCHOR:
            continue
        if hasattr(destination, "keys"):  # a dictionary with its /D array
            destination = destination["/D"]
        page_ref = destination.raw_get(0)  # the reference, not the page
        left, top = float(destination[2]), float(destination[3])
        count = int(root["/Pages"]["/Count"])
        for index in range(count):
            ref, _resources = writer.find_page_for_modification(index)
            if ref.idnum == page_ref.idnum:
                return index, (
                    int(left),
                    int(top - STAMP_HEIGHT),
                    int(left + STAMP_WIDTH),
                    int(top),
                )
    page_ref, _resources = writer.find_page_for_modification(-1)
    _left, _bottom, right, top = (float(v) for v in page_ref.get_object()["/MediaBox"])
    return -1, (
        int(right - STAMP_INSET - STAMP_WIDTH),
        int(top - STAMP_INSET - STAMP_HEIGHT),
        int(right - STAMP_INSET),
        int(top - STAMP_INSET),
    )


@dataclass
class SignatureCheck:
    signed: bool = False
    intact: bool = False  # the signed bytes are unchanged
    covers_whole_file: bool = False  # nothing was added after signing
    trusted: bool = False  # the certificate chains to one the portal knows
    subject: str = ""

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.covers_whole_file and self.trusted


def check_pdf(content: bytes, *, trust: list[x509.Certificate] = ()) -> SignatureCheck:
    """What pyHanko's validator says of the last signature in `content`,
    trusting only the certificates in `trust`."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, OSError):
        return SignatureCheck()
    if not signatures:
        return SignatureCheck()
    roots = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in trust
    ]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = _run(async_validate_pdf_signature(signatures[-1], context))
    except Exception:  # noqa: BLE001 (any failure to validate is "not valid")
        return SignatureCheck(signed=True)
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        subject=status.signing_cert.subject.human_friendly,
    )


# --- an organisation's key, and the stamp of an approval ------------------------


def active_key(organization):
    from .models import SigningKey

    return SigningKey.objects.filter(organization=organization, active=True).first()


def key_material(key) -> KeyMaterial:
    certificates = certificates_of(key.certificate)
    return KeyMaterial(
        decrypt_private_key(key.encrypted_key), certificates[0], certificates[1:]
    )


def when(moment, *, thai_digits: bool) -> str:
    """``3 ธ.ค. 69 เวลา 10.05 น.`` in the portal's time zone."""
    from ita_portal import thai

    local = timezone.localtime(moment)
    text = f"{thai.format_thai_date(local.date(), short=True)} เวลา {local:%H.%M} น."
    return thai.to_thai_digits(text) if thai_digits else text


def stamp_text(memo, code: str) -> str:
    """The lines of the visible signature: the organisation, who endorsed
    and who approved with their positions and times, whether each had
    verified a second factor, and the verification code. Thai, whatever the
    reader's language, as the document itself."""
    digits = memo.organization.thai_digits
    decisions = [
        d for d in memo.decisions.all() if d.submission == memo.submission and d.approve
    ]
    lines = [f"ลงลายมือชื่อดิจิทัลในนามของ {memo.organization.name}"]
    for decision in sorted(decisions, key=lambda d: d.step):
        label = "อนุมัติ" if decision.final else "เห็นควรอนุมัติ"
        position = f" ({decision.position})" if decision.position else ""
        lines.append(
            f"{label}: {decision.name}{position} "
            f"{when(decision.decided_at, thai_digits=digits)}"
        )
    verified = [d.name for d in decisions if d.second_factor]
    if decisions and len(verified) == len(decisions):
        lines.append("ยืนยันตัวตนสองขั้นตอนแล้วทุกผู้พิจารณา")
    elif verified:
        lines.append("ยืนยันตัวตนสองขั้นตอนแล้ว: " + ", ".join(verified))
    else:
        lines.append("ไม่ได้ยืนยันตัวตนสองขั้นตอน")
    lines.append(f"รหัสตรวจสอบ {code}")
    return "\n".join(lines)


def sign_approved(content: bytes, *, memo, key, code: str) -> bytes:
    material = key_material(key)
    final = [
        d
        for d in memo.decisions.all()
        if d.submission == memo.submission and d.final and d.approve
    ]
    return sign_pdf(
        content,
        private_key=material.private_key,
        certificate=material.certificate,
        chain=material.chain,
        stamp=stamp_text(memo, code),
        reason="อนุมัติ",
        name=final[-1].name if final else "",
    )
