"""The documents of a plan, each built from one explicit context and then
converted (STYLE.md, 14): the analysis report (seed 001's second part), the
O42 measures plan in the plan's chosen layout (seeds 000/003, 002, 001) as PDF,
and the plan as an XLSX sheet.

``*_context(plan)`` gathers the data in a fixed number of queries and formats
every value the document prints, digits included: with the organisation's
``thai_digits`` every number is written ๐–๙ already here, so the templates
(templates/reports/analysis_pdf.html, plan_pdf.html) print text as it comes.
``*_html`` renders the template; ``*_pdf`` converts it (reports/pdf.py).

The documents are official Thai papers whatever the reader's language, so
their words are Thai literals in the seeds' register, as in reports/drafting.py,
never translated. They state only what the portal holds: scores, the
framework of the assessed year, and what staff wrote in the plan.
"""

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string

from assessments import charts
from assessments.analysis import Analysis, analyse
from assessments.services import Evaluation, evaluate
from ita_portal import thai
from measures.models import Layout, Measure, Plan, ReportingFrequency, Weakness
from organizations.models import Division

from .documents import _emblem_url
from .models import Memo

ITA_FULL = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment: ITA)"
)
NACC = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)"
OTHER_INSTRUMENT = "อื่น ๆ"
PDF_CACHE_SECONDS = 24 * 60 * 60


class Digits:
    """Formats for one document: Thai digits or not, decided once."""

    def __init__(self, thai_digits: bool):
        self.thai = bool(thai_digits)

    def __call__(self, value) -> str:
        """Any value as text, its digits ๐–๙ when the organisation chose them."""
        if value is None:
            return ""
        return thai.to_thai_digits(value) if self.thai else str(value)

    def score(self, value) -> str:
        """``96.62``; "—" for no score."""
        if value is None:
            return "—"
        return thai.format_number(value, places=2, thai_digits=self.thai)

    def plain(self, value: Decimal) -> str:
        """A weight or a mark without trailing zeros: 30.00 -> ``30``."""
        text = format(Decimal(value).normalize(), "f")
        return self(text)

    def date(self, value) -> str:
        return thai.format_thai_date(value, thai_digits=self.thai)


def _pdf(html: str) -> bytes:
    """The PDF of ``html``, from the cache when the same HTML was converted
    before. The HTML holds everything the PDF shows, so the same HTML makes
    the same PDF; any change of the data changes the HTML and the key.

    WeasyPrint's layout is where the time goes (bench/documents.py: a
    40-page plan takes seconds), and the same draft is often downloaded again,
    then rendered once more when its memo is approved and frozen.
    """
    from . import weasyprint_thai
    from .pdf import render_pdf  # WeasyPrint loads only when needed

    digest = hashlib.sha256(html.encode()).hexdigest()
    key = f"reports:pdf:{weasyprint_thai.WEASYPRINT_VERSION}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _place(organization) -> str:
    """``อำเภอคลองท่อม จังหวัดกระบี่`` as the seeds' cover pages write it."""
    parts = []
    if organization.district:
        parts.append(f"อำเภอ{organization.district}")
    if organization.province:
        parts.append(f"จังหวัด{organization.province}")
    return " ".join(parts)


def _paragraphs(text: str) -> list[str]:
    """Staff-typed text as paragraphs: one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _preparer(plan: Plan) -> dict | None:
    """Who prepared the documents: the signer of the plan's memo (the
    approved one first), else the plan's creator with their position."""
    memos = list(plan.memos.all())
    memos.sort(key=lambda m: (m.status == Memo.Status.APPROVED, m.pk), reverse=True)
    if memos and memos[0].signer_name:
        memo = memos[0]
        return {
            "name": memo.signer_name,
            "position": _paragraphs(memo.signer_position),
        }
    user = plan.created_by
    if user is None:
        return None
    membership = user.memberships.filter(organization_id=plan.organization_id).first()
    return {
        "name": user.get_full_name() or user.get_username(),
        "position": _paragraphs(membership.position) if membership else [],
    }


