"""The committed framework files (assessments/frameworks/*.json): schema,
arithmetic, the seed corrections, and that the build script reproduces them.
Plain file checks, no database."""

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK_DIR = REPO_ROOT / "assessments" / "frameworks"
SCRIPT = REPO_ROOT / "scripts" / "build_frameworks.py"
SOURCE = REPO_ROOT.parent / "shared" / "ita"
YEARS = range(2562, 2571)

YEAR_KEYS = [
    "fiscal_year",
    "provisional",
    "pass_mark",
    "pass_mark_confidence",
    "measures_item",
    "progress_item",
    "measures_confidence",
    "instruments",
    "grade_bands",
    "sources",
    "notes",
    "doubts",
]
INSTRUMENT_KEYS = ["code", "name_th", "name_en", "weight", "confidence", "indicators"]
INDICATOR_KEYS = [
    "number",
    "name_th",
    "name_en",
    "weight",
    "confidence",
    "note",
    "sub_indicators",
    "items",
]
SUB_INDICATOR_KEYS = ["code", "name_th", "name_en", "items"]
ITEM_KEYS = [
    "code",
    "text_th",
    "text_en",
    "kind",
    "answer_type",
    "reverse_scored",
    "confidence",
    "note",
]
BAND_KEYS = ["grade", "min", "confidence", "note"]
CONFIDENCES = {"confirmed", "inferred", "unverified"}
THAI = re.compile("[\u0e00-\u0e7f]")
DECIMAL = re.compile(r"^\d{1,3}\.\d{2}$")
ITEM_CODE = {"IIT": re.compile(r"^i\d+$"), "EIT": re.compile(r"^e\d+$")}
OIT_CODE = re.compile(r"^O\d+$")


def load(year: int) -> dict:
    return json.loads((FRAMEWORK_DIR / f"{year}.json").read_text(encoding="utf-8"))


def indicators(data: dict):
    for instrument in data["instruments"]:
        yield from instrument["indicators"]


def indicator(data: dict, number: int) -> dict:
    return next(ind for ind in indicators(data) if ind["number"] == number)


def sub_items(data: dict, number: int) -> dict[str, list[str]]:
    return {
        sub["code"]: sub["items"] for sub in indicator(data, number)["sub_indicators"]
    }


def codes(data: dict, instrument: str | None = None) -> list[str]:
    return [
        item["code"]
        for ins in data["instruments"]
        if instrument in (None, ins["code"])
        for ind in ins["indicators"]
        for item in ind["items"]
    ]


def o_range(first: int, last: int) -> list[str]:
    return [f"O{n}" for n in range(first, last + 1)]


@pytest.fixture(params=YEARS, ids=str)
def year_data(request) -> dict:
    return load(request.param)


INSTRUMENTS_EN = {
    "IIT": "Internal Integrity and Transparency Assessment",
    "EIT": "External Integrity and Transparency Assessment",
    "OIT": "Open Data Integrity and Transparency Assessment",
}


def test_the_framework_has_english_names_where_they_are_known(year_data):
    """Issue 22: the English pages name the instruments, indicators,
    sub-indicators and OIT items in English. The IIT and EIT questions have
    no English: their official wording was not seen, and none is made up."""
    for ins in year_data["instruments"]:
        assert ins["name_en"] == INSTRUMENTS_EN[ins["code"]]
        for ind in ins["indicators"]:
            assert ind["name_en"] and not THAI.search(ind["name_en"])
            for sub in ind["sub_indicators"]:
                assert sub["name_en"] and not THAI.search(sub["name_en"])
            for item in ind["items"]:
                if item["kind"] == "question":
                    assert item["text_en"] is None
                elif item["text_th"]:
                    assert item["text_en"] and not THAI.search(item["text_en"])
                else:
                    assert item["text_en"] is None  # no title, no translation
    names = {ind["number"]: ind["name_en"] for ind in indicators(year_data)}
    assert names[1] == "Performance of duties"
    assert names[10] == "Corruption prevention"


def test_it_has_one_file_per_fiscal_year():
    names = sorted(path.name for path in FRAMEWORK_DIR.glob("*.json"))
    assert names == [f"{year}.json" for year in YEARS]


