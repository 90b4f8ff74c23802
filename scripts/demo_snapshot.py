"""A snapshot of what `seed_demo` makes, to prove that the demo stays the same.

    .venv/bin/python scripts/demo_snapshot.py            # print the snapshot
    .venv/bin/python scripts/demo_snapshot.py --write    # save tests/demo/snapshot.json
    .venv/bin/python scripts/demo_snapshot.py --check    # compare with it

It migrates a fresh SQLite database in a temporary directory, runs
`seed_demo`, and records
- `counts`: the number of rows of every model table (history and many-to-many
  tables included);
- `texts`: the text fields of every row of the project's own models (not the
  history tables, which repeat them), sorted, so that a changed word shows;
- `documents`: the text of every document the demo produces, as pdftotext
  reads it (NFKC-normalised, whitespace collapsed): each current plan's
  measures plan and analysis report, each reporting round's progress report,
  each memo, and each approved document that the demo stored.

What legitimately varies between runs is masked: today's date, the moment of
seeding, primary keys and hashes. tests/demo/test_demo_data.py seeds the demo
in the test database and compares `collect()` with the saved snapshot.
"""

import argparse
import json
import os
import re
import shutil

# Bandit B404/B603: runs pdftotext with fixed arguments, never a shell.
import subprocess  # nosec B404
import sys
import tempfile
import unicodedata
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "demo" / "snapshot.json"
PROJECT_APPS = ("organizations", "assessments", "measures", "reports", "public")

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
THAI_MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม "
    "กันยายน ตุลาคม พฤศจิกายน ธันวาคม"
).split()
THAI_MONTHS_SHORT = (
    "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
)
# Fields whose values differ from one run to the next by nature.
VARYING_FIELDS = {
    "password",
    "sha256",
    "last_login",
    "session_key",
    "session_data",
    # Drawn at random or made anew each time: signing keys and certificates
    # (reports.SigningKey, CertificateAuthority), the audit chain's hashes.
    "serial",
    "certificate",
    "encrypted_key",
    "not_before",
    "not_after",
    "hash",
    "previous_hash",
}
# An approved document's size follows its QR codes, which follow its random
# verification code.
VARYING_MODEL_FIELDS = {"reports.ApprovedDocument.size"}
# An approved document's verification code (reports/verification.py): 128
# random bits, whole in its link and in groups of four beside it.
CODE = re.compile(
    r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])"
    r"|(?<=รหัส )(?:[A-Za-z0-9_-]{4} ){5}[A-Za-z0-9_-]{2}"
)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(pdf: bytes) -> str:
    text = subprocess.run(  # nosec B603 B607 - fixed arguments
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return squeeze(text)


def _today_patterns(today: date) -> list[str]:
    """Today's date as the documents and the data may print it."""
    day, month, year = str(today.day), today.month, today.year
    written = []
    for years in (str(year + 543), str(year)):
        for name in (THAI_MONTHS[month - 1], THAI_MONTHS_SHORT[month - 1]):
            written += [f"{day} {name} {years}", f"{day} {name} {years[2:]}"]
    written += [today.isoformat(), today.strftime("%d/%m/%Y")]
    return sorted(
        {w for text in written for w in (text, text.translate(THAI_DIGITS))},
        key=len,
        reverse=True,
    )


def mask(text: str, today: date) -> str:
    text = CODE.sub("<code>", text)
    for pattern in _today_patterns(today):
        text = text.replace(pattern, "<today>")
    return text


# Files rebuilt from the published data after each commit (the national
# open data): derived, not the demo's own, and built only once a transaction
# commits, which a test's never does.
DERIVED_TABLES = {"public_opendatafile"}


def counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.db_table: model._default_manager.count()
        for model in sorted(
            apps.get_models(include_auto_created=True), key=lambda m: m._meta.db_table
        )
        if model._meta.db_table not in DERIVED_TABLES
    }


def _value(field, value, today):
    from django.db import models

    if (
        field.name in VARYING_FIELDS
        or f"{field.model._meta.label}.{field.name}" in VARYING_MODEL_FIELDS
        or value in (None, "", [], {})
    ):
        return None
    if isinstance(field, models.FileField):
        return re.sub(r"\d+", "<n>", str(value))
    if isinstance(field, models.JSONField):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        # A certificate's serial and validity in an audit entry's payload.
        text = re.sub(r"\b[0-9a-f]{20,}\b", "<hex>", text)
        text = re.sub(r"\d{4}-\d\d-\d\dT[0-9:.+-]+", "<datetime>", text)
        return mask(re.sub(r'"user": \d+', '"user": <pk>', text), today)
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return "<now>" if local.date() == today else local.isoformat()
    if isinstance(value, date):
        return "<today>" if value == today else value.isoformat()
    return mask(str(value), today)