# --- the scores ---------------------------------------------------------------


def _score_table(evaluation: Evaluation, d: Digits) -> dict:
    """Seed 001's table: each instrument with its weight, its indicators,
    their questions and sub-indicators, the instrument's points and the
    points it needs to pass."""
    framework, result = evaluation.framework, evaluation.result
    instruments = []
    total_items = 0
    for instrument, score, rows in evaluation.instrument_rows():
        lines = []
        for row in rows:
            spec = framework.indicator(row.number)
            total_items += row.items
            lines.append(
                {
                    "kind": "indicator",
                    "number": d(row.number),
                    "name": row.name,
                    "range": d(row.item_range),
                    "items": d(row.items),
                    "score": d.score(row.score),
                    "below": row.below_pass,
                }
            )
            for sub in spec.sub_indicators:
                sub_score = result.sub_indicators.get(sub.code)
                lines.append(
                    {
                        "kind": "sub",
                        "number": "",
                        "name": f"{d(sub.code)} {sub.name}",
                        "range": d(_item_range(sub.items)),
                        "items": d(len(sub.items)),
                        "score": d.score(sub_score.rounded if sub_score else None),
                        "below": False,
                    }
                )
        instruments.append(
            {
                "code": instrument.code,
                "name": instrument.name,
                "weight": d.plain(instrument.weight),
                "points": d.score(score.points),
                "pass_points": d.score(score.pass_points),
                "below": score.points is not None and score.points < score.pass_points,
                "lines": lines,
            }
        )
    return {
        "instruments": instruments,
        "items": d(total_items),
        "overall": d.score(result.overall),
    }


def _item_range(codes) -> str:
    return f"{codes[0]}–{codes[-1]}" if codes else ""


def _ranked(analysis: Analysis, d: Digits) -> dict:
    rows = [
        {
            "rank": d(r.rank),
            "name": r.name,
            "instrument": r.instrument,
            "score": d.score(r.score),
            "below": r.below_pass,
        }
        for r in analysis.ranked
    ]
    highest, lowest = analysis.highest, analysis.lowest
    return {
        "rows": rows,
        "highest": highest and {"name": highest.name, "score": d.score(highest.score)},
        "lowest": lowest and {"name": lowest.name, "score": d.score(lowest.score)},
    }


def _bars(evaluation: Evaluation, d: Digits) -> dict:
    """The indicator bar chart as data for HTML bars: the chart of the
    assessment pages (assessments/charts.py) in the same colours. It is not
    that SVG because WeasyPrint 70 lays out SVG text one character at a
    time, which tears Thai marks from their consonants."""
    framework, result = evaluation.framework, evaluation.result
    rows = []
    for spec in framework.indicators:
        value = result.indicator_value(spec.number)
        below = value is not None and value < framework.pass_mark
        rows.append(
            {
                "label": f"{d(spec.number)}. {spec.name}",
                "score": d.score(value),
                "width": f"{min(max(value or 0, 0), 100):.2f}%",
                "colour": charts.WARNING
                if below
                else charts.GROUP_COLOURS.get(spec.instrument, charts.DEFAULT_BAR),
                "below": below,
            }
        )
    legend = [
        (charts.GROUP_COLOURS.get(i.code, charts.DEFAULT_BAR), f"{i.code} {i.name}")
        for i in framework.instruments
    ]
    if any(row["below"] for row in rows):
        legend.append((charts.WARNING, "ต่ำกว่าเกณฑ์ผ่าน"))
    return {
        "rows": rows,
        "legend": legend,
        "pass_mark": d.plain(framework.pass_mark),
        "pass_at": f"{framework.pass_mark:.2f}%",
        "colour": charts.PASS_LINE,
    }