def test_it_follows_the_schema(year_data):
    assert list(year_data) == YEAR_KEYS
    assert isinstance(year_data["fiscal_year"], int)
    assert isinstance(year_data["provisional"], bool)
    assert DECIMAL.match(year_data["pass_mark"])
    assert year_data["pass_mark_confidence"] in CONFIDENCES
    assert year_data["measures_confidence"] in CONFIDENCES
    for key in ("sources", "notes", "doubts"):
        assert year_data[key]
        assert all(isinstance(line, str) and line for line in year_data[key])
    assert [ins["code"] for ins in year_data["instruments"]] == ["IIT", "EIT", "OIT"]
    for ins in year_data["instruments"]:
        assert list(ins) == INSTRUMENT_KEYS
        assert DECIMAL.match(ins["weight"])
        assert ins["confidence"] in CONFIDENCES
        for ind in ins["indicators"]:
            assert list(ind) == INDICATOR_KEYS
            assert isinstance(ind["number"], int)
            assert ind["name_th"]
            assert DECIMAL.match(ind["weight"])
            assert ind["confidence"] in CONFIDENCES
            assert isinstance(ind["note"], str)
            for sub in ind["sub_indicators"]:
                assert list(sub) == SUB_INDICATOR_KEYS
                assert re.match(rf"^{ind['number']}\.\d+$", sub["code"])
                assert sub["name_th"] and sub["items"]
            for item in ind["items"]:
                assert list(item) == ITEM_KEYS
                assert item["text_th"] is None or item["text_th"].strip()
                assert isinstance(item["reverse_scored"], bool)
                assert item["confidence"] in CONFIDENCES
                assert isinstance(item["note"], str)
                if ins["code"] == "OIT":
                    assert OIT_CODE.match(item["code"])
                    assert item["kind"] == "disclosure"
                    assert item["answer_type"] == "pass_fail"
                    assert item["reverse_scored"] is False
                else:
                    assert ITEM_CODE[ins["code"]].match(item["code"])
                    assert item["kind"] == "question"
                    assert item["answer_type"] in ("scale4", "yes_no", None)
    for band in year_data["grade_bands"]:
        assert list(band) == BAND_KEYS
        assert DECIMAL.match(band["min"])
        assert band["confidence"] in CONFIDENCES


def test_it_names_the_year_in_the_file_name():
    for year in YEARS:
        assert load(year)["fiscal_year"] == year


def test_it_numbers_ten_indicators_across_the_instruments(year_data):
    numbers = {
        ins["code"]: [ind["number"] for ind in ins["indicators"]]
        for ins in year_data["instruments"]
    }
    assert numbers == {"IIT": [1, 2, 3, 4, 5], "EIT": [6, 7, 8], "OIT": [9, 10]}


def test_it_weighs_the_indicators_to_100_and_each_instrument_to_its_weight(
    year_data,
):
    total = Decimal(0)
    for ins in year_data["instruments"]:
        weights = [Decimal(ind["weight"]) for ind in ins["indicators"]]
        assert sum(weights) == Decimal(ins["weight"])
        total += sum(weights)
    assert total == Decimal("100.00")
    assert [ins["weight"] for ins in year_data["instruments"]] == [
        "30.00",
        "30.00",
        "40.00",
    ]
    weights = {ind["number"]: ind["weight"] for ind in indicators(year_data)}
    assert weights == {
        **dict.fromkeys(range(1, 6), "6.00"),
        **dict.fromkeys(range(6, 9), "10.00"),
        **dict.fromkeys((9, 10), "20.00"),
    }


def test_it_keeps_item_codes_unique_within_a_year(year_data):
    all_codes = codes(year_data)
    assert len(all_codes) == len(set(all_codes))


def test_it_puts_sub_indicator_items_among_their_indicator_items(year_data):
    for ind in indicators(year_data):
        own = [item["code"] for item in ind["items"]]
        listed = [code for sub in ind["sub_indicators"] for code in sub["items"]]
        assert len(listed) == len(set(listed)), ind["number"]
        assert set(listed) <= set(own), ind["number"]


def test_it_points_the_measures_and_progress_roles_at_oit_items(year_data):
    oit = codes(year_data, "OIT")
    for key in ("measures_item", "progress_item"):
        assert year_data[key] is None or year_data[key] in oit
    assert (year_data["measures_item"] is None) == (year_data["progress_item"] is None)


def test_it_orders_grade_bands_contiguously_from_the_top_down(year_data):
    bands = year_data["grade_bands"]
    grades = [band["grade"] for band in bands]
    mins = [Decimal(band["min"]) for band in bands]
    assert len(set(grades)) == len(grades)
    assert all(high > low for high, low in zip(mins, mins[1:], strict=False))
    assert mins[0] <= 100
    assert mins[-1] == 0
    assert Decimal(year_data["pass_mark"]) in mins


def test_it_never_fills_a_question_without_saying_where_the_text_came_from(
    year_data,
):
    for ind in indicators(year_data):
        for item in ind["items"]:
            if item["kind"] == "question" and item["confidence"] != "confirmed":
                assert item["note"], item["code"]


def test_it_counts_93_questions_and_items_in_fy2562_as_seed_001_prints():
    data = load(2562)
    assert len(codes(data, "IIT")) == 30
    assert len(codes(data, "EIT")) == 15
    assert codes(data, "OIT") == o_range(1, 48)
    assert len(codes(data)) == 93


