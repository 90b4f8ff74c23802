"""The public verification page of an approved document, /verify/<code>/:
no login. It shows who approved what and when, offers the original, and
checks an uploaded PDF against it (byte for byte, and its signature)."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ita_portal.client_ip import client_ip
from ita_portal.uploads import validate_upload

from . import verification
from .forms import VerifyForm
from .models import ApprovedDocument, Withdrawal

PDF = {"application/pdf": "PDF"}
# Requests per address per window, every verification URL together: enough
# for a person checking documents, too few to try codes.
RATE_LIMIT = 30
RATE_WINDOW = 60  # seconds


def _rate_limited(request) -> bool:
    key = f"verify-rate:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def _too_many(request):
    response = render(
        request,
        "reports/verify_limited.html",
        {"seconds": RATE_WINDOW},
        status=429,
    )
    response["Retry-After"] = str(RATE_WINDOW)
    return response


def _document(code: str) -> ApprovedDocument:
    document = (
        ApprovedDocument.objects.select_related(
            "memo__organization", "memo__approved_by", "memo__plan", "signing_key"
        )
        .filter(code=code)
        .first()
    )
    if document is None:
        raise Http404(_("ไม่พบเอกสารที่มีรหัสตรวจสอบนี้"))
    return document


@require_http_methods(["GET", "POST"])
def verify_document(request, code):
    if _rate_limited(request):
        return _too_many(request)
    document = _document(code)
    memo = document.memo
    form = VerifyForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    checked = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            validate_upload(upload, allowed=PDF, max_bytes=settings.UPLOAD_MAX_BYTES)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            checked = verification.check_upload(document, upload)
    decisions = [
        d for d in memo.decisions.all() if d.submission == memo.submission and d.approve
    ]
    return render(
        request,
        "reports/verify_document.html",
        {
            "document": document,
            "memo": memo,
            "organization": memo.organization,
            "decisions": decisions,
            "withdrawal": Withdrawal.objects.filter(memo=memo)
            .select_related("by")
            .first(),
            "superseded_by": verification.superseded_by(memo),
            "grouped": verification.grouped(document.code),
            "form": form,
            "checked": checked,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD"])
def verify_download(request, code):
    """The approved original, as frozen."""
    if _rate_limited(request):
        return _too_many(request)
    document = _document(code)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{document.kind}-{document.memo_id}.pdf",
    )
