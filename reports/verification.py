"""What every approved document carries so that anyone can check it: a
random code (128 bits, not guessable), printed with a QR code of its public
permalink /verify/<code>/ on each page's foot; and the check of an uploaded
PDF against the approved original.

The code is drawn before the document is rendered (reports/documents.py,
`freeze`): `printing(code)` makes it visible to the page foot
(templates/reports/_verification_foot.html, through the
`verification_foot` tag in document_base.html) while that one document
renders; outside it the foot is empty, so drafts carry none.
"""

import hashlib
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse

from .models import ApprovedDocument, Memo
from .signing import SignatureCheck, certificates_of, check_pdf

# The code of the document being frozen, and whether it will be signed.
_PRINTING: ContextVar[tuple[str, bool] | None] = ContextVar(
    "verification_code", default=None
)


def new_code() -> str:
    """22 URL-safe characters: 128 random bits."""
    return secrets.token_urlsafe(16)


def grouped(code: str) -> str:
    """The code in groups of four, for reading aloud; the URL keeps it whole."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def verify_url(code: str) -> str:
    return settings.PORTAL_URL + reverse("verify_document", args=[code])


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")


@contextmanager
def printing(code: str, *, signed: bool = False):
    """Render documents with `code` in their page foot and, when they are to
    be `signed`, room for the signature's stamp in their signature block."""
    token = _PRINTING.set((code, signed))
    try:
        yield
    finally:
        _PRINTING.reset(token)


def foot() -> dict | None:
    """What the page foot prints while a document is frozen, else None."""
    current = _PRINTING.get()
    if current is None:
        return None
    code = current[0]
    url = verify_url(code)
    return {
        "code": code,
        "grouped": grouped(code),
        "url": url,
        "qr": qr_svg_data_uri(url),
    }


def stamp_room() -> bool:
    """Whether the document rendering now is frozen to be signed: its
    signature block then keeps room for the stamp (signing.STAMP_ANCHOR)."""
    current = _PRINTING.get()
    return current is not None and current[1]


# --- checking an uploaded copy ----------------------------------------------


def sha256_of(upload) -> tuple[str, bytes]:
    digest = hashlib.sha256()
    content = b"".join(upload.chunks())
    digest.update(content)
    return digest.hexdigest(), content


def trust_for(document: ApprovedDocument) -> list:
    """The certificates a signature on `document` may chain to: the roots of
    the key it was signed with (the deployment CA, or the uploaded chain)."""
    key = document.signing_key
    if key is None:
        return []
    chain = certificates_of(key.certificate)
    if key.authority_id:
        chain += certificates_of(key.authority.certificate)
    return chain


@dataclass
class UploadCheck:
    sha256: str
    identical: bool
    signature: SignatureCheck


def check_upload(document: ApprovedDocument, upload) -> UploadCheck:
    digest, content = sha256_of(upload)
    return UploadCheck(
        sha256=digest,
        identical=digest == document.sha256,
        signature=check_pdf(content, trust=trust_for(document)),
    )


# --- what the page says ---------------------------------------------------------


def superseded_by(memo: Memo) -> Memo | None:
    """For a plan's memo: the approved memo of a later revision of the same
    plan, if one was approved after it."""
    if not memo.plan_id:
        return None
    plan = memo.plan
    return (
        Memo.objects.filter(
            status=Memo.Status.APPROVED,
            plan__organization_id=plan.organization_id,
            plan__fiscal_year=plan.fiscal_year,
            plan__revision__gt=plan.revision,
        )
        .select_related("approved_by", "plan")
        .order_by("approved_at")
        .first()
    )
