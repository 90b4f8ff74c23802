"""The analysis report, seed 001's second part."""

from django.template.loader import render_to_string

from assessments import charts
from assessments.analysis import Analysis, analyse
from assessments.services import Evaluation
from ita_portal.language import in_thai
from measures.models import Plan

from ..branding import emblem_url
from .common import (
    ITA_FULL,
    NACC,
    Digits,
    analysis_by_instrument,
    place,
    preparer,
    render_cached,
    split_paragraphs,
)


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
                        # The table's note: below the pass mark, in orange.
                        "below": sub_score is not None
                        and sub_score.rounded < framework.pass_mark,
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
        "overall": d.score(result.stated_overall),
        # The published score stands in the total; the reader is told what
        # the indicators add up to when that differs.
        "computed_overall": d.score(result.overall) if result.overall_differs else None,
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
    assessment pages (assessments/charts/) in the same colours. It is not
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


@in_thai
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
            f"ซึ่ง{name}ได้รับผลการประเมิน {d.score(result.stated_overall)} คะแนน "
            f"อยู่ในระดับ {result.stated_grade} นั้น"
            if result is not None and result.stated_overall is not None
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
    # What staff wrote replaces the standard text (seed 001's preface tells
    # its own office's story); left blank, the standard text stands.
    preface = [d(p) for p in split_paragraphs(plan.report_preface)] or preface
    background = [d(p) for p in split_paragraphs(plan.report_background)] or background

    general, instrument_sections = analysis_by_instrument(plan, framework)
    for number, section in enumerate(instrument_sections, start=1):
        section["anchor"] = f"instrument-{number}"
        name = section["name"]
        section["heading"] = d(
            f"{number}. {name} ({section['code']})"
            if name
            else f"{number}. ด้าน {section['code']}"
        )

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
        "place": place(organization),
        "thai_digits": d.thai,
        "emblem_url": emblem_url(organization),
        "preparer": preparer(plan),
        "assessed_year": year,
        "plan_year": plan_year,
        "headings": headings,
        "toc": toc,
        "preface": preface,
        "background": background,
        "overall": d.score(result.stated_overall) if result else None,
        "grade": result.stated_grade if result else None,
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


@in_thai
def analysis_html(plan: Plan) -> str:
    return render_to_string("reports/analysis_pdf.html", analysis_context(plan))


def analysis_pdf(plan: Plan) -> bytes:
    return render_cached(analysis_html(plan))
