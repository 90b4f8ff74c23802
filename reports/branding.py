"""The marks on the papers: the organisation's seal on the covers of its
reports (reports/renderers/), the Garuda on every memo (reports/documents.py)."""

from pathlib import Path

from django.conf import settings

from .models import Letterhead

DEFAULT_EMBLEM = Path(settings.BASE_DIR) / "static" / "img" / "emblem-default.svg"
# The project's own drawing, printed until a superuser uploads the official
# Garuda (reports.models.Letterhead); static/img/README.md gives its licence.
DEFAULT_GARUDA = Path(settings.BASE_DIR) / "static" / "img" / "garuda-default.svg"


def emblem_url(organization) -> str:
    """A file: URL of the organisation's emblem, or of the default one when it
    has none or keeps it where WeasyPrint cannot read a path."""
    if organization.emblem:
        try:
            return Path(organization.emblem.path).as_uri()
        except NotImplementedError:  # a remote storage: fall back to the default
            pass
    return DEFAULT_EMBLEM.as_uri()


def garuda_url() -> str:
    """A file: URL of the deployment's Garuda for memos: the uploaded one, or
    the project's drawing when none is uploaded or it is kept where
    WeasyPrint cannot read a path."""
    letterhead = Letterhead.current()
    if letterhead is not None and letterhead.garuda:
        try:
            return Path(letterhead.garuda.path).as_uri()
        except NotImplementedError:  # a remote storage
            pass
    return DEFAULT_GARUDA.as_uri()
