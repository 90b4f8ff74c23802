"""Settings come from the environment; production settings pass check --deploy."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "media": str(settings.MEDIA_ROOT), "email": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE, "tz": settings.TIME_ZONE,
    "secret": settings.SECRET_KEY,
}))
"""


# The test process itself runs with test settings that set some of these.
OWN_VARIABLES = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "SIGNING_KEY_SECRET",
    "ALLOWED_HOSTS",
    "MEDIA_ROOT",
}


def outside_environment(**env):
    """The environment without the portal's own variables, plus `env`."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in OWN_VARIABLES and not key.startswith("SECURE_")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="ita_portal.settings")
    return clean


def run_python(code, env, *args):
    clean = outside_environment(**env)
    return subprocess.run(
        [sys.executable, *args, code] if code else [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_reads_every_setting_from_the_environment():
    result = run_python(
        PRINT_SETTINGS,
        {
            "DEBUG": "0",
            "SECRET_KEY": "s" * 60,
            "ALLOWED_HOSTS": "ita.example.org, www.ita.example.org",
            "DATABASE_URL": "postgres://ita:pw@db.internal:5432/ita",
            "MEDIA_ROOT": "/srv/ita/media",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        },
        "-c",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["hosts"] == ["ita.example.org", "www.ita.example.org"]
    assert values["engine"] == "django.db.backends.postgresql"
    assert (values["name"], values["host"]) == ("ita", "db.internal")
    assert values["media"] == "/srv/ita/media"
    assert values["email"].endswith("smtp.EmailBackend")
    assert (values["language"], values["tz"]) == ("th", "Asia/Bangkok")


def test_it_defaults_to_sqlite_in_the_project():
    result = run_python(PRINT_SETTINGS, {"DEBUG": "1"}, "-c")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = run_python(PRINT_SETTINGS, {"DEBUG": "0"}, "-c")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


PRINT_ERA = """
import django
django.setup()
from django.conf import settings
print(settings.ENGLISH_DATE_ERA)
"""


def test_english_dates_use_the_era_the_environment_names():
    assert run_python(PRINT_ERA, {"DEBUG": "1"}, "-c").stdout.strip() == "BE"
    result = run_python(PRINT_ERA, {"DEBUG": "1", "ENGLISH_DATE_ERA": " ce "}, "-c")
    assert result.stdout.strip() == "CE", result.stderr


def test_it_refuses_an_era_it_does_not_know():
    result = run_python(PRINT_ERA, {"DEBUG": "1", "ENGLISH_DATE_ERA": "AD"}, "-c")
    assert result.returncode != 0
    assert "ENGLISH_DATE_ERA must be BE or CE" in result.stderr


def _check_deploy(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=outside_environment(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="ita.example.org",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_asks_for_the_signing_key_secret():
    result = _check_deploy()
    assert result.returncode != 0
    assert "reports.W001" in result.stdout + result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _check_deploy(SIGNING_KEY_SECRET=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_HEAD_SECONDS = """
import django
django.setup()
from django.conf import settings
print(settings.PUBLIC_HEAD_SECONDS)
"""


def test_a_public_head_lives_a_day_only_where_every_process_shares_the_cache():
    def head_seconds(**env):
        result = run_python(PRINT_HEAD_SECONDS, {"DEBUG": "1", **env}, "-c")
        assert result.returncode == 0, result.stderr
        return int(result.stdout)

    assert head_seconds(CACHE_URL="") == 30
    assert head_seconds(CACHE_URL="file:///tmp/ita-cache") == 30
    assert head_seconds(CACHE_URL="locmem://", PUBLIC_CACHE_SECONDS="10") == 10
    assert head_seconds(CACHE_URL="redis://127.0.0.1:6379/1") == 24 * 60 * 60
    assert head_seconds(CACHE_URL="db://ita_cache") == 24 * 60 * 60
    assert head_seconds(CACHE_URL="redis://h:6379/1", PUBLIC_HEAD_SECONDS="600") == 600
