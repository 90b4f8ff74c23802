"""The O42 measures plan in the plan's layout."""

import re

from django.template.loader import render_to_string

from assessments.services import Evaluation, evaluate
from ita_portal.language import in_thai
from measures.models import (
    IntroductionPlace,
    Layout,
    Plan,
    ProgressStatus,
    ProgressUpdate,
    TitleLayout,
)
from measures.themes import theme_groups

from .common import (
    MARK,
    OTHER_INSTRUMENT,
    Digits,
    analysis_by_instrument,
    estimated_height_cm,
    measure_row,
    measures_of,
    place,
    render_cached,
    split_paragraphs,
    splittable,
    status_header,
)

# Column widths in per cent of the landscape text width, per layout, and the
# height of each table's header (cm), which the templates and the row-height
# estimate share.
WIDTHS = {
    Layout.BY_MEASURE: (20, 33, 15, 12, 20),
    Layout.BY_QUESTION: (15, 22, 17, 24, 9, 13),
    Layout.BY_WEAKNESS: (17, 23, 15, 12, 8, 11, 7, 7),
}
HEADER_CM = {Layout.BY_MEASURE: 1.4, Layout.BY_QUESTION: 2.2, Layout.BY_WEAKNESS: 2.6}
ANALYSIS_WIDTHS = (40, 60)
# "ประจำปีงบประมาณ พ.ศ. 2566" (or "ปี พ.ศ. 2566") at the end of a title.
YEAR_IN_TITLE = re.compile(r"(?:ประจำปีงบประมาณ|ปีงบประมาณ|ปี)\s*พ\.ศ\.\s*[0-9๐-๙]{4}\s*$")
# The heading of a plan's measures that have no theme, when others have.
NO_THEME = "มาตรการที่ไม่ระบุประเด็น"


def _cells(layout, row, weaknesses=(), titled=True) -> list:
    """A measure row's cells as (width, paragraphs), in the layout's order;
    `titled`: whether the by-question layout's first column names it."""
    responsible = [text for text, _bold in row.responsible]
    widths = WIDTHS[layout]
    if layout == Layout.BY_QUESTION:
        texts = [
            [row.title] if titled else [],
            row.questions,
            row.finding,
            row.steps,
            [row.timeframe],
            responsible,
        ]
    elif layout == Layout.BY_WEAKNESS:
        texts = [
            [*weaknesses, *row.finding],
            row.steps,
            [row.title],
            responsible,
            [row.timeframe],
            [row.follow_up],
            [],
            [],
        ]
    else:
        texts = [[row.title], row.steps, responsible, [row.timeframe], [row.follow_up]]
    return list(zip(widths, texts, strict=True))


def _splittable(layout, row, weaknesses=(), heading="", titled=True) -> bool:
    """Whether the row may break across pages; a theme heading above it goes
    to the row's page with it (plan_pdf.html), so it counts as header."""
    header_cm = HEADER_CM[layout]
    if heading:
        header_cm += estimated_height_cm([(100, [heading])], orientation="landscape")
    return splittable(
        _cells(layout, row, weaknesses, titled),
        orientation="landscape",
        header_cm=header_cm,
    )


def _headings(groups) -> list[str]:
    """Per measure of `groups` (`theme_groups`), the theme heading printed
    above it: its theme's at the first measure of each group, none elsewhere.
    Measures without a theme come under NO_THEME, unless they come first (so
    a plan without themes has no heading at all)."""
    headings = []
    for position, (theme, measures) in enumerate(groups):
        heading = theme or (NO_THEME if position else "")
        headings += [heading] + [""] * (len(measures) - 1)
    return headings


def monitoring_marks(plan: Plan) -> dict[int, tuple[str, str]]:
    """Seed 001's two monitoring columns for each measure of the plan, by its
    pk: "ดำเนินการแล้ว" ticked once its latest report says done, "ยังไม่
    ดำเนินการ" ticked while it says otherwise, both blank before any report
    (to be ticked by hand). Two queries."""
    latest = dict(plan.measures.with_progress().values_list("pk", "latest_update_id"))
    statuses = dict(
        ProgressUpdate.objects.filter(
            pk__in=[u for u in latest.values() if u]
        ).values_list("pk", "status")
    )
    marks = {}
    for measure_id, update_id in latest.items():
        status = statuses.get(update_id)
        if status is None:
            marks[measure_id] = ("", "")
        elif status == ProgressStatus.DONE:
            marks[measure_id] = (MARK, "")
        else:
            marks[measure_id] = ("", MARK)
    return marks


def _instrument_groups(evaluation: Evaluation | None, sections, d: Digits):
    """Seeds 000 and 003: per instrument, its indicators with their scores
    beside what the plan's analysis says of that instrument."""
    if evaluation is None:
        return []
    said = {s["code"]: s["paragraphs"] for s in sections}
    groups = []
    for instrument, _score, rows in evaluation.instrument_rows():
        groups.append(
            {
                "code": instrument.code,
                "name": instrument.name,
                "indicators": [
                    {
                        "label": f"{d(row.number)}. {row.name}",
                        "score": d.score(row.score),
                        "below": row.below_pass,
                    }
                    for row in rows
                ],
                "paragraphs": [d(p) for p in said.get(instrument.code, [])],
            }
        )
    return groups


def _title_lines(plan: Plan, d: Digits) -> list[str]:
    """The title block, a line each: the title (its fiscal year added when it
    names none), then the organisation and its place, on one line (seed 000)
    or the year, the organisation and the place each on its own (seed 003)."""
    organization = plan.organization
    title = d(plan.title.strip())
    year_line = f"ประจำปีงบประมาณ พ.ศ. {d(plan.fiscal_year)}"
    where = place(organization)
    if plan.title_layout == TitleLayout.STACKED:
        match = YEAR_IN_TITLE.search(title)
        if match:
            year_line = title[match.start() :].strip()
            title = title[: match.start()].strip()
        return [line for line in (title, year_line, organization.name, where) if line]
    named = str(plan.fiscal_year) in plan.title
    return [
        title,
        *([] if named else [year_line]),
        f"{organization.name} {where}".strip(),
    ]


