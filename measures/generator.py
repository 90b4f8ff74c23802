"""The plan generator's rules: last year's weak spots and the template library
in, the measures a draft plan starts with out, the same every time for the
same input. `measures.services.plan_generate` writes the plan with them; the
page and the `generate_plan` command call that."""

from dataclasses import dataclass
from decimal import Decimal

from assessments.scoring import DEFAULT_RULES, WeaknessRules
from assessments.services import Evaluation
from organizations.models import Division, DivisionKind

from .models import (
    MeasureTemplate,
    Plan,
    ReportingFrequency,
    TimeframeKind,
    Weakness,
)

PLAN_EXISTS = "หน่วยงานนี้มีแผนของปีงบประมาณ {year} อยู่แล้ว"


WRONG_YEAR = "แผนปีงบประมาณ {plan_year} ต้องใช้ผลการประเมินปี {wanted} ไม่ใช่ปี {given}"


INCOMPLETE = "ผลการประเมินปี {year} ยังกรอกคะแนนไม่ครบ จึงยังวิเคราะห์และสร้างแผนไม่ได้"


# A template drawn from a seed without a follow-up column (seed 002) has no
# follow-up of its own; the plan says how the measure is followed up in the
# plain words of the other seeds, at the template's reporting frequency.
DEFAULT_FOLLOW_UP = {
    ReportingFrequency.MONTHLY: "รายงานความก้าวหน้าและสรุปผลการดำเนินการต่อผู้บริหารทุกเดือน",
    ReportingFrequency.QUARTERLY: "รายงานความก้าวหน้าและสรุปผลการดำเนินการต่อผู้บริหารทุกไตรมาส",
    ReportingFrequency.SEMIANNUAL: "รายงานความก้าวหน้าและสรุปผลการดำเนินการต่อผู้บริหารทุก 6 เดือน",
    ReportingFrequency.ANNUAL: "รายงานความก้าวหน้าและสรุปผลการดำเนินการต่อผู้บริหารเมื่อสิ้นปีงบประมาณ",
}


# FY2563–2565 share one OIT numbering; FY2562 follows it up to O41; FY2566
# renumbered the list. A template's item codes only mean the same item in a
# year of the same numbering.
NUMBERING = {2562: "a", 2563: "a", 2564: "a", 2565: "a", 2566: "b"}


def _same_numbering(year_a: int | None, year_b: int) -> bool:
    if year_a is None:
        return False
    return year_a == year_b or (
        year_a in NUMBERING and NUMBERING.get(year_a) == NUMBERING.get(year_b)
    )


def rules_from_dict(data: dict | None) -> WeaknessRules:
    if not data:
        return DEFAULT_RULES
    threshold = data.get("question_threshold", DEFAULT_RULES.question_threshold)
    return WeaknessRules(
        below_pass_mark=data.get("below_pass_mark", True),
        lowest_per_instrument=data.get("lowest_per_instrument", True),
        question_threshold=None if threshold is None else Decimal(str(threshold)),
        failed_items=data.get("failed_items", True),
    )


def rules_to_dict(rules: WeaknessRules) -> dict:
    return {
        "below_pass_mark": rules.below_pass_mark,
        "lowest_per_instrument": rules.lowest_per_instrument,
        "question_threshold": None
        if rules.question_threshold is None
        else str(rules.question_threshold),
        "failed_items": rules.failed_items,
    }


# --- the analysis, in the seeds' words ------------------------------------