def _analysis_by_instrument(plan: Plan, framework) -> tuple[list[str], list[dict]]:
    """The plan's analysis paragraphs: the general ones, and those of each
    instrument in framework order (then any other instrument code typed)."""
    general, by_code = [], {}
    for paragraph in plan.analysis.all():
        if paragraph.instrument:
            by_code.setdefault(paragraph.instrument, []).append(paragraph.text)
        else:
            general.append(paragraph.text)
    names = {i.code: i.name for i in framework.instruments} if framework else {}
    order = list(names) + [code for code in by_code if code not in names]
    sections = [
        {"code": code, "name": names.get(code, ""), "paragraphs": by_code[code]}
        for code in order
        if code in by_code
    ]
    return general, sections


# --- the analysis report --------------------------------------------------------


def analysis_context(plan: Plan) -> dict:
    """Everything the analysis report prints, formatted."""
    organization = plan.organization
    d = Digits(organization.thai_digits)
    assessment = plan.source_assessment
    analysis = analyse(assessment) if assessment else None
    evaluation = analysis.evaluation if analysis else None
    framework = evaluation.framework if evaluation else None
    result = evaluation.result if evaluation else None
    assessed = assessment.framework.fiscal_year if assessment else plan.fiscal_year - 1
    year, plan_year = d(assessed), d(plan.fiscal_year)
    name = organization.name

    preface = [
        f"ตามที่ {NACC} ได้ดำเนินการ{ITA_FULL} ประจำปีงบประมาณ พ.ศ. {year} "
        + (
            f"ซึ่ง{name}ได้รับผลการประเมิน {d.score(result.overall)} คะแนน "
            f"อยู่ในระดับ {result.grade} นั้น"
            if result is not None and result.overall is not None
            else "นั้น"
        ),
        f"เมื่อผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"ประจำปีงบประมาณ พ.ศ. {year} ประกาศแล้ว {name} ในฐานะหน่วยงานผู้รับการประเมิน "
        "จึงได้นำผลการประเมินมาวิเคราะห์ถึงสิ่งที่ควรได้รับการปรับปรุงและพัฒนาไปในแนวทาง"
        "ที่ดีขึ้น และจัดทำเป็นรายงานฉบับนี้ เพื่อใช้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        f"ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan_year} สอดรับกับการประเมินต่อไป",
    ]
    background = [
        f"{ITA_FULL} เป็นการประเมินที่มีจุดมุ่งหมายที่จะก่อให้เกิดการปรับปรุงพัฒนา"
        "ด้านคุณธรรมและความโปร่งใสในหน่วยงานภาครัฐ โดยถือเป็นการประเมินที่ครอบคลุม"
        "หน่วยงานภาครัฐทั่วประเทศ รวมถึงองค์กรปกครองส่วนท้องถิ่น และใช้แนวทางและเครื่องมือ"
        f"การประเมินตามที่{NACC} กำหนด"
    ]
    if framework is not None:
        tools = " ".join(
            f"({n}) {i.name} ({i.code}) น้ำหนักร้อยละ {d.plain(i.weight)}"
            for n, i in ((d(n), i) for n, i in enumerate(framework.instruments, 1))
        )
        bands = " ".join(
            f"{grade} ตั้งแต่ {d.plain(minimum)} คะแนน"
            for grade, minimum in framework.grade_bands
        )
        background.append(
            f"การประเมินประจำปีงบประมาณ พ.ศ. {year} ใช้เครื่องมือการประเมิน "
            f"{d(len(framework.instruments))} แบบ ได้แก่ {tools} รวม "
            f"{d(len(framework.indicators))} ตัวชี้วัด หน่วยงานที่ได้คะแนนรวมตั้งแต่ "
            f"{d.plain(framework.pass_mark)} คะแนนขึ้นไปถือว่าผ่านเกณฑ์การประเมิน "
            f"และแบ่งระดับผลการประเมินเป็น {bands}"
        )

    general, instrument_sections = _analysis_by_instrument(plan, framework)
    for number, section in enumerate(instrument_sections, start=1):
        section["anchor"] = f"instrument-{number}"
        section["heading"] = f"{d(number)}. ด้าน {section['code']}"

    headings = {
        "preface": "คำนำ",
        "background": "ความเป็นมาของการประเมิน",
        "results": "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"ประจำปีงบประมาณ พ.ศ. {year}",
        "scores": "คะแนนรายแบบวัดและรายตัวชี้วัด",
        "ranked": "คะแนนรายตัวชี้วัด เรียงจากสูงไปต่ำ",
        "improvement": "การนำผลการประเมินไปดำเนินการปรับปรุงและพัฒนา "
        f"ในปีงบประมาณ พ.ศ. {plan_year}",
    }
    toc = [
        {"anchor": "", "title": headings["preface"], "level": 1},
        {"anchor": "background", "title": headings["background"], "level": 1},
        {"anchor": "results", "title": headings["results"], "level": 1},
    ]
    if evaluation is not None:
        toc += [
            {"anchor": "ranked", "title": headings["ranked"], "level": 2},
            {"anchor": "scores", "title": headings["scores"], "level": 2},
        ]
    toc.append({"anchor": "improvement", "title": headings["improvement"], "level": 1})
    toc += [
        {"anchor": s["anchor"], "title": s["heading"], "level": 2}
        for s in instrument_sections
    ]

    title_lines = [
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
        "ในการดำเนินงานของหน่วยงานภาครัฐ",
        f"ประจำปีงบประมาณ พ.ศ. {year}",
    ]
    return {
        "title": " ".join(title_lines),
        "title_lines": title_lines,
        "organization": organization,
        "place": _place(organization),
        "thai_digits": d.thai,
        "emblem_url": _emblem_url(organization),
        "preparer": _preparer(plan),
        "assessed_year": year,
        "plan_year": plan_year,
        "headings": headings,
        "toc": toc,
        "preface": preface,
        "background": background,
        "overall": d.score(result.overall) if result else None,
        "grade": result.grade if result else None,
        "bars": _bars(evaluation, d) if evaluation else None,
        "score_table": _score_table(evaluation, d) if evaluation else None,
        "pass_mark": d.plain(framework.pass_mark) if framework else "",
        "ranked": _ranked(analysis, d) if analysis else None,
        "general_paragraphs": [d(p) for p in general],
        "instrument_sections": [
            {**s, "paragraphs": [d(p) for p in s["paragraphs"]]}
            for s in instrument_sections
        ],
    }


