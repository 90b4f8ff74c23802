"""Plans (O42): generating a draft from last year's scores, and editing a
draft's title, layout and analysis. Only a draft changes; the plan's way to
approval is in `workflow`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.scoring import DEFAULT_RULES, WeaknessRules
from assessments.services import evaluate

from ..generator import (
    DEFAULT_FOLLOW_UP,
    INCOMPLETE,
    PLAN_EXISTS,
    WRONG_YEAR,
    _timeframe,
    analysis_paragraphs,
    choose_templates,
    map_divisions,
    rules_to_dict,
)
from ..models import (
    AnalysisParagraph,
    Measure,
    MeasureTemplate,
    Plan,
    ReportingFrequency,
    Weakness,
)
from .measures import _require_draft


@transaction.atomic
def plan_generate(
    *, assessment, fiscal_year: int, rules: WeaknessRules = DEFAULT_RULES, by=None
) -> Plan:
    """Build the draft plan for `fiscal_year` from the assessment of the year
    before: its analysis, its weaknesses, and a measure from the best
    template for each (measures/generator.py chooses)."""
    plan_year = fiscal_year
    organization = assessment.organization
    if assessment.framework.fiscal_year != plan_year - 1:
        raise ValidationError(
            WRONG_YEAR.format(
                plan_year=plan_year,
                wanted=plan_year - 1,
                given=assessment.framework.fiscal_year,
            )
        )
    if Plan.objects.filter(
        organization=organization, fiscal_year=plan_year, is_current=True
    ).exists():
        raise ValidationError(PLAN_EXISTS.format(year=plan_year))
    evaluation = evaluate(assessment)
    if evaluation.result.overall is None:
        raise ValidationError(INCOMPLETE.format(year=assessment.framework.fiscal_year))

    plan = Plan.objects.create(
        organization=organization,
        fiscal_year=plan_year,
        source_assessment=assessment,
        title=_(
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {}"
        ).format(plan_year),
        rules=rules_to_dict(rules),
        created_by=by,
    )
    AnalysisParagraph.objects.bulk_create(
        AnalysisParagraph(plan=plan, instrument=instrument, order=n, text=text)
        for n, (instrument, text) in enumerate(
            analysis_paragraphs(evaluation, organization.name)
        )
    )
    weaknesses = Weakness.objects.bulk_create(
        Weakness(
            plan=plan,
            kind=w.kind,
            code=w.code,
            score=w.score,
            reasons=w.reasons,
            instrument=w.instrument,
            indicator=w.indicator,
            name=w.name,
            note=w.note,
            order=n,
        )
        for n, w in enumerate(evaluation.weaknesses(rules))
    )
    weaknesses = list(plan.weaknesses.order_by("order"))
    divisions = list(organization.divisions.order_by("name"))
    templates = list(MeasureTemplate.objects.available_to(organization))
    for order, candidate in enumerate(
        choose_templates(templates, weaknesses, assessment.framework.fiscal_year),
        start=1,
    ):
        template = candidate.template
        lead, responsible = map_divisions(template, divisions)
        notes = [w.note for w in candidate.answers if w.note]
        frequency = template.reporting_frequency or ReportingFrequency.MONTHLY
        measure = Measure.objects.create(
            plan=plan,
            order=order,
            title=template.title,
            steps=list(template.steps),
            lead_division=lead,
            follow_up=template.follow_up.strip() or DEFAULT_FOLLOW_UP[frequency],
            reporting_frequency=frequency,
            # A template's finding was another organisation's; the plan's
            # findings are what its own assessor noted.
            finding="\n".join(notes),
            indicators=sorted({w.indicator for w in candidate.answers}),
            items=[
                w.code for w in candidate.answers if w.kind != Weakness.Kind.INDICATOR
            ],
            template=template,
            **_timeframe(template),
        )
        measure.divisions.set(responsible)
        measure.answers.set(candidate.answers)
    return plan


@transaction.atomic
def analysis_update(*, paragraph: AnalysisParagraph, text: str) -> AnalysisParagraph:
    _require_draft(paragraph.plan)
    paragraph.text = text.strip()
    paragraph.full_clean()
    paragraph.save()
    return paragraph


# What a plan's documents may print other than the standard (Plan's fields).
PLAN_OPTIONS = (
    "title_layout",
    "introduction_place",
    "analysis_heading",
    "measures_heading",
    "measures_intro_shown",
    "measures_intro",
    "column_headers",
    "measure_titles_shown",
)


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    title: str,
    introduction: str,
    layout: str,
    report_preface: str = "",
    report_background: str = "",
    **options,
) -> Plan:
    """The plan's title, layout and texts; `options` are its document
    options (PLAN_OPTIONS: the title block, the headings, where the
    introduction goes, the paragraph before the measures, the measures
    table's headers and whether its first column names the measures)."""
    _require_draft(plan)
    unknown = set(options) - set(PLAN_OPTIONS)
    if unknown:
        raise TypeError(f"plan_update() got unexpected options {sorted(unknown)}")
    plan.title = title
    plan.introduction = introduction
    plan.layout = layout
    plan.report_preface = report_preface
    plan.report_background = report_background
    for name, value in options.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan
