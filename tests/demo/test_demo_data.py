"""The demo is the same as the snapshot taken before its data became JSON
(issue 20): the same rows in every table, the same values, and the same text
in every document it produces. `scripts/demo_snapshot.py --write` takes the
snapshot again after a deliberate change to the demo data."""

import difflib
import importlib.util
import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("snapshot.json")


def _snapshot_script():
    spec = importlib.util.spec_from_file_location(
        "demo_snapshot", ROOT / "scripts" / "demo_snapshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo_snapshot = _snapshot_script()
MEDIA = tempfile.mkdtemp(prefix="ita-demo-test-")


def changed(expected: str, actual: str) -> str:
    """The words that differ, for a readable failure."""
    diff = difflib.ndiff(expected.split(" "), actual.split(" "))
    return " ".join(d for d in diff if d[0] in "+-")[:2000]


@override_settings(MEDIA_ROOT=MEDIA)
class DemoDataTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=StringIO())
        cls.expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
        cls.actual = demo_snapshot.collect()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_every_table_has_the_same_number_of_rows(self):
        assert self.actual["counts"] == self.expected["counts"]

    def test_every_row_has_the_same_values(self):
        expected, actual = self.expected["texts"], self.actual["texts"]
        assert sorted(actual) == sorted(expected)
        for model, rows in expected.items():
            assert actual[model] == rows, model

    def test_every_document_has_the_same_text(self):
        expected, actual = self.expected["documents"], self.actual["documents"]
        assert sorted(actual) == sorted(expected)
        for key, text in expected.items():
            assert actual[key] == text, f"{key}: {changed(text, actual[key])}"

    def test_seeding_again_changes_nothing(self):
        """Not even the history: a row already as the data says is not saved
        again."""
        call_command("seed_demo", stdout=StringIO())
        assert demo_snapshot.counts() == self.expected["counts"]
        today = demo_snapshot.timezone.localdate()
        assert demo_snapshot.texts(today) == self.expected["texts"]