def analysis_html(plan: Plan) -> str:
    return render_to_string("reports/analysis_pdf.html", analysis_context(plan))


def analysis_pdf(plan: Plan) -> bytes:
    return _pdf(analysis_html(plan))


# --- the plan ---------------------------------------------------------------------


@dataclass
class MeasureRow:
    """One measure as the plan's tables print it."""

    number: str
    title: str
    steps: list[str]
    lead: str
    divisions: list[str]
    timeframe: str
    follow_up: str
    finding: list[str]
    questions: list[str]
    instruments: list[str]
    weaknesses: dict[str, list[str]] = field(default_factory=dict)


def _measures(plan: Plan) -> list[Measure]:
    return list(
        plan.measures.select_related("lead_division").prefetch_related(
            Prefetch("divisions", queryset=Division.objects.order_by("name")),
            Prefetch("answers", queryset=Weakness.objects.order_by("order")),
        )
    )


def _weakness_label(weakness: Weakness, d: Digits) -> str:
    if weakness.kind == Weakness.Kind.INDICATOR:
        text = f"ตัวชี้วัดที่ {weakness.code} {weakness.name}"
        if weakness.score is not None:
            text += f" ({d.score(weakness.score)} คะแนน)"
        return d(text)
    text = f"{weakness.code} {weakness.name}".strip()
    if weakness.kind == Weakness.Kind.QUESTION and weakness.score is not None:
        text += f" ({d.score(weakness.score)} คะแนน)"
    if weakness.kind == Weakness.Kind.ITEM:
        text += " (ไม่ผ่าน)"
    return d(text)


