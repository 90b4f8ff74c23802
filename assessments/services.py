"""Reading and writing an assessment's scores. Views, the XLSX import, the
commands and the demo data all come through here."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization

from . import catalogue
from .catalogue import framework_spec
from .framework_data import (
    FrameworkDataError,
    clean_framework,
    framework_export,
    structure,
)
from .models import (
    Assessment,
    FrameworkYear,
    Indicator,
    IndicatorScore,
    Item,
    ItemResult,
    SubIndicator,
    SubIndicatorScore,
)
from .scoring import (
    DEFAULT_RULES,
    Entered,
    FrameworkSpec,
    ItemEntry,
    Result,
    Weakness,
    WeaknessRules,
    compute,
    weaknesses,
)

NO_FRAMEWORK = _("ยังไม่มีกรอบการประเมินของปีงบประมาณ {year}")
ALREADY_EXISTS = _("หน่วยงานนี้มีผลการประเมินของปีงบประมาณนี้อยู่แล้ว")
UNKNOWN_CODE = _("ไม่มีรหัส {code} ในกรอบการประเมินปี {year}")


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    name: str
    instrument: str
    weight: Decimal
    score: Decimal | None
    source: str
    below_pass: bool
    sub_indicators: list
    items: int
    item_range: str


def _item_range(codes) -> str:
    """`I1 - 6` in seed 001's table is written here as `i1–i6`."""
    return f"{codes[0]}–{codes[-1]}" if codes else ""


@dataclass
class Evaluation:
    """An assessment with what was entered and what follows from it."""

    assessment: Assessment
    framework: FrameworkSpec
    entered: Entered
    result: Result

    def indicator_rows(self) -> list["IndicatorRow"]:
        """Each indicator with its score, in framework order, for tables;
        named in the reader's language (documents are built in Thai)."""
        rows = []
        for spec in self.framework.indicators:
            score = self.result.indicators.get(spec.number)
            subs = [
                (sub, self.result.sub_indicators.get(sub.code))
                for sub in spec.sub_indicators
            ]
            rows.append(
                IndicatorRow(
                    number=spec.number,
                    name=spec.display_name,
                    instrument=spec.instrument,
                    weight=spec.weight,
                    score=score.rounded if score else None,
                    source=score.source if score else "",
                    below_pass=bool(score and score.rounded < self.framework.pass_mark),
                    sub_indicators=[
                        (
                            sub.code,
                            sub.display_name,
                            len(sub.items),
                            s.rounded if s else None,
                        )
                        for sub, s in subs
                    ],
                    items=len(spec.items),
                    item_range=_item_range(spec.items),
                )
            )
        return rows

    def instrument_rows(self) -> list[tuple]:
        """(instrument, its score, its indicator rows) in framework order."""
        rows = self.indicator_rows()
        return [
            (
                instrument,
                self.result.instruments[instrument.code],
                [row for row in rows if row.instrument == instrument.code],
            )
            for instrument in self.framework.instruments
        ]

    def weaknesses(self, rules: WeaknessRules = DEFAULT_RULES) -> list[Weakness]:
        return weaknesses(self.result, self.entered, rules)


def entered_scores(assessment: Assessment) -> Entered:
    """What was entered for `assessment`, in three queries."""
    return Entered(
        indicators={
            number: score
            for number, score in assessment.indicator_scores.values_list(
                "indicator__number", "score"
            )
        },
        sub_indicators={
            code: score
            for code, score in assessment.sub_indicator_scores.values_list(
                "sub_indicator__code", "score"
            )
        },
        items={
            code: ItemEntry(score=score, passed=passed, note=note)
            for code, score, passed, note in assessment.item_results.values_list(
                "item__code", "score", "passed", "note"
            )
        },
        reported_overall=assessment.reported_overall,
        reported_grade=assessment.reported_grade,
    )


def evaluate(assessment: Assessment) -> Evaluation:
    framework = framework_spec(assessment.framework)
    entered = entered_scores(assessment)
    return Evaluation(assessment, framework, entered, compute(framework, entered))


def evaluate_many(assessments) -> dict[int, Result]:
    """The results of many assessments by their pk, in three queries for the
    scores whatever their number (and `framework_spec`'s, once per year):
    the same `compute` as `evaluate`. Each assessment brings its framework
    (select_related)."""
    assessments = list(assessments)
    ids = [a.pk for a in assessments]
    entered = {
        a.pk: Entered(
            reported_overall=a.reported_overall, reported_grade=a.reported_grade
        )
        for a in assessments
    }
    for pk, number, score in IndicatorScore.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "indicator__number", "score"):
        entered[pk].indicators[number] = score
    for pk, code, score in SubIndicatorScore.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "sub_indicator__code", "score"):
        entered[pk].sub_indicators[code] = score
    for pk, code, score, passed, note in ItemResult.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "item__code", "score", "passed", "note"):
        entered[pk].items[code] = ItemEntry(score=score, passed=passed, note=note)
    return {
        a.pk: compute(framework_spec(a.framework), entered[a.pk]) for a in assessments
    }


@transaction.atomic
def assessment_create(
    *, organization: Organization, fiscal_year: int, by
) -> Assessment:
    framework = FrameworkYear.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        raise ValidationError({"fiscal_year": NO_FRAMEWORK.format(year=fiscal_year)})
    if Assessment.objects.filter(
        organization=organization, framework=framework
    ).exists():
        raise ValidationError({"fiscal_year": ALREADY_EXISTS})
    assessment = Assessment(
        organization=organization, framework=framework, created_by=by
    )
    assessment.full_clean()
    if by is not None:
        assessment._history_user = by  # who, also when not from a request
    assessment.save()
    return assessment