def analysis_paragraphs(evaluation: Evaluation, organization_name: str) -> list[tuple]:
    """(instrument code, text) paragraphs in the register of seeds 001 and
    003: the overall result, then per instrument its lowest indicator, what
    is under the pass mark and the failed items with the assessor's notes."""
    framework, result = evaluation.framework, evaluation.result
    year = framework.fiscal_year
    paragraphs = [
        (
            "",
            f"จากผลการประเมิน ITA ในปีงบประมาณ พ.ศ. {year} ของ{organization_name} พบว่า มีผลคะแนน "
            f"{result.stated_overall} คะแนน อยู่ในระดับ {result.stated_grade}",
        )
    ]
    ranked = sorted(
        ((framework.indicator(n), s.rounded) for n, s in result.indicators.items()),
        key=lambda pair: (-pair[1], pair[0].number),
    )
    if ranked:
        (top, top_score), (low, low_score) = ranked[0], ranked[-1]
        paragraphs.append(
            (
                "",
                f"ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ {top.number} {top.name} {top_score} คะแนน "
                f"ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ ตัวชี้วัดที่ {low.number} {low.name} {low_score} คะแนน",
            )
        )
    items = framework.items_by_code()
    for position, instrument in enumerate(framework.instruments, start=1):
        scored = [(s, v) for s, v in ranked if s.instrument == instrument.code]
        if not scored:
            continue
        lowest_score = min(v for _s, v in scored)
        lowest = [s for s, v in scored if v == lowest_score]
        sentences = [
            "{n}. ด้าน {code} พบว่า ผลคะแนนของตัวชี้วัดด้าน {names} มีค่าต่ำสุด "
            "เท่ากับ {score}".format(
                n=position,
                code=instrument.code,
                names=" และ ".join(s.name for s in lowest),
                score=lowest_score,
            )
        ]
        below = [(s, v) for s, v in scored if v < framework.pass_mark]
        if below:
            sentences.append(
                "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ผ่าน {mark} คะแนน ได้แก่ {names} ซึ่งต้องแก้ไขปรับปรุง".format(
                    mark=framework.pass_mark.normalize(),
                    names=", ".join(f"{s.name} ({v})" for s, v in below),
                )
            )
        else:
            sentences.append("ทุกตัวชี้วัดผ่านเกณฑ์ ควรรักษามาตรฐานไว้และพัฒนาตัวชี้วัดที่ต่ำสุดให้ดีขึ้น")
        numbers = set(instrument.indicators)
        for code, entry in evaluation.entered.items.items():
            item = items.get(code)
            if item is None or item.indicator not in numbers:
                continue
            if entry.passed is False:
                text = f"ข้อ {code} {item.text} ไม่ผ่านการประเมิน".replace("  ", " ")
                if entry.note:
                    text += f" ผู้ตรวจประเมินให้ข้อสังเกตว่า {entry.note}"
                sentences.append(text)
        paragraphs.append((instrument.code, " ".join(sentences)))
    return paragraphs


# --- choosing templates ---------------------------------------------------


@dataclass
class _Candidate:
    template: MeasureTemplate
    answers: list  # Weakness rows


def _match(template: MeasureTemplate, weakness: Weakness, year: int) -> int:
    """How well a template answers a weakness: 3 names the very question or
    item, 1 answers its indicator, 0 does not answer it."""
    if weakness.kind == Weakness.Kind.INDICATOR:
        return 1 if weakness.indicator in template.indicators else 0
    codes = {c.lower() for c in template.items}
    if codes and _same_numbering(template.items_year, year):
        if weakness.code.lower() in codes:
            return 3
    # No codes, or codes of another year's numbering: by the item's indicator.
    return 1 if weakness.indicator in template.indicators else 0


def _answers(template: MeasureTemplate, weakness: Weakness, year: int) -> bool:
    return _match(template, weakness, year) > 0