@in_thai
def plan_context(plan: Plan) -> dict:
    """Everything the plan's PDF prints, formatted, in the plan's layout."""
    organization = plan.organization
    d = Digits(organization.thai_digits)
    assessment = plan.source_assessment
    evaluation = evaluate(assessment) if assessment is not None else None
    framework = evaluation.framework if evaluation else None
    assessed = assessment.framework.fiscal_year if assessment else plan.fiscal_year - 1
    year, assessed_year = d(plan.fiscal_year), d(assessed)

    general, sections = analysis_by_instrument(plan, framework)
    division_count = organization.divisions.count()
    measures = measures_of(plan)
    headings = [""] * len(measures)
    if plan.layout != Layout.BY_WEAKNESS:
        headings = [d(heading) for heading in _headings(theme_groups(measures))]
    rows = [
        measure_row(n, m, framework, d, division_count)
        for n, m in enumerate(measures, start=1)
    ]

    weakness_sections = []
    if plan.layout == Layout.BY_WEAKNESS:
        marks = monitoring_marks(plan)
        ticks = {
            id(r): marks.get(m.pk, ("", ""))
            for r, m in zip(rows, measures, strict=True)
        }
        codes = [i.code for i in framework.instruments] if framework else []
        for r in rows:
            codes += [c for c in r.instruments if c not in codes]
        names = {i.code: i.name for i in framework.instruments} if framework else {}
        said = {s["code"]: s["paragraphs"] for s in sections}
        for code in codes + [OTHER_INSTRUMENT]:
            if code == OTHER_INSTRUMENT:
                mine = [(r, []) for r in rows if not r.instruments]
            else:
                mine = [(r, r.weaknesses[code]) for r in rows if code in r.instruments]
            mine = [
                (r, w, _splittable(plan.layout, r, w), ticks[id(r)]) for r, w in mine
            ]
            paragraphs = [d(p) for p in said.get(code, [])]
            if not mine and not paragraphs:
                continue
            name = names.get(code, "")
            label = f"{name} ({code})" if name else code
            weakness_sections.append(
                {
                    "code": code,
                    "paragraphs": paragraphs,
                    "table_title": (
                        f"ตารางผลการประเมิน{label} ประจำปีงบประมาณ พ.ศ. {assessed_year} "
                        f"เพื่อปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ. {year}"
                        if code != OTHER_INSTRUMENT
                        else f"มาตรการอื่น ประจำปีงบประมาณ พ.ศ. {year}"
                    ),
                    "rows": mine,
                }
            )

    # A row that fits on a page is kept on one (document_base.html); where a
    # table starts is reports.pdf's concern (no table starts in the last
    # quarter of a page).
    title = d(plan.title)
    groups = _instrument_groups(evaluation, sections, d)
    for group in groups:
        group["splittable"] = splittable(
            list(
                zip(
                    ANALYSIS_WIDTHS,
                    [[r["label"] for r in group["indicators"]], group["paragraphs"]],
                    strict=True,
                )
            ),
            orientation="landscape"
            if plan.layout == Layout.BY_WEAKNESS
            else "portrait",
            header_cm=1.0,
        )
    has_analysis = bool(general or sections or groups)
    number = (lambda n: f"{d(n)}. ") if has_analysis else (lambda n: "")
    introduction = [d(p) for p in split_paragraphs(plan.introduction)]
    intro_at_measures = plan.introduction_place == IntroductionPlace.MEASURES
    # The measures' heading: the office's, else the standard one; a plan
    # with no analysis has one part only, under its title, and needs none.
    measures_heading = d(plan.measures_heading.strip())
    if not measures_heading and has_analysis:
        measures_heading = (
            f"{number(2)}มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {year}"
        )
    columns = plan.columns()
    # Seed 002's first column holds its themes only.
    titled = plan.layout != Layout.BY_QUESTION or plan.measure_titles_shown
    measures_intro = []
    if plan.measures_intro_shown:
        measures_intro = [d(p) for p in split_paragraphs(plan.measures_intro)] or [
            f"{organization.name} ได้นำผลการวิเคราะห์การประเมินคุณธรรมและ"
            f"ความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {assessed_year} มากำหนดมาตรการ"
            "เพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {year} ดังนี้"
        ]
    return {
        "plan": plan,
        "layout": plan.layout,
        "title": title,
        "title_lines": _title_lines(plan, d),
        "organization": organization,
        "place": place(organization),
        "thai_digits": d.thai,
        "fiscal_year": year,
        "assessed_year": assessed_year,
        "introduction": [] if intro_at_measures else introduction,
        # Seed 001 interleaves the analysis with the tables, and a plan with
        # no analysis is only its tables: all landscape then.
        "all_landscape": plan.layout == Layout.BY_WEAKNESS or not has_analysis,
        "has_analysis": has_analysis,
        "analysis_heading": d(plan.analysis_heading.strip())
        or f"{number(1)}การวิเคราะห์ผลการประเมิน ITA ของ"
        f"{organization.name} ปีงบประมาณ พ.ศ. {assessed_year}",
        "general_paragraphs": [d(p) for p in general],
        "instrument_groups": groups,
        "measures_heading": measures_heading,
        "measures_intro": (introduction if intro_at_measures else []) + measures_intro,
        "measures": [
            (r, _splittable(plan.layout, r, heading=h, titled=titled), h)
            for r, h in zip(rows, headings, strict=True)
        ],
        # The table's headers, the office's or the layout's seed's; seed
        # 001's two monitoring headers wrap around "ดำเนินการ".
        "columns": [d(column) for column in columns],
        "monitoring": [status_header(d(column)) for column in columns[7:]],
        "titled": titled,
        "rows": rows,
        "weakness_sections": weakness_sections,
        "widths": WIDTHS.get(plan.layout, WIDTHS[Layout.BY_MEASURE]),
        "analysis_widths": ANALYSIS_WIDTHS,
    }


@in_thai
def plan_html(plan: Plan) -> str:
    return render_to_string("reports/plan_pdf.html", plan_context(plan))


def plan_pdf(plan: Plan) -> bytes:
    return render_cached(plan_html(plan))
