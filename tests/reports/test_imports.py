"""Every document module imports on its own, first, in a fresh interpreter:
no import cycle between reports/documents.py and reports/renderers/ (issue 20)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

MODULES = [
    "reports.branding",
    "reports.documents",
    "reports.renderers",
    "reports.renderers.analysis",
    "reports.renderers.common",
    "reports.renderers.plan",
    "reports.renderers.progress",
    "reports.renderers.sheets",
]


@pytest.mark.parametrize("module", MODULES)
def test_it_imports_first_in_a_fresh_interpreter(module):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); import {module}"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
