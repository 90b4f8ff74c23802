"""The scoring reproduces the seed documents (pure: no database)."""

from decimal import Decimal as D

import pytest

from assessments.catalogue import FRAMEWORK_DIR, read_year
from assessments.scoring import (
    MISMATCH_OVERALL,
    Entered,
    FrameworkSpec,
    ItemEntry,
    WeaknessRules,
    compute,
    grade_for,
    weaknesses,
    what_if,
)

from .seeds import CHAEMAE_2564, KLONGPHON_2562, KLONGPHON_2562_SUBS, NONGPHAILOM_2565


def spec(year: int) -> FrameworkSpec:
    return FrameworkSpec.from_data(read_year(FRAMEWORK_DIR / f"{year}.json"))


def test_it_reproduces_klongphon_2562_from_the_indicators():
    result = compute(spec(2562), Entered(indicators=KLONGPHON_2562))
    assert result.overall == D("81.80")
    assert result.grade == "B"
    assert result.passed is False


def test_it_gives_each_instrument_its_points_and_pass_line_as_seed_001_prints():
    result = compute(spec(2562), Entered(indicators=KLONGPHON_2562))
    iit, eit, oit = (result.instruments[code] for code in ("IIT", "EIT", "OIT"))
    assert (round(iit.points, 2), round(eit.points, 2)) == (D("24.15"), D("24.02"))
    assert (iit.pass_points, eit.pass_points, oit.pass_points) == (
        D("25.50"),
        D("25.50"),
        D("34.00"),
    )
    # Seed 001 prints 33.17 for OIT, which its own indicators do not give.
    assert round(oit.points, 2) == D("33.63")


def test_it_reproduces_nongphailom_2565():
    result = compute(spec(2565), Entered(indicators=NONGPHAILOM_2565))
    assert (result.overall, result.grade) == (D("96.62"), "AA")


def test_it_keeps_chaemaes_reported_score_and_warns_of_the_mismatch():
    entered = Entered(
        indicators=CHAEMAE_2564, reported_overall=D("78.77"), reported_grade="B"
    )
    result = compute(spec(2564), entered)
    assert result.overall == D("78.85")
    assert result.grade == "B"
    assert [w.code for w in result.warnings] == ["overall_mismatch"]
    assert result.warnings[0].message == str(MISMATCH_OVERALL).format(
        computed="78.85", reported="78.77"
    )


def test_documents_state_the_published_score_and_grade_when_entered():
    published = compute(
        spec(2564),
        Entered(
            indicators=CHAEMAE_2564, reported_overall=D("78.77"), reported_grade="B"
        ),
    )
    assert (published.stated_overall, published.stated_grade) == (D("78.77"), "B")
    assert published.overall_differs
    computed = compute(spec(2564), Entered(indicators=CHAEMAE_2564))
    assert (computed.stated_overall, computed.stated_grade) == (D("78.85"), "B")
    assert not computed.overall_differs


def test_indicator_9_is_the_mean_of_its_sub_indicators():
    subs = {k: v for k, v in KLONGPHON_2562_SUBS.items() if k.startswith("9.")}
    result = compute(spec(2562), Entered(sub_indicators=subs))
    assert result.indicators[9].rounded == D("80.64")
    assert result.indicators[9].source == "sub_indicators"


def test_with_only_oit_items_each_sub_indicator_is_the_share_passed():
    framework = spec(2562)
    failed = {"O11", "O18", "O25", "O26", "O29"}  # 9.2 7/8, 9.3 6/7, 9.4 2/4, 9.5 4/5
    ind9 = framework.indicator(9)
    items = {code: ItemEntry(passed=code not in failed) for code in ind9.items}
    result = compute(framework, Entered(items=items))
    rounded = {code: score.rounded for code, score in result.sub_indicators.items()}
    assert rounded == {
        "9.1": D("100.00"),
        "9.2": D("87.50"),
        "9.3": D("85.71"),
        "9.4": D("50.00"),
        "9.5": D("80.00"),
    }
    assert result.indicators[9].rounded == D("80.64")
    assert result.overall is None  # the other indicators are missing