def choose_templates(templates, weaknesses, year: int) -> list[_Candidate]:
    """One best template per weakness, merged where one answers several.

    The best template for a weakness names its very question or item if one
    does, else answers its indicator; among equals the more specific one
    (fewer indicators) wins, then one already chosen, then the first by key,
    so the same input always gives the same plan. Weaknesses naming a
    question or item are served first, so that their specific measure also
    answers their indicator instead of a second, vaguer one.
    """
    pool = sorted(templates, key=lambda t: t.key)
    chosen: dict[str, _Candidate] = {}

    def best_for(weakness):
        best, best_rank = None, None
        for template in pool:
            match = _match(template, weakness, year)
            if not match:
                continue
            rank = (
                match,
                -len(template.indicators or [0]),
                template.key in chosen,
            )
            if best_rank is None or rank > best_rank:
                best, best_rank = template, rank
        return best

    strongest_first = sorted(
        weaknesses,
        key=lambda w: (w.kind == Weakness.Kind.INDICATOR, w.order),
    )
    for weakness in strongest_first:
        template = best_for(weakness)
        if template is None:
            continue
        candidate = chosen.setdefault(template.key, _Candidate(template, []))
        candidate.answers.append(weakness)
    # A measure lists every weakness of the plan it answers.
    result = list(chosen.values())
    for candidate in result:
        candidate.answers = [
            w for w in weaknesses if _answers(candidate.template, w, year)
        ]
    # Keep the plan in framework order: by the first weakness each answers.
    position = {w.pk: n for n, w in enumerate(weaknesses)}
    result.sort(key=lambda c: (min(position[w.pk] for w in c.answers), c.template.key))
    return result


def map_divisions(template: MeasureTemplate, divisions: list[Division]):
    """The organisation's real divisions for a template: (lead, responsible).

    Responsible are the lead and the divisions the template names by kind. A
    template whose helpers are "every division" (`also_divisions` "all") adds
    none: ticking every division would put the measure on every head's list
    as theirs; staff tick the ones that share the work. Only a template led
    by every division ("all" as its kind) names them all."""
    by_kind: dict[str, list[Division]] = {}
    for division in divisions:
        by_kind.setdefault(division.kind, []).append(division)
    also = [kind for kind in template.also_divisions if kind != "all"]
    kinds = [template.division_kind, *also]
    chosen: list[Division] = []
    for kind in kinds:
        found = divisions if kind == "all" else by_kind.get(kind, [])
        chosen.extend(d for d in found if d not in chosen)
    lead_kind = template.division_kind
    lead_candidates = (
        by_kind.get(lead_kind) or by_kind.get(DivisionKind.CLERK) or divisions
    )
    lead = lead_candidates[0] if lead_candidates else None
    if lead is not None and lead not in chosen:
        chosen.insert(0, lead)
    return lead, chosen


def _timeframe(template: MeasureTemplate) -> dict:
    data = template.timeframe or {}
    kind = data.get("kind")
    if kind == TimeframeKind.MONTHS:
        return {
            "timeframe_kind": TimeframeKind.MONTHS,
            "start_month": data.get("start_month"),
            "end_month": data.get("end_month"),
        }
    if kind == TimeframeKind.QUARTER:
        return {"timeframe_kind": TimeframeKind.QUARTER, "quarter": data.get("quarter")}
    return {"timeframe_kind": TimeframeKind.YEAR}


def uncovered(plan: Plan) -> list[Weakness]:
    """The weaknesses that no measure of the plan answers."""
    return list(plan.weaknesses.filter(measures__isnull=True).order_by("order"))


def plan_summary(plan: Plan) -> dict:
    """What the `generate_plan` command prints."""
    measures = plan.measures.prefetch_related("answers", "divisions").select_related(
        "lead_division", "plan"
    )
    return {
        "plan": plan.pk,
        "organization": plan.organization.slug,
        "fiscal_year": plan.fiscal_year,
        "weaknesses": [
            {
                "kind": w.kind,
                "code": w.code,
                "score": None if w.score is None else str(w.score),
                "reasons": w.reasons,
            }
            for w in plan.weaknesses.order_by("order")
        ],
        "measures": [
            {
                "title": m.title,
                "answers": [w.code for w in m.answers.all()],
                "lead_division": m.lead_division.name if m.lead_division else None,
                "divisions": [d.name for d in m.divisions.all()],
                "timeframe": m.timeframe_label(),
            }
            for m in measures
        ],
        "uncovered": [w.code for w in uncovered(plan)],
    }