def test_it_sizes_the_fy2562_oit_sub_indicators_as_seed_001_prints():
    data = load(2562)
    nine = sub_items(data, 9)
    assert [len(nine[code]) for code in ("9.1", "9.2", "9.3", "9.4", "9.5")] == [
        9,
        8,
        7,
        4,
        5,
    ]
    ten = sub_items(data, 10)
    assert ten["10.1"] == o_range(34, 41)
    assert ten["10.2"] == o_range(42, 48)
    titles = {item["code"]: item for item in indicator(data, 10)["items"]}
    for code in o_range(44, 48):
        assert titles[code]["text_th"] is None
        assert titles[code]["confidence"] == "inferred"


def test_it_records_the_fy2562_doubts_about_10_2_and_the_oit_line():
    doubts = " ".join(load(2562)["doubts"])
    assert "10.2" in doubts
    assert "33.17" in doubts


def test_it_gives_fy2565_sub_indicator_9_3_seven_items():
    assert sub_items(load(2565), 9)["9.3"] == o_range(18, 24)


def test_it_places_the_fy2566_measures_and_progress_items_in_10_2():
    data = load(2566)
    assert (data["measures_item"], data["progress_item"]) == ("O42", "O43")
    assert sub_items(data, 10)["10.2"] == o_range(39, 43)


def test_it_fills_fy2566_eit_wording_from_seed_002_only():
    data = load(2566)
    eit = {item["code"]: item for ind in indicators(data) for item in ind["items"]}
    assert eit["e1"]["text_th"].startswith("หน่วยงานปฏิบัติหรือให้บริการแก่ท่าน")
    assert eit["e1"]["confidence"] == "inferred"
    assert eit["e1"]["note"].startswith("wording from seed 002")
    assert eit["e4"]["text_th"] is None
    for year in set(YEARS) - {2566}:
        assert all(
            item["text_th"] is None
            for ind in indicators(load(year))
            for item in ind["items"]
            if item["code"].startswith("e")
        ), year


@pytest.mark.parametrize("year", [2567, 2568])
def test_it_leaves_the_unknown_measures_items_empty(year):
    data = load(year)
    assert data["measures_item"] is None
    assert data["progress_item"] is None


@pytest.mark.parametrize("year", [2567, 2568, 2569, 2570])
def test_it_says_when_a_years_oit_list_is_incomplete(year):
    data = load(year)
    assert any("OIT list" in line for line in data["doubts"])
    assert all(not ind["sub_indicators"] for ind in indicators(data))


def test_it_marks_the_years_not_checked_against_a_manual_provisional():
    provisional = [year for year in YEARS if load(year)["provisional"]]
    assert provisional == [2567, 2568, 2569, 2570]


def test_it_records_that_fy2568_runs_o1_to_o26_without_a_measures_item():
    data = load(2568)
    assert codes(data, "OIT") == o_range(1, 26)
    titles = [item["text_th"] for item in indicator(data, 10)["items"]]
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" not in titles
    assert any("O1–O26" in note and "rtrda" in note for note in data["notes"])
    assert any("ปี 2568" in source for source in data["sources"])


def test_it_records_the_fy2569_measures_and_progress_items_at_low_confidence():
    data = load(2569)
    assert (data["measures_item"], data["progress_item"]) == ("O25", "O26")
    items = {item["code"]: item for item in indicator(data, 10)["items"]}
    assert items["O25"]["text_th"] == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert items["O26"]["text_th"] == (
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    )
    for code in ("O25", "O26"):
        assert items[code]["confidence"] != "confirmed"
        assert "local governments' forms may differ" in items[code]["note"]
    assert data["measures_confidence"] == "unverified"
    assert any("ปี 2569" in source for source in data["sources"])


def test_it_makes_fy2570_from_fy2569_as_provisional():
    before, data = load(2569), load(2570)
    assert data["provisional"] is True
    assert codes(data) == codes(before)
    assert (data["measures_item"], data["progress_item"]) == ("O25", "O26")
    assert data["sources"] == before["sources"]
    assert "copy of FY2569" in data["notes"][0]
    assert "carried over from FY2569" in data["doubts"][0]

    def confidences(year_data):
        for ins in year_data["instruments"]:
            yield ins["confidence"]
            for ind in ins["indicators"]:
                yield ind["confidence"]
                yield from (item["confidence"] for item in ind["items"])
        yield from (band["confidence"] for band in year_data["grade_bands"])

    assert "confirmed" not in set(confidences(data))
    assert data["pass_mark_confidence"] != "confirmed"


def test_it_rebuilds_the_committed_files_byte_for_byte(tmp_path):
    if not (SOURCE / "ita_framework.json").exists():
        pytest.skip(f"research catalogue not found at {SOURCE}")
    subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--source",
            str(SOURCE),
            "--output",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    built = sorted(path.name for path in tmp_path.iterdir())
    assert built == [f"{year}.json" for year in YEARS]
    for name in built:
        assert (tmp_path / name).read_bytes() == (FRAMEWORK_DIR / name).read_bytes(), (
            name
        )