def _question_label(weakness: Weakness) -> str:
    if weakness.kind == Weakness.Kind.INDICATOR:
        return f"ตัวชี้วัดที่ {weakness.code} {weakness.name}"
    return f"{weakness.code} {weakness.name}".strip()


def _measure_row(
    number: int, measure: Measure, framework, d: Digits, frequency: dict
) -> MeasureRow:
    lead = measure.lead_division
    others = [x.name for x in measure.divisions.all() if lead is None or x != lead]
    answers = list(measure.answers.all())
    questions = [_question_label(w) for w in answers]
    answered = {w.code.lower() for w in answers if w.kind != Weakness.Kind.INDICATOR}
    items = framework.items_by_code() if framework else {}
    for code in measure.items:
        if code.lower() not in answered:
            spec = items.get(code)
            questions.append(f"{code} {spec.text}".strip() if spec else code)
    if not questions:
        indicator_names = (
            {i.number: i.name for i in framework.indicators} if framework else {}
        )
        questions = [
            f"ตัวชี้วัดที่ {n} {indicator_names.get(n, '')}".strip()
            for n in measure.indicators
        ]

    weaknesses: dict[str, list[str]] = {}
    for weakness in answers:
        weaknesses.setdefault(weakness.instrument, []).append(
            _weakness_label(weakness, d)
        )
    instruments = list(weaknesses)
    if not instruments and framework is not None:
        of = {n: i.code for i in framework.instruments for n in i.indicators}
        for number_ in measure.indicators:
            code = of.get(number_)
            if code and code not in instruments:
                instruments.append(code)
                name = framework.indicator(number_).name
                weaknesses.setdefault(code, []).append(d(f"ตัวชี้วัดที่ {number_} {name}"))

    follow_up = measure.follow_up.strip()
    period = frequency[measure.reporting_frequency]
    follow_up = f"{follow_up} ({period})" if follow_up else f"รายงานผล{period}"
    steps = [s.strip() for s in measure.steps if s and s.strip()]
    if len(steps) > 1:
        steps = [f"{n}. {step}" for n, step in enumerate(steps, start=1)]
    return MeasureRow(
        number=d(number),
        title=d(measure.title),
        steps=[d(s) for s in steps],
        lead=d(lead.name) if lead else "",
        divisions=[d(name) for name in others],
        timeframe=measure.timeframe_label(thai_digits=d.thai),
        follow_up=d(follow_up),
        finding=[d(line) for line in _paragraphs(measure.finding)],
        questions=[d(q) for q in questions],
        instruments=instruments,
        weaknesses=weaknesses,
    )


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


