"""The committed library of measure templates (measures/library/templates.json):
schema, item codes against each year's numbering, and coverage. Plain file
checks, no database."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LIBRARY = REPO_ROOT / "measures" / "library" / "templates.json"

FIELDS = {
    "key": str,
    "title": str,
    "steps": list,
    "indicators": list,
    "items": list,
    "items_year": (int, type(None)),
    "division_kind": str,
    "also_divisions": list,
    "timeframe": dict,
    "follow_up": str,
    "reporting_frequency": str,
    "finding": str,
    "source": str,
}
DIVISIONS = {
    "clerk",
    "finance",
    "engineering",
    "education",
    "health",
    "strategy",
    "personnel",
    "welfare",
    "all",
}
FREQUENCIES = {"monthly", "quarterly", "semiannual", "annual"}
SEEDS = {"000", "001", "002", "003", "004"}
REQUIRED_OIT = {"O13", "O21", "O24", "O26", "O29", "O40"}

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM = re.compile(r"^(?:i(?:[1-9]|[12]\d|30)|e(?:[1-9]|1[0-5])|O[1-9]\d?)$")
THAI = re.compile(r"[\u0e00-\u0e7f]")
THAI_DIGIT = re.compile(r"[\u0e50-\u0e59]")
LEADING_NUMBER = re.compile(r"^\s*(?:[0-9\u0e50-\u0e59]+\s*[.)]|[-•*])")
# Names of the organisations in the seeds, and the kinds of local government:
# a template says "หน่วยงาน" instead.
ORG_NAMES = re.compile(
    r"เทศบาล|ทต\.|อบต\.|องค์การบริหารส่วน|แฉะแม|คลองพน|อุบลราชธานี|หนองไผ่ล้อม|บ้านฉาง|บ้านถ้ำ"
)
TYPOS = ("สรุปลผล", "ของทางการ", "มูลค่าการทุจริต", "ครัวจัดทำ", "บุคคลากร")


def oit_indicator(year: int, number: int) -> int:
    """Indicator 9 or 10 for an OIT item in a given year's numbering."""
    last_of_9 = 30 if year >= 2566 else 33
    last = {2562: 48}.get(year, 43)
    if not 1 <= number <= last:
        raise ValueError(f"O{number} does not exist in FY{year}")
    return 9 if number <= last_of_9 else 10


def item_indicator(code: str, year: int) -> int:
    number = int(code[1:])
    if code[0] == "i":
        return (number - 1) // 6 + 1
    if code[0] == "e":
        return (number - 1) // 5 + 6
    return oit_indicator(year, number)


def load() -> list[dict]:
    return json.loads(LIBRARY.read_text(encoding="utf-8"))


TEMPLATES = load()


def template_id(template):
    return template.get("key", "?")


def texts(template):
    yield template["title"]
    yield from template["steps"]
    yield template["follow_up"]
    yield template["finding"]


def test_the_file_is_written_the_way_the_portal_writes_it():
    raw = LIBRARY.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    assert raw == json.dumps(TEMPLATES, ensure_ascii=False, indent=1) + "\n"


def test_there_are_at_least_thirty_templates_with_unique_keys_and_titles():
    assert isinstance(TEMPLATES, list)
    assert len(TEMPLATES) >= 30
    keys = Counter(t["key"] for t in TEMPLATES)
    assert [k for k, n in keys.items() if n > 1] == []
    titles = Counter(t["title"].strip() for t in TEMPLATES)
    assert [k for k, n in titles.items() if n > 1] == []


def test_all_ten_indicators_are_covered():
    covered = {n for t in TEMPLATES for n in t["indicators"]}
    assert covered == set(range(1, 11))


def test_every_seed_gives_templates():
    assert {t["source"][:3] for t in TEMPLATES} == SEEDS


def test_the_oit_items_named_in_the_seeds_are_answered():
    mentioned = {code.upper() for t in TEMPLATES for code in t["items"]}
    assert REQUIRED_OIT <= mentioned


@pytest.mark.parametrize("template", TEMPLATES, ids=template_id)
class TestEachTemplate:
    def test_it_has_every_field_with_the_right_type(self, template):
        assert set(template) == set(FIELDS)
        for field, kind in FIELDS.items():
            assert isinstance(template[field], kind), field
        assert all(isinstance(step, str) for step in template["steps"])
        assert all(isinstance(code, str) for code in template["items"])
        assert all(
            isinstance(n, int) and not isinstance(n, bool)
            for n in template["indicators"]
        )

    def test_its_key_is_a_lowercase_ascii_slug(self, template):
        assert KEY.match(template["key"])

    def test_its_text_is_thai_and_its_steps_are_unnumbered(self, template):
        assert THAI.search(template["title"])
        assert template["title"] == template["title"].strip()
        assert template["steps"]
        for step in template["steps"]:
            assert THAI.search(step)
            assert step == step.strip()
            assert not LEADING_NUMBER.match(step), step
        assert len(set(template["steps"])) == len(template["steps"])

    def test_its_text_is_reusable_and_clean(self, template):
        for text in texts(template):
            assert not ORG_NAMES.search(text), text
            assert not THAI_DIGIT.search(text), text
            assert "  " not in text, text
            for typo in TYPOS:
                assert typo not in text, text

    def test_its_indicators_are_known_and_listed_once(self, template):
        indicators = template["indicators"]
        assert indicators
        assert all(1 <= n <= 10 for n in indicators)
        assert indicators == sorted(set(indicators))

    def test_its_items_are_well_formed_and_match_its_indicators(self, template):
        items, year = template["items"], template["items_year"]
        if not items:
            assert year is None
            return
        assert year in range(2562, 2567)
        assert len(set(items)) == len(items)
        for code in items:
            assert ITEM.match(code), code
            assert item_indicator(code, year) in template["indicators"], code

    def test_its_divisions_are_known(self, template):
        assert template["division_kind"] in DIVISIONS
        also = template["also_divisions"]
        assert set(also) <= DIVISIONS
        assert len(set(also)) == len(also)
        assert template["division_kind"] not in also

    def test_its_timeframe_has_a_valid_shape(self, template):
        timeframe = template["timeframe"]
        kind = timeframe.get("kind")
        if kind == "months":
            assert set(timeframe) == {"kind", "start_month", "end_month"}
            assert timeframe["start_month"] in range(1, 13)
            assert timeframe["end_month"] in range(1, 13)
        elif kind == "quarter":
            assert set(timeframe) == {"kind", "quarter"}
            assert timeframe["quarter"] in range(1, 5)
        else:
            assert timeframe == {"kind": "year"}

    def test_its_reporting_frequency_is_allowed(self, template):
        assert template["reporting_frequency"] in FREQUENCIES

    def test_it_names_its_seed(self, template):
        assert template["source"][:3] in SEEDS
        assert template["source"][3] == " "
        if template["finding"]:
            assert template["source"].startswith("002")


@pytest.mark.parametrize(
    ("code", "year", "indicator"),
    [
        ("i1", 2566, 1),
        ("i30", 2566, 5),
        ("e5", 2565, 6),
        ("e15", 2565, 8),
        ("O30", 2566, 9),
        ("O31", 2566, 10),
        ("O33", 2565, 9),
        ("O34", 2565, 10),
        ("O29", 2564, 9),
        ("O48", 2562, 10),
    ],
)
def test_the_item_mapping_follows_each_years_numbering(code, year, indicator):
    assert item_indicator(code, year) == indicator


def test_an_item_beyond_the_years_numbering_is_refused():
    with pytest.raises(ValueError):
        item_indicator("O44", 2566)
