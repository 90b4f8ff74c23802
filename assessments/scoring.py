"""ITA scoring and grading: the one implementation.

Pure functions over plain data (no database), so that pages, the JSON
command, imports, the plan generator and tests all compute the same numbers.

How a year's score is built (shared/ita/README.md, confirmed by the seeds):
- an OIT sub-indicator is the share of its items passed, in per cent;
- an indicator is the entered score, else the mean of its sub-indicators
  (OIT), else the mean of its questions (IIT/EIT) when all are entered;
- the overall score is the weighted sum of the indicators (weights in per
  cent of the whole: 6 for each IIT indicator, 10 EIT, 20 OIT in FY2562–2566);
- the grade is the highest band whose minimum the overall score reaches.
Numbers are exact Decimals inside and rounded half-up to 2 places only where
they are shown or stored.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from ita_portal.language import localized

TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)

# Warning messages (Thai msgids; tests import them).
MISMATCH_OVERALL = _(
    "คะแนนรวมที่คำนวณได้ {computed} ไม่ตรงกับคะแนนที่ประกาศ {reported} "
    "โปรดตรวจทานคะแนนรายตัวชี้วัด"
)
MISMATCH_GRADE = _("ระดับที่คำนวณได้ {computed} ไม่ตรงกับระดับที่ประกาศ {reported}")
MISMATCH_INDICATOR = _(
    "คะแนนตัวชี้วัดที่ {number} ที่กรอกไว้ {entered} ไม่ตรงกับค่าเฉลี่ยจากตัวชี้วัดย่อย {computed}"
)
INCOMPLETE_OVERALL = _("ยังคำนวณคะแนนรวมไม่ได้ ขาดคะแนนตัวชี้วัดที่ {numbers}")


def round2(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Decimal]) -> Decimal:
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


# --- The framework, as the scoring needs it -------------------------------
# `name` and `text` are the official Thai, which the documents print and the
# plan generator quotes; `display_name` and `display_text` are what a page
# shows: the English name on an English page where one is known.


@dataclass(frozen=True)
class SubIndicatorSpec:
    code: str
    name: str
    items: tuple[str, ...]
    name_en: str = ""

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)


@dataclass(frozen=True)
class IndicatorSpec:
    number: int
    name: str
    instrument: str
    weight: Decimal
    sub_indicators: tuple[SubIndicatorSpec, ...] = ()
    items: tuple[str, ...] = ()
    name_en: str = ""

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)


@dataclass(frozen=True)
class InstrumentSpec:
    code: str
    name: str
    weight: Decimal
    indicators: tuple[int, ...]
    name_en: str = ""

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)


@dataclass(frozen=True)
class ItemSpec:
    code: str
    text: str
    kind: str  # "question" or "disclosure"
    indicator: int
    sub_indicator: str | None = None
    text_en: str = ""

    @property
    def display_text(self) -> str:
        return localized(self.text, self.text_en)


@dataclass(frozen=True)
class FrameworkSpec:
    fiscal_year: int
    pass_mark: Decimal
    instruments: tuple[InstrumentSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    items: tuple[ItemSpec, ...]
    grade_bands: tuple[tuple[str, Decimal], ...]  # (grade, min), highest first

    def indicator(self, number: int) -> IndicatorSpec:
        return next(i for i in self.indicators if i.number == number)

    def item(self, code: str) -> ItemSpec:
        return self.items_by_code()[code]

    def items_by_code(self) -> dict[str, ItemSpec]:
        return {item.code: item for item in self.items}

    def sub_indicator_codes(self) -> list[str]:
        return [s.code for i in self.indicators for s in i.sub_indicators]

    @classmethod
    def from_data(cls, data: Mapping) -> "FrameworkSpec":
        """Build from the schema of `assessments/frameworks/<year>.json`."""
        instruments, indicators, items = [], [], []
        for instrument in data["instruments"]:
            numbers = []
            for indicator in instrument["indicators"]:
                numbers.append(indicator["number"])
                subs = tuple(
                    SubIndicatorSpec(
                        s["code"],
                        s["name_th"],
                        tuple(s["items"]),
                        s.get("name_en") or "",
                    )
                    for s in indicator["sub_indicators"]
                )
                sub_of = {code: s.code for s in subs for code in s.items}
                indicators.append(
                    IndicatorSpec(
                        number=indicator["number"],
                        name=indicator["name_th"],
                        instrument=instrument["code"],
                        weight=Decimal(indicator["weight"]),
                        sub_indicators=subs,
                        items=tuple(i["code"] for i in indicator["items"]),
                        name_en=indicator.get("name_en") or "",
                    )
                )
                items.extend(
                    ItemSpec(
                        code=i["code"],
                        text=i["text_th"] or "",
                        kind=i["kind"],
                        indicator=indicator["number"],
                        sub_indicator=sub_of.get(i["code"]),
                        text_en=i.get("text_en") or "",
                    )
                    for i in indicator["items"]
                )
            instruments.append(
                InstrumentSpec(
                    instrument["code"],
                    instrument["name_th"],
                    Decimal(instrument["weight"]),
                    tuple(numbers),
                    instrument.get("name_en") or "",
                )
            )
        bands = sorted(
            ((b["grade"], Decimal(b["min"])) for b in data["grade_bands"]),
            key=lambda band: band[1],
            reverse=True,
        )
        return cls(
            fiscal_year=data["fiscal_year"],
            pass_mark=Decimal(data["pass_mark"]),
            instruments=tuple(instruments),
            indicators=tuple(indicators),
            items=tuple(items),
            grade_bands=tuple(bands),
        )


# --- What was entered -------------------------------------------------------


@dataclass(frozen=True)
class ItemEntry:
    score: Decimal | None = None  # a question's score, 0–100
    passed: bool | None = None  # a disclosure item's result
    note: str = ""


@dataclass
class Entered:
    indicators: dict[int, Decimal] = field(default_factory=dict)
    sub_indicators: dict[str, Decimal] = field(default_factory=dict)
    items: dict[str, ItemEntry] = field(default_factory=dict)
    reported_overall: Decimal | None = None
    reported_grade: str = ""


# --- What comes out ---------------------------------------------------------


@dataclass(frozen=True)
class Score:
    value: Decimal  # exact
    source: str  # "entered", "sub_indicators", "items"

    @property
    def rounded(self) -> Decimal:
        return round2(self.value)


@dataclass(frozen=True)
class InstrumentScore:
    code: str
    score: Decimal | None  # 0–100, the weighted mean of its indicators
    points: Decimal | None  # its share of the overall score (seed 001: 24.15)
    pass_points: Decimal  # the points needed to pass (seed 001: 25.50)


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass
class Result:
    framework: FrameworkSpec
    sub_indicators: dict[str, Score]
    indicators: dict[int, Score]
    instruments: dict[str, InstrumentScore]
    overall: Decimal | None
    grade: str | None
    warnings: list[Warning]
    reported_overall: Decimal | None = None
    reported_grade: str = ""

    @property
    def stated_overall(self) -> Decimal | None:
        """The overall score a document states: the one the NACC published,
        when staff entered it, else the computed one. Published scores can
        differ from their indicators' weighted sum in the last digits (seed
        000 states 78.77 while its indicators give 78.85); the published one
        is official."""
        if self.reported_overall is not None:
            return round2(self.reported_overall)
        return self.overall

    @property
    def stated_grade(self) -> str | None:
        """The grade a document states, by the same rule as `stated_overall`."""
        return self.reported_grade or self.grade

    @property
    def overall_differs(self) -> bool:
        """Whether the stated overall score is not the computed one."""
        return self.overall is not None and self.stated_overall != self.overall

    @property
    def passed(self) -> bool | None:
        return (
            None if self.overall is None else self.overall >= self.framework.pass_mark
        )

    def indicator_value(self, number: int) -> Decimal | None:
        score = self.indicators.get(number)
        return score.rounded if score else None


def grade_for(
    overall: Decimal | None, bands: Iterable[tuple[str, Decimal]]
) -> str | None:
    """The highest band whose minimum the (2-place) overall score reaches."""
    if overall is None:
        return None
    overall = round2(overall)
    for grade, minimum in sorted(bands, key=lambda band: band[1], reverse=True):
        if overall >= minimum:
            return grade
    return None


def _sub_indicator_score(spec: SubIndicatorSpec, entered: Entered) -> Score | None:
    if spec.code in entered.sub_indicators:
        return Score(entered.sub_indicators[spec.code], "entered")
    results = [entered.items.get(code) for code in spec.items]
    if not spec.items or any(r is None or r.passed is None for r in results):
        return None
    passed = sum(1 for r in results if r.passed)
    return Score(HUNDRED * passed / len(spec.items), "items")


def _indicator_score(spec, entered, sub_scores) -> Score | None:
    if spec.number in entered.indicators:
        return Score(entered.indicators[spec.number], "entered")
    if spec.sub_indicators:
        subs = [sub_scores.get(s.code) for s in spec.sub_indicators]
        if all(subs):
            return Score(mean(s.value for s in subs), "sub_indicators")
        return None
    questions = [entered.items.get(code) for code in spec.items]
    if spec.items and all(q is not None and q.score is not None for q in questions):
        return Score(mean(q.score for q in questions), "items")
    return None


def compute(framework: FrameworkSpec, entered: Entered) -> Result:
    """Every sub-indicator, indicator and instrument score, the overall score
    and the grade, from whatever level of detail was entered."""
    warnings: list[Warning] = []
    sub_scores: dict[str, Score] = {}
    for indicator in framework.indicators:
        for sub in indicator.sub_indicators:
            score = _sub_indicator_score(sub, entered)
            if score is not None:
                sub_scores[sub.code] = score

    indicator_scores: dict[int, Score] = {}
    for indicator in framework.indicators:
        score = _indicator_score(indicator, entered, sub_scores)
        if score is None:
            continue
        indicator_scores[indicator.number] = score
        subs = [sub_scores.get(s.code) for s in indicator.sub_indicators]
        if score.source == "entered" and subs and all(subs):
            from_subs = round2(mean(s.value for s in subs))
            if abs(from_subs - score.rounded) > TWO_PLACES:
                warnings.append(
                    Warning(
                        "indicator_mismatch",
                        str(MISMATCH_INDICATOR).format(
                            number=indicator.number,
                            entered=score.rounded,
                            computed=from_subs,
                        ),
                    )
                )

    instruments = {}
    for instrument in framework.instruments:
        specs = [framework.indicator(n) for n in instrument.indicators]
        known = [indicator_scores.get(s.number) for s in specs]
        share = sum((s.weight for s in specs), Decimal(0))
        pass_points = framework.pass_mark * instrument.weight / HUNDRED
        if specs and all(known) and share:
            points = sum(
                (
                    s.weight * k.value / HUNDRED
                    for s, k in zip(specs, known, strict=True)
                ),
                Decimal(0),
            )
            score = points * HUNDRED / share
            instruments[instrument.code] = InstrumentScore(
                instrument.code, score, points * instrument.weight / share, pass_points
            )
        else:
            instruments[instrument.code] = InstrumentScore(
                instrument.code, None, None, pass_points
            )

    missing = [
        i.number for i in framework.indicators if i.number not in indicator_scores
    ]
    overall = None
    if not missing:
        overall = sum(
            (
                i.weight * indicator_scores[i.number].value / HUNDRED
                for i in framework.indicators
            ),
            Decimal(0),
        )
    elif indicator_scores:
        warnings.append(
            Warning(
                "incomplete",
                str(INCOMPLETE_OVERALL).format(numbers=", ".join(map(str, missing))),
            )
        )
    grade = grade_for(overall, framework.grade_bands)

    if overall is not None and entered.reported_overall is not None:
        if round2(overall) != round2(entered.reported_overall):
            warnings.append(
                Warning(
                    "overall_mismatch",
                    str(MISMATCH_OVERALL).format(
                        computed=round2(overall),
                        reported=round2(entered.reported_overall),
                    ),
                )
            )
    if grade and entered.reported_grade and entered.reported_grade != grade:
        warnings.append(
            Warning(
                "grade_mismatch",
                str(MISMATCH_GRADE).format(
                    computed=grade, reported=entered.reported_grade
                ),
            )
        )

    return Result(
        framework=framework,
        sub_indicators=sub_scores,
        indicators=indicator_scores,
        instruments=instruments,
        overall=round2(overall),
        grade=grade,
        warnings=warnings,
        reported_overall=entered.reported_overall,
        reported_grade=entered.reported_grade,
    )


def what_if(
    framework: FrameworkSpec, entered: Entered, targets: Mapping[int, Decimal]
) -> Result:
    """The result if the indicators in `targets` had those scores."""
    changed = Entered(
        indicators={**_indicator_values(framework, entered), **targets},
        sub_indicators=dict(entered.sub_indicators),
        items=dict(entered.items),
    )
    return compute(framework, changed)


def _indicator_values(framework, entered) -> dict[int, Decimal]:
    result = compute(framework, entered)
    return {number: score.value for number, score in result.indicators.items()}


# --- Weaknesses: what the plan generator answers ----------------------------


@dataclass(frozen=True)
class WeaknessRules:
    """Which weak spots a plan must answer. Configurable per plan."""

    below_pass_mark: bool = True
    lowest_per_instrument: bool = True
    question_threshold: Decimal | None = Decimal(85)
    failed_items: bool = True


DEFAULT_RULES = WeaknessRules()


@dataclass
class Weakness:
    kind: str  # "indicator", "question" or "item"
    code: str
    score: Decimal | None
    reasons: list[str]
    instrument: str
    indicator: int
    name: str = ""
    note: str = ""

    @property
    def reason(self) -> str:
        return self.reasons[0]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "code": self.code,
            "score": None if self.score is None else str(round2(self.score)),
            "reason": self.reason,
            "reasons": list(self.reasons),
            "instrument": self.instrument,
            "indicator": self.indicator,
            "name": self.name,
            "note": self.note,
        }


REASON_BELOW_PASS = "below_pass_mark"  # a reason code, not a password  # nosec B105
REASON_LOWEST = "lowest_in_instrument"
REASON_QUESTION = "question_below_threshold"
REASON_FAILED = "item_failed"


def weaknesses(
    result: Result, entered: Entered, rules: WeaknessRules = DEFAULT_RULES
) -> list[Weakness]:
    """The weak spots of an assessment, in framework order, each once."""
    framework = result.framework
    found: dict[tuple[str, str], Weakness] = {}

    def add(kind, code, score, reason, indicator, name="", note=""):
        key = (kind, code)
        if key in found:
            if reason not in found[key].reasons:
                found[key].reasons.append(reason)
            return
        found[key] = Weakness(
            kind=kind,
            code=code,
            score=score,
            reasons=[reason],
            instrument=indicator.instrument,
            indicator=indicator.number,
            name=name,
            note=note,
        )

    for instrument in framework.instruments:
        specs = [framework.indicator(n) for n in instrument.indicators]
        scored = [
            (s, result.indicators[s.number])
            for s in specs
            if s.number in result.indicators
        ]
        if rules.below_pass_mark:
            for spec, score in scored:
                if score.rounded < framework.pass_mark:
                    add(
                        "indicator",
                        str(spec.number),
                        score.rounded,
                        REASON_BELOW_PASS,
                        spec,
                        spec.name,
                    )
        if rules.lowest_per_instrument and scored:
            lowest = min(score.rounded for _spec, score in scored)
            for spec, score in scored:
                if score.rounded == lowest:
                    add(
                        "indicator",
                        str(spec.number),
                        score.rounded,
                        REASON_LOWEST,
                        spec,
                        spec.name,
                    )

    items = framework.items_by_code()
    for code, entry in entered.items.items():
        item = items.get(code)
        if item is None:
            continue
        indicator = framework.indicator(item.indicator)
        if (
            item.kind == "question"
            and rules.question_threshold is not None
            and entry.score is not None
            and entry.score < rules.question_threshold
        ):
            add(
                "question",
                code,
                round2(entry.score),
                REASON_QUESTION,
                indicator,
                item.text,
                entry.note,
            )
        if item.kind == "disclosure" and rules.failed_items and entry.passed is False:
            add("item", code, None, REASON_FAILED, indicator, item.text, entry.note)

    order = {item.code: n for n, item in enumerate(framework.items)}

    def sort_key(w: Weakness):
        if w.kind == "indicator":
            return (w.indicator, -1, 0)
        return (w.indicator, 0, order.get(w.code, 0))

    return sorted(found.values(), key=sort_key)
