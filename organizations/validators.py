from django.conf import settings

from ita_portal.uploads import validate_upload

EMBLEM_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG"}


def validate_emblem(upload):
    """An emblem is a PNG or JPEG no larger than settings.EMBLEM_MAX_BYTES."""
    if getattr(upload, "_committed", False):
        # Already stored and unchanged: it was checked when it came in.
        return
    validate_upload(upload, allowed=EMBLEM_TYPES, max_bytes=settings.EMBLEM_MAX_BYTES)
