"""scripts/backup.sh and scripts/restore.sh keep every row and every approved
document (README, "Backup"). PostgreSQL only: the scripts run pg_dump and
pg_restore, which the test packages install (scripts/bootstrap.sh)."""

import hashlib
import io
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from reports.models import ApprovedDocument

ROOT = Path(__file__).resolve().parent.parent

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup.sh and restore.sh work on PostgreSQL (pg_dump, pg_restore): "
    "run with DATABASE_URL=postgres://…",
)


def _major(text: str) -> int:
    return int("".join(c for c in text.split(".")[0] if c.isdigit()) or 0)


def _client_older_than_server() -> bool:
    """pg_dump refuses a newer server; scripts/pgtools.sh says what to install."""
    if connection.vendor != "postgresql":
        return False
    try:
        out = subprocess.run(
            ["pg_dump", "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return False  # the scripts then fail with their own clear message
    server = connection.cursor().connection.server_version // 10000
    return _major(out.split()[-1]) < server


def database_url(name: str) -> str:
    settings = connection.settings_dict
    user = quote(settings["USER"] or "")
    password = ":" + quote(settings["PASSWORD"]) if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = ":{}".format(settings["PORT"]) if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{name}"


def run(script, *args, database, media, ok=True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media),
    }
    result = subprocess.run(
        [str(ROOT / "scripts" / script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result


def row_counts(cursor) -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def restored_name():
    name = connection.settings_dict["NAME"] + "_restored"
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_it_restores_every_row_and_every_approved_file(
    tmp_path, settings, restored_name
):
    if _client_older_than_server():
        pytest.skip("pg_dump is older than the server: install postgresql-client-<N>")
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    documents = list(ApprovedDocument.objects.all())
    assert documents, "the demo approves seed 001's memo for klongphon"
    with connection.cursor() as cursor:
        before = row_counts(cursor)

    backup = tmp_path / "backup"
    source = connection.settings_dict["NAME"]
    run("backup.sh", backup, database=source, media=settings.MEDIA_ROOT)
    assert {p.name for p in backup.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "backup.txt",
        "SHA256SUMS",
    }

    media = tmp_path / "restored-media"
    run("restore.sh", backup, database=restored_name, media=media)

    import psycopg2

    restored = psycopg2.connect(database_url(restored_name))
    try:
        with restored.cursor() as cursor:
            assert row_counts(cursor) == before
            cursor.execute(
                f"SELECT file, sha256 FROM {ApprovedDocument._meta.db_table}"
            )
            rows = sorted(cursor.fetchall())
    finally:
        restored.close()
    assert rows == sorted((d.file.name, d.sha256) for d in documents)
    for name, sha256 in rows:
        assert hashlib.sha256((media / name).read_bytes()).hexdigest() == sha256

    # Again over what is there now: refused, then done with --force, the
    # files that were there kept aside.
    refused = run("restore.sh", backup, database=restored_name, media=media, ok=False)
    assert "--force" in refused.stderr
    run("restore.sh", "--force", backup, database=restored_name, media=media)
    kept = list(tmp_path.glob("restored-media.before-restore-*"))
    assert len(kept) == 1
    assert sorted(p.name for p in kept[0].rglob("*.pdf")) == sorted(
        Path(name).name for name, _sha in rows
    )
    assert hashlib.sha256((media / rows[0][0]).read_bytes()).hexdigest() == rows[0][1]


def test_it_says_what_to_do_on_sqlite(tmp_path):
    env = {**os.environ, "DATABASE_URL": "sqlite:///db.sqlite3"}
    result = subprocess.run(
        [str(ROOT / "scripts" / "backup.sh"), str(tmp_path / "backup")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr
    assert not (tmp_path / "backup").exists()
