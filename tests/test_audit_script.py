"""scripts/audit.sh: a known vulnerability fails; an advisory service out of
reach says "skipped" and passes; a partial audit fails (README, "Security
checks"). pip-audit is replaced by a stub that answers as it would."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.0",
            "vulns": [
                {
                    "id": "PYSEC-2025-1",
                    "fix_versions": ["5.2.1"],
                    "aliases": ["CVE-2025-0001"],
                    "description": "…",
                }
            ],
        },
        {"name": "rules", "version": "3.5", "vulns": []},
    ]
}
UNREACHABLE = {
    "dependencies": [
        {
            "name": name,
            "skip_reason": f"Dependency not found on PyPI and could not be audited: "
            f"{name} (1.0)",
        }
        for name in ("django", "rules")
    ]
}
PARTIAL = {"dependencies": CLEAN["dependencies"] + UNREACHABLE["dependencies"][1:]}


def audit(tmp_path, *, stdout="", stderr="", status=0):
    stub = tmp_path / "pip-audit"
    stub.write_text(
        "#!/bin/sh\n"
        f"cat {tmp_path / 'out'}\ncat {tmp_path / 'err'} >&2\nexit {status}\n"
    )
    stub.chmod(0o755)
    (tmp_path / "out").write_text(stdout)
    (tmp_path / "err").write_text(stderr)
    return subprocess.run(
        [str(ROOT / "scripts" / "audit.sh")],
        env={**os.environ, "PIP_AUDIT": str(stub)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_passes_when_nothing_is_known(tmp_path):
    result = audit(tmp_path, stdout=json.dumps(CLEAN))
    assert result.returncode == 0
    assert "no known vulnerabilities in 1 packages" in result.stdout


def test_it_fails_on_a_known_vulnerability(tmp_path):
    result = audit(tmp_path, stdout=json.dumps(VULNERABLE), status=1)
    assert result.returncode == 1
    assert "VULNERABLE django 5.2.0: PYSEC-2025-1 (CVE-2025-0001)" in result.stdout
    assert "fixed in 5.2.1" in result.stdout


@pytest.mark.parametrize(
    "answer",
    [
        {"stdout": json.dumps(UNREACHABLE)},
        {
            "stderr": "requests.exceptions.ConnectionError: HTTPSConnectionPool("
            "host='api.osv.dev', port=443): Max retries exceeded",
            "status": 1,
        },
    ],
    ids=["nothing-answered", "no-connection"],
)
def test_it_says_skipped_without_the_advisory_service(tmp_path, answer):
    result = audit(tmp_path, **answer)
    assert result.returncode == 0
    assert result.stdout.startswith("skipped: no network to the advisory database")


def test_it_fails_when_only_some_packages_were_checked(tmp_path):
    result = audit(tmp_path, stdout=json.dumps(PARTIAL))
    assert result.returncode == 1
    assert "NOT CHECKED rules" in result.stdout


def test_it_fails_when_pip_audit_fails_otherwise(tmp_path):
    result = audit(tmp_path, stderr="ERROR: invalid requirement: 'Django=5'", status=1)
    assert result.returncode == 1
    assert "invalid requirement" in result.stderr
