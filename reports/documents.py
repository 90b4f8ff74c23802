"""The documents a memo carries, rendered to PDF, and their freezing at the
final approval (stored once, with their SHA-256)."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from ita_portal.language import in_thai

from . import renderers
from .branding import emblem_url
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
            "emblem_url": emblem_url(memo.organization),
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


def _store(memo: Memo, kind: str, content: bytes) -> ApprovedDocument:
    document = ApprovedDocument(
        memo=memo,
        kind=kind,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    document.file.save(f"{kind}-{memo.pk}.pdf", ContentFile(content), save=False)
    document.save()
    return document


@transaction.atomic
def freeze(memo: Memo, pdf_of=None) -> list[ApprovedDocument]:
    """Store the approved memo and its attachments as PDFs, once.
    `pdf_of(kind)`, when given, is a document's bytes as rendered from the
    approving transaction's HTML (reports/jobs.py, `freeze_approved`)."""
    if memo.documents.exists():
        return list(memo.documents.all())
    renders = {ApprovedDocument.Kind.MEMO: memo_pdf_bytes}
    renders.update(ATTACHMENTS.get(memo.kind, []))
    documents = []
    for kind, render in renders.items():
        content = pdf_of(kind) if pdf_of is not None else render(memo)
        documents.append(_store(memo, kind, content))
    return documents
