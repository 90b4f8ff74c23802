"""The analysis of an assessment as seeds 001 and 003 lay it out: indicators
ranked, highest and lowest, the lowest of each instrument, what is under the
pass mark, failed OIT items, and the change from the year before.

Names and texts are in the reader's language, for the analysis page; the
analysis report (reports/renderers/analysis.py) is built in Thai."""

from dataclasses import dataclass, replace
from decimal import Decimal

from .models import Assessment
from .services import Evaluation, evaluate


@dataclass(frozen=True)
class RankedIndicator:
    rank: int
    number: int
    name: str
    instrument: str
    score: Decimal
    below_pass: bool
    previous: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class FailedItem:
    code: str
    text: str
    indicator: int
    sub_indicator: str | None
    note: str


@dataclass
class Analysis:
    evaluation: Evaluation
    ranked: list[RankedIndicator]
    lowest_by_instrument: dict[str, list[RankedIndicator]]
    below_pass: list[RankedIndicator]
    failed_items: list[FailedItem]
    previous: Evaluation | None

    @property
    def lowest_per_instrument(self) -> list[tuple]:
        """(instrument, its lowest indicators) in framework order, the
        instrument named in the reader's language."""
        return [
            (
                replace(instrument, name=instrument.display_name),
                self.lowest_by_instrument.get(instrument.code, []),
            )
            for instrument in self.evaluation.framework.instruments
        ]

    @property
    def highest(self) -> RankedIndicator | None:
        return self.ranked[0] if self.ranked else None

    @property
    def lowest(self) -> RankedIndicator | None:
        return self.ranked[-1] if self.ranked else None


def previous_assessment(assessment: Assessment) -> Assessment | None:
    return (
        Assessment.objects.filter(
            organization_id=assessment.organization_id,
            framework__fiscal_year=assessment.framework.fiscal_year - 1,
        )
        .select_related("framework")
        .first()
    )


def analyse(assessment: Assessment) -> Analysis:
    evaluation = evaluate(assessment)
    result, framework = evaluation.result, evaluation.framework
    before = previous_assessment(assessment)
    previous = evaluate(before) if before else None

    scored = [
        (framework.indicator(number), score.rounded)
        for number, score in result.indicators.items()
    ]
    # Highest first; ties keep the framework's order, as the seeds list them.
    scored.sort(key=lambda pair: (-pair[1], pair[0].number))
    ranked = [
        RankedIndicator(
            rank=position,
            number=spec.number,
            name=spec.display_name,
            instrument=spec.instrument,
            score=score,
            below_pass=score < framework.pass_mark,
            previous=previous.result.indicator_value(spec.number) if previous else None,
        )
        for position, (spec, score) in enumerate(scored, start=1)
    ]
    lowest_by_instrument = {}
    for instrument in framework.instruments:
        mine = [r for r in ranked if r.instrument == instrument.code]
        if mine:
            low = min(r.score for r in mine)
            lowest_by_instrument[instrument.code] = [r for r in mine if r.score == low]
    items = framework.items_by_code()
    failed = [
        FailedItem(
            code=code,
            text=items[code].display_text,
            indicator=items[code].indicator,
            sub_indicator=items[code].sub_indicator,
            note=entry.note,
        )
        for code, entry in evaluation.entered.items.items()
        if code in items and entry.passed is False
    ]
    order = {item.code: n for n, item in enumerate(framework.items)}
    failed.sort(key=lambda f: order[f.code])
    return Analysis(
        evaluation=evaluation,
        ranked=ranked,
        lowest_by_instrument=lowest_by_instrument,
        below_pass=[r for r in ranked if r.below_pass],
        failed_items=failed,
        previous=previous,
    )