def test_an_indicator_that_disagrees_with_its_sub_indicators_is_shown():
    entered = Entered(
        indicators={**KLONGPHON_2562, 9: D("90.00")},
        sub_indicators=KLONGPHON_2562_SUBS,
    )
    result = compute(spec(2562), entered)
    assert "indicator_mismatch" in [w.code for w in result.warnings]
    assert result.indicators[9].rounded == D("90.00")  # what was entered wins


def test_iit_indicator_is_the_mean_of_its_questions_when_all_are_entered():
    framework = spec(2564)
    codes = framework.indicator(1).items
    scores = [D(s) for s in ("90", "80", "70", "100", "60", "84")]
    entered = Entered(
        items={c: ItemEntry(score=s) for c, s in zip(codes, scores, strict=True)}
    )
    assert compute(framework, entered).indicators[1].rounded == D("80.67")
    entered.items.pop(codes[0])
    assert 1 not in compute(framework, entered).indicators


def test_a_partial_entry_says_what_is_missing():
    result = compute(spec(2565), Entered(indicators={1: D("90")}))
    assert result.overall is None and result.grade is None
    assert result.warnings[0].code == "incomplete"
    assert "2, 3, 4, 5, 6, 7, 8, 9, 10" in result.warnings[0].message


BANDS = spec(2565).grade_bands


@pytest.mark.parametrize(
    "score, grade",
    [
        ("100", "AA"),
        ("95.00", "AA"),
        ("94.99", "A"),
        ("94.994", "A"),
        ("94.995", "AA"),  # 2-place half-up rounding comes first
        ("85.00", "A"),
        ("84.99", "B"),
        ("75.00", "B"),
        ("74.99", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("55.00", "D"),
        ("54.99", "E"),
        ("50.00", "E"),
        ("49.99", "F"),
        ("0", "F"),
    ],
)
def test_grade_band_edges(score, grade):
    assert grade_for(D(score), BANDS) == grade


def test_what_if_recomputes_the_overall_score_and_grade():
    framework = spec(2562)
    entered = Entered(indicators=KLONGPHON_2562)
    result = what_if(framework, entered, {4: D("95"), 6: D("95")})
    # +19.60 * 0.06 + 18.28 * 0.10 = 1.176 + 1.828
    assert result.overall == D("84.80")
    assert result.grade == "B"
    assert compute(framework, entered).overall == D("81.80")  # unchanged


def test_weaknesses_of_nongphailom_2565_are_the_ones_seed_003_picked():
    entered = Entered(
        indicators=NONGPHAILOM_2565,
        items={"O24": ItemEntry(passed=False, note="ไม่มีข้อมูล")},
    )
    found = weaknesses(compute(spec(2565), entered), entered)
    assert [(w.kind, w.code, w.reason) for w in found] == [
        ("indicator", "2", "lowest_in_instrument"),
        ("indicator", "6", "lowest_in_instrument"),
        ("indicator", "9", "lowest_in_instrument"),
        ("item", "O24", "item_failed"),
    ]
    assert found[3].note == "ไม่มีข้อมูล"


def test_weaknesses_of_chaemae_2564_include_every_indicator_under_85():
    entered = Entered(indicators=CHAEMAE_2564)
    found = weaknesses(
        compute(spec(2564), entered),
        entered,
        WeaknessRules(lowest_per_instrument=False),
    )
    assert [w.code for w in found] == ["6", "7", "8", "9"]
    assert all(w.reason == "below_pass_mark" for w in found)


def test_a_question_under_the_threshold_is_a_weakness():
    entered = Entered(
        items={"i7": ItemEntry(score=D("70")), "i8": ItemEntry(score=D("90"))}
    )
    found = weaknesses(compute(spec(2564), entered), entered)
    assert [(w.kind, w.code, w.score) for w in found] == [
        ("question", "i7", D("70.00"))
    ]
