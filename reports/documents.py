"""The documents a memo carries, rendered to PDF, and their freezing at the
final approval: each with its verification code on every page, signed with
the organisation's key, and stored once with its SHA-256."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from ita_portal.language import in_thai

from . import renderers, signing, verification
from .branding import garuda_url
from .models import ApprovedDocument, Memo


def memo_steps(memo: Memo) -> list[dict]:
    """The chain of the memo's latest submission, each step with its
    decision when made; for a draft, the organisation's current chain."""
    chain = memo.chain
    if not chain:
        chain = [
            {
                "user": s.membership.user_id,
                "name": s.membership.user.get_full_name(),
                "position": s.membership.position,
            }
            for s in memo.organization.approval_steps.select_related("membership__user")
        ]
    decisions = {
        d.step: d for d in memo.decisions.all() if d.submission == memo.submission
    }
    steps = []
    for index, step in enumerate(chain):
        final = index == len(chain) - 1
        following = chain[index + 1]["position"] if not final else ""
        steps.append(
            {**step, "final": final, "to": following, "decision": decisions.get(index)}
        )
    return steps


@in_thai
def memo_html(memo: Memo) -> str:
    """The memo as it prints, in Thai whatever the reader's language."""
    return render_to_string(
        "reports/memo_pdf.html",
        {
            "memo": memo,
            "steps": memo_steps(memo),
            # The memo carries the Garuda; the organisation's seal is on its
            # reports' covers.
            "emblem_url": garuda_url(),
            "thai_digits": memo.organization.thai_digits,
            "organization": memo.organization,
        },
    )


def memo_pdf_bytes(memo: Memo) -> bytes:
    from .pdf import render_pdf  # WeasyPrint loads only when needed

    return render_pdf(memo_html(memo), continuation=True)


# What each kind of memo carries besides itself, filled in by the documents
# that exist: kind -> [(ApprovedDocument.Kind, render(memo) -> bytes)].
ATTACHMENTS: dict[str, list] = {
    Memo.Kind.PLAN: [
        (
            ApprovedDocument.Kind.ANALYSIS,
            lambda memo: renderers.analysis_pdf(memo.plan),
        ),
        (ApprovedDocument.Kind.PLAN, lambda memo: renderers.plan_pdf(memo.plan)),
    ],
    Memo.Kind.PROGRESS: [
        (
            ApprovedDocument.Kind.PROGRESS,
            lambda memo: renderers.progress_pdf(memo.round),
        ),
    ],
}


def _store(memo: Memo, kind: str, render, key) -> ApprovedDocument:
    """Render one document with its verification code in the page foot,
    sign it with `key` when the organisation has one, and store the bytes
    that come out, with their SHA-256."""
    code = verification.new_code()
    with verification.printing(code, signed=key is not None):
        content = render(memo)
    if key is not None:
        content = signing.sign_approved(content, memo=memo, key=key, code=code)
    document = ApprovedDocument(
        memo=memo,
        kind=kind,
        code=code,
        signing_key=key,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    document.file.save(f"{kind}-{memo.pk}.pdf", ContentFile(content), save=False)
    document.save()
    return document


@transaction.atomic
def freeze(memo: Memo) -> list[ApprovedDocument]:
    """Store the approved memo and its attachments as PDFs, once, each
    signed with the organisation's key in use (if it has one)."""
    if memo.documents.exists():
        return list(memo.documents.all())
    key = signing.active_key(memo.organization)
    kinds = [(ApprovedDocument.Kind.MEMO, memo_pdf_bytes)]
    kinds += ATTACHMENTS.get(memo.kind, [])
    return [_store(memo, kind, render, key) for kind, render in kinds]
