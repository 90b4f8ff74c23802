"""Checks for uploaded files: the type is read from the content, never the name."""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

TOO_LARGE = _("ไฟล์มีขนาด {size} เกินกำหนด {limit}")
WRONG_TYPE = _("ไม่รับไฟล์ประเภทนี้ ต้องเป็น {allowed}")
EMPTY_FILE = _("ไฟล์ว่างเปล่า")


def sniff_mime(upload) -> str | None:
    """The MIME type that the file's first bytes say it is, or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def validate_upload(upload, *, allowed: dict[str, str], max_bytes: int) -> str:
    """Raise ValidationError unless `upload` is one of `allowed` and small enough.

    `allowed` maps MIME types to the names users know (`{"image/png": "PNG"}`).
    Returns the sniffed MIME type.
    """
    size = upload.size
    if not size:
        raise ValidationError(EMPTY_FILE, code="empty")
    if size > max_bytes:
        raise ValidationError(
            TOO_LARGE.format(
                size=filesizeformat(size), limit=filesizeformat(max_bytes)
            ),
            code="too_large",
        )
    mime = sniff_mime(upload)
    if mime not in allowed:
        raise ValidationError(
            WRONG_TYPE.format(allowed=", ".join(sorted(set(allowed.values())))),
            code="wrong_type",
        )
    return mime