def plan_context(plan: Plan) -> dict:
    """Everything the plan's PDF prints, formatted, in the plan's layout."""
    organization = plan.organization
    d = Digits(organization.thai_digits)
    assessment = plan.source_assessment
    evaluation = evaluate(assessment) if assessment is not None else None
    framework = evaluation.framework if evaluation else None
    assessed = assessment.framework.fiscal_year if assessment else plan.fiscal_year - 1
    year, assessed_year = d(plan.fiscal_year), d(assessed)

    general, sections = _analysis_by_instrument(plan, framework)
    frequency = dict(ReportingFrequency.choices)
    rows = [
        _measure_row(n, m, framework, d, frequency)
        for n, m in enumerate(_measures(plan), start=1)
    ]

    weakness_sections = []
    if plan.layout == Layout.BY_WEAKNESS:
        codes = [i.code for i in framework.instruments] if framework else []
        codes += [c for r in rows for c in r.instruments if c not in codes]
        names = {i.code: i.name for i in framework.instruments} if framework else {}
        said = {s["code"]: s["paragraphs"] for s in sections}
        for code in codes + [OTHER_INSTRUMENT]:
            if code == OTHER_INSTRUMENT:
                mine = [(r, []) for r in rows if not r.instruments]
            else:
                mine = [(r, r.weaknesses[code]) for r in rows if code in r.instruments]
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

    title = d(plan.title)
    return {
        "plan": plan,
        "layout": plan.layout,
        "title": title,
        "year_line": ""
        if str(plan.fiscal_year) in plan.title
        else f"ประจำปีงบประมาณ พ.ศ. {year}",
        "organization": organization,
        "place": _place(organization),
        "thai_digits": d.thai,
        "fiscal_year": year,
        "assessed_year": assessed_year,
        "introduction": [d(p) for p in _paragraphs(plan.introduction)],
        "analysis_heading": f"{d(1)}. การวิเคราะห์ผลการประเมิน ITA ของ{organization.name} "
        f"ปีงบประมาณ พ.ศ. {assessed_year}",
        "general_paragraphs": [d(p) for p in general],
        "instrument_groups": _instrument_groups(evaluation, sections, d),
        "measures_heading": f"{d(2)}. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"ประจำปีงบประมาณ พ.ศ. {year}",
        "measures_intro": f"{organization.name} ได้นำผลการวิเคราะห์การประเมินคุณธรรมและ"
        f"ความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {assessed_year} มากำหนดมาตรการ"
        "เพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"ประจำปีงบประมาณ พ.ศ. {year} ดังนี้",
        "measures": rows,
        "weakness_sections": weakness_sections,
    }


def plan_html(plan: Plan) -> str:
    return render_to_string("reports/plan_pdf.html", plan_context(plan))


def plan_pdf(plan: Plan) -> bytes:
    return _pdf(plan_html(plan))


# --- the plan as a spreadsheet ------------------------------------------------------

XLSX_COLUMNS = (
    # (header, width in characters)
    ("ลำดับ", 6),
    ("มาตรการ/แนวทาง", 34),
    ("ขั้นตอน/วิธีการดำเนินงาน", 60),
    ("ผู้รับผิดชอบหลัก", 20),
    ("ผู้ร่วมรับผิดชอบ", 24),
    ("ระยะเวลาดำเนินการ", 18),
    ("การติดตามผล", 34),
    ("ข้อคำถาม/ตัวชี้วัดที่ตอบ", 40),
    ("ข้อค้นพบ", 34),
)
XLSX_HEADER_ROW = 3


def plan_xlsx(plan: Plan) -> bytes:
    """The plan's measures, one row each, ready to print on A4 landscape."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    context = plan_context(plan)

    def text(value: str) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", value or "")

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = text(f"แผน {plan.fiscal_year}")[:31]
    font = Font(name="TH Sarabun New", size=14)
    bold = Font(name="TH Sarabun New", size=14, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    sheet.append([text(context["title"])])
    sheet.append(
        [text(" ".join(filter(None, [plan.organization.name, context["place"]])))]
    )
    for row in (1, 2):
        sheet.cell(row, 1).font = Font(name="TH Sarabun New", size=16, bold=True)
    sheet.append([header for header, _width in XLSX_COLUMNS])
    for column, (_header, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = sheet.cell(XLSX_HEADER_ROW, column)
        cell.font = bold
        cell.alignment = Alignment(
            wrap_text=True, horizontal="center", vertical="center"
        )
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = width

    for row in context["measures"]:
        responsible = ", ".join(row.divisions)
        sheet.append(
            [
                row.number,
                text(row.title),
                text("\n".join(row.steps)),
                text(row.lead),
                text(responsible),
                text(row.timeframe),
                text(row.follow_up),
                text("\n".join(row.questions)),
                text("\n".join(row.finding)),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = font
            cell.alignment = wrap
            cell.border = border
            cell.data_type = "s"  # typed text stays text, "=…" included

    sheet.freeze_panes = sheet.cell(XLSX_HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = text(plan.organization.name)
    sheet.oddFooter.right.text = "&P / &N"

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