@transaction.atomic
def assessment_set_scores(
    *,
    assessment: Assessment,
    by,
    indicators: dict[int, Decimal | None] | None = None,
    sub_indicators: dict[str, Decimal | None] | None = None,
    items: dict[str, ItemEntry | None] | None = None,
    reported_overall: Decimal | None | type[Ellipsis] = ...,
    reported_grade: str | type[Ellipsis] = ...,
) -> Assessment:
    """Store the given scores; a value of None clears that score. Elements
    not named are left as they are. All or nothing."""
    framework = assessment.framework
    year = framework.fiscal_year
    errors = {}

    def lookup(model, field, keys, **filters):
        rows = {getattr(row, field): row for row in model.objects.filter(**filters)}
        for key in keys:
            if key not in rows:
                errors[str(key)] = UNKNOWN_CODE.format(code=key, year=year)
        return rows

    indicators = indicators or {}
    sub_indicators = sub_indicators or {}
    items = items or {}
    indicator_rows = lookup(Indicator, "number", indicators, framework=framework)
    sub_rows = lookup(
        SubIndicator, "code", sub_indicators, indicator__framework=framework
    )
    item_rows = lookup(Item, "code", items, framework=framework)
    if errors:
        raise ValidationError(errors)

    for number, value in indicators.items():
        _upsert(
            IndicatorScore,
            assessment,
            "indicator",
            indicator_rows[number],
            value,
            lambda row, v: setattr(row, "score", v),
            by,
        )
    for code, value in sub_indicators.items():
        _upsert(
            SubIndicatorScore,
            assessment,
            "sub_indicator",
            sub_rows[code],
            value,
            lambda row, v: setattr(row, "score", v),
            by,
        )
    for code, entry in items.items():
        if (
            entry is not None
            and entry.score is None
            and entry.passed is None
            and not entry.note
        ):
            entry = None
        _upsert(
            ItemResult, assessment, "item", item_rows[code], entry, _set_item_entry, by
        )

    if reported_overall is not ...:
        assessment.reported_overall = reported_overall
    if reported_grade is not ...:
        assessment.reported_grade = (reported_grade or "").strip().upper()
    assessment.full_clean()
    if by is not None:
        assessment._history_user = by  # who, also when not from a request
    assessment.save()
    return assessment


def _set_item_entry(row: ItemResult, entry: ItemEntry) -> None:
    row.score = entry.score
    row.passed = entry.passed
    row.note = entry.note or ""


def _upsert(model, assessment, field, target, value, apply, by=None) -> None:
    existing = model.objects.filter(assessment=assessment, **{field: target}).first()
    if value is None:
        if existing is not None:
            existing.delete()
        return
    row = existing or model(assessment=assessment, **{field: target})
    apply(row, value)
    row.full_clean()
    if by is not None:
        row._history_user = by
    row.save()


# --- The framework of a year ---------------------------------------------------

YEAR_EXISTS = _("มีกรอบการประเมินของปีงบประมาณ {year} อยู่แล้ว")
YEAR_IN_USE = _(
    "ปีงบประมาณ {year} มีผลการประเมินใช้อยู่แล้ว จึงนำเข้าทับโครงสร้างไม่ได้ "
    "(รหัส น้ำหนัก ตัวชี้วัดย่อย ระดับผลการประเมิน และเกณฑ์ผ่าน) "
    "นำเข้าได้เฉพาะเมื่อเปลี่ยนแต่ข้อความ"
)


IMPORTED = _("นำเข้ากรอบการประเมิน")
COPIED = _("คัดลอกจากกรอบการประเมินปี {year}")


@transaction.atomic
def framework_import(*, data, by=None, reason: str = "") -> FrameworkYear:
    """Save a year from its data (JSON or XLSX, as `framework_data` reads it)
    or raise FrameworkDataError with every problem, saving nothing. A new year
    is created; a year not yet used is replaced; a year in use takes only new
    texts, as the catalogue's rule has it. The loader never rewrites the year
    afterwards."""
    clean = clean_framework(data)
    year = clean["fiscal_year"]
    framework = (
        FrameworkYear.objects.select_for_update().filter(fiscal_year=year).first()
    )
    if framework is not None and framework.is_used:
        if structure(framework_export(framework)) != structure(clean):
            raise FrameworkDataError([str(YEAR_IN_USE).format(year=year)])
        catalogue.update_texts(framework, clean)
    else:
        if framework is not None:
            framework.instruments.all().delete()  # cascades to indicators, items
            framework.grade_bands.all().delete()
        else:
            framework = FrameworkYear(fiscal_year=year)
        catalogue.set_year_fields(framework, clean)
        framework._history_user = by
        framework.save()
        catalogue.create_structure(framework, clean)
    framework.source_digest = catalogue.EDITED_IN_ADMIN
    # Who imported or copied the year, and how, in the year's history.
    framework._history_user = by
    framework._change_reason = reason or str(IMPORTED)
    framework.save(update_fields=["source_digest", "updated_at"])
    return framework


@transaction.atomic
def framework_copy(*, source: FrameworkYear, fiscal_year: int, by=None):
    """A new year made from `source`, provisional until a superuser checks it
    against the NACC manual; its rows are its own."""
    if FrameworkYear.objects.filter(fiscal_year=fiscal_year).exists():
        raise FrameworkDataError([str(YEAR_EXISTS).format(year=fiscal_year)])
    data = framework_export(source)
    data["fiscal_year"] = fiscal_year
    data["provisional"] = True
    who = f" by {by.get_username()}" if by is not None else ""
    data["notes"] = [
        f"Copied from FY{source.fiscal_year} in the portal{who}.",
        *data["notes"],
    ]
    return framework_import(
        data=data,
        by=by,
        reason=str(COPIED).format(year=source.fiscal_year),
    )