def texts(today: date) -> dict[str, list[str]]:
    """Every value of the rows of the project's models but their keys and
    links, a sorted line per row. The history tables repeat them, and the
    frameworks and the template library are the catalogue's JSON: only their
    counts are kept."""
    from django.apps import apps

    found = {}
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if (
                model.__name__.startswith("Historical")
                or model in _catalogue_models()
                or model._meta.db_table in DERIVED_TABLES
            ):
                continue
            # By name: where a field is declared (on the model or on an
            # abstract base such as ita_portal.approvals.Approval) is not data.
            fields = sorted(
                (
                    f
                    for f in model._meta.concrete_fields
                    if not f.primary_key and not f.is_relation
                ),
                key=lambda f: f.name,
            )
            rows = []
            for obj in model._default_manager.all():
                values = [
                    (f.name, _value(f, getattr(obj, f.attname), today)) for f in fields
                ]
                line = " | ".join(f"{n}={v}" for n, v in values if v is not None)
                if line:
                    rows.append(line)
            if rows:
                found[model._meta.label] = sorted(rows)
    return found


def _catalogue_models() -> set:
    from assessments import models as assessments
    from measures.models import MeasureTemplate

    return {
        assessments.FrameworkYear,
        assessments.GradeBand,
        assessments.Indicator,
        assessments.Instrument,
        assessments.Item,
        assessments.SubIndicator,
        MeasureTemplate,
    }


def documents(today: date) -> dict[str, str]:
    """The text of every document the demo produces, keyed by what it is."""
    from measures.models import Plan, ReportingRound
    from reports import renderers
    from reports.documents import memo_pdf_bytes
    from reports.models import ApprovedDocument, Memo

    found = {}

    def add(key, render):
        try:
            content = render()
        except Exception as error:  # a document the plan cannot have
            found[key] = f"<not rendered: {type(error).__name__}>"
            return
        found[key] = mask(pdf_text(content), today)

    plans = Plan.objects.current().select_related("organization")
    for plan in plans.order_by("organization__slug", "fiscal_year"):
        key = f"{plan.organization.slug}-{plan.fiscal_year}"
        add(f"plan {key}", lambda plan=plan: renderers.plan_pdf(plan))
        add(f"analysis {key}", lambda plan=plan: renderers.analysis_pdf(plan))
    rounds = ReportingRound.objects.select_related("plan__organization").order_by(
        "plan__organization__slug", "plan__fiscal_year", "period", "starts_on"
    )
    for round_ in rounds:
        key = f"{round_.plan.organization.slug}-{round_.plan.fiscal_year}"
        add(
            f"progress {key} {round_.period}",
            lambda round_=round_: renderers.progress_pdf(round_),
        )
    memos = Memo.objects.select_related("organization").order_by(
        "organization__slug", "subject"
    )
    for memo in memos:
        key = f"{memo.organization.slug} {memo.kind} {memo.subject[:40]}"
        add(f"memo {key}", lambda memo=memo: memo_pdf_bytes(memo))
        for document in ApprovedDocument.objects.filter(memo=memo).order_by("kind"):
            add(
                f"approved {key} {document.kind}",
                lambda document=document: document.file.open("rb").read(),
            )
    return found


def collect(today: date | None = None) -> dict:
    """The snapshot of the demo in the current database."""
    today = today or timezone.localdate()
    return {"counts": counts(), "texts": texts(today), "documents": documents(today)}


def dump(snapshot: dict) -> str:
    return json.dumps(snapshot, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _fresh_database() -> Path:
    scratch = Path(tempfile.mkdtemp(prefix="ita-demo-snapshot-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'demo.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return scratch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"save {SNAPSHOT}")
    action.add_argument("--check", action="store_true", help=f"compare with {SNAPSHOT}")
    args = parser.parse_args()

    scratch = _fresh_database()
    try:
        from io import StringIO

        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = datetime.now()
        call_command("seed_demo", stdout=StringIO())
        text = dump(collect())
        print(f"seeded and read in {datetime.now() - started}", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.write:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}", file=sys.stderr)
    elif args.check:
        if SNAPSHOT.read_text(encoding="utf-8") != text:
            print("the demo differs from the snapshot", file=sys.stderr)
            return 1
        print("the demo is the same as the snapshot", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
