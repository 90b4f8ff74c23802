"""Bulk loading for the benches: COPY rows straight into a model's table.

Rows name only the fields the bench cares about; every other concrete field
gets its default (or NULL, or "", or now for auto_now), so a field added to a
model later does not break the bench. Primary keys are given by the caller,
and the sequences are reset afterwards (`reset_sequences`).
"""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

NULL = r"\N"
BATCH = 50_000


def _cell(value):
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (int, float, Decimal, str)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot COPY {value!r}")


def _default(model, field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed:
        return ""
    raise ValueError(f"{model.__name__}.{field.name} needs a value in the bench")


class Copy:
    """`with Copy(model, ["id", "plan", ...]) as copy: copy.row(1, 2, ...)`"""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = fields
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        now = timezone.now()
        rest = [
            f
            for f in meta.concrete_fields
            if f.name not in fields and not f.primary_key
        ]
        self.columns = [f.column for f in given] + [f.column for f in rest]
        self.tail = [_cell(_default(model, f, now)) for f in rest]
        self.count = 0
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def row(self, *values):
        self._writer.writerow([_cell(v) for v in values] + self.tail)
        self.count += 1
        if self.count % BATCH == 0:
            self.flush()

    def flush(self):
        if not self._buffer.tell():
            return
        self._buffer.seek(0)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')",
                self._buffer,
            )
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self.flush()


def fast_session():
    """Skip foreign-key triggers and synchronous commits while loading: the
    bench writes consistent rows and can rebuild everything if it fails."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")


def end_fast_session():
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")


def reset_sequences(models) -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
