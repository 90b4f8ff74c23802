"""The measure template library shipped in `measures/library/templates.json`."""

import json
from pathlib import Path

from django.db import transaction

from .models import MeasureTemplate

LIBRARY_FILE = Path(__file__).resolve().parent / "library" / "templates.json"
FIELDS = (
    "title",
    "steps",
    "indicators",
    "items",
    "items_year",
    "division_kind",
    "also_divisions",
    "timeframe",
    "follow_up",
    "reporting_frequency",
    "finding",
    "source",
)


def read_library(path: Path = LIBRARY_FILE) -> list[dict]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load_library(*, update: bool = False, path: Path = LIBRARY_FILE) -> dict[str, int]:
    """Add the shipped templates that are missing. Templates already in the
    database are left as edited in the portal, unless `update` is asked."""
    counts = {"created": 0, "updated": 0, "kept": 0}
    existing = {t.key: t for t in MeasureTemplate.objects.library()}
    for data in read_library(path):
        values = {field: data.get(field) for field in FIELDS}
        values["items_year"] = values["items_year"] or None
        template = existing.get(data["key"])
        if template is None:
            MeasureTemplate.objects.create(key=data["key"], **values)
            counts["created"] += 1
        elif update:
            for field, value in values.items():
                setattr(template, field, value)
            template.save()
            counts["updated"] += 1
        else:
            counts["kept"] += 1
    return counts
