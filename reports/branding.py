"""The organisation's marks on its papers, shared by the memo
(reports/documents.py) and the plan's documents (reports/renderers/)."""

from pathlib import Path

from django.conf import settings

DEFAULT_EMBLEM = Path(settings.BASE_DIR) / "static" / "img" / "emblem-default.svg"


def emblem_url(organization) -> str:
    """A file: URL of the organisation's emblem, or of the default one when it
    has none or keeps it where WeasyPrint cannot read a path."""
    if organization.emblem:
        try:
            return Path(organization.emblem.path).as_uri()
        except NotImplementedError:  # a remote storage: fall back to the default
            pass
    return DEFAULT_EMBLEM.as_uri()
