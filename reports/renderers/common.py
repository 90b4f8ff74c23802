"""What the documents share: digits, the PDF cache, the organisation's
place, the preparer, the plan's analysis by instrument and its measures as
table rows."""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Prefetch

from ita_portal import thai
from measures.models import Measure, Plan, Weakness
from organizations.models import Division

from ..models import Memo

ITA_FULL = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment: ITA)"
)
NACC = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)"
OTHER_INSTRUMENT = "อื่น ๆ"
# The seeds' mark in a status column (seed 001: √, seed 004: /); TH Sarabun
# New has √ and no ✓.
MARK = "√"


def status_header(label: str) -> list[str]:
    """A narrow status column's header as lines that break before or after
    "ดำเนินการ", never inside it ("ยังไม่ดำเนิน|การ")."""
    return [part for part in re.split("(ดำเนินการ)", str(label)) if part]


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


def render_cached(html: str) -> bytes:
    """The PDF of ``html``, from the cache when the same HTML was converted
    before. The HTML holds everything the PDF shows, so the same HTML makes
    the same PDF; any change of the data changes the HTML and the key.

    WeasyPrint's layout is where the time goes (bench/documents.py: a
    40-page plan takes seconds), and the same draft is often downloaded again,
    then rendered once more when its memo is approved and frozen.
    """
    from .. import weasyprint_thai
    from ..pdf import render_pdf  # WeasyPrint loads only when needed

    digest = hashlib.sha256(html.encode()).hexdigest()
    key = f"reports:pdf:{weasyprint_thai.WEASYPRINT_VERSION}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def place(organization) -> str:
    """``อำเภอคลองท่อม จังหวัดกระบี่`` as the seeds' cover pages write it."""
    parts = []
    if organization.district:
        parts.append(f"อำเภอ{organization.district}")
    if organization.province:
        parts.append(f"จังหวัด{organization.province}")
    return " ".join(parts)


def split_paragraphs(text: str) -> list[str]:
    """Staff-typed text as paragraphs: one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def preparer(plan: Plan) -> dict | None:
    """Who prepared the documents: the signer of the plan's memo (the
    approved one first), else the plan's creator with their position."""
    memos = list(plan.memos.all())
    memos.sort(key=lambda m: (m.status == Memo.Status.APPROVED, m.pk), reverse=True)
    if memos and memos[0].signer_name:
        memo = memos[0]
        return {
            "name": memo.signer_name,
            "position": split_paragraphs(memo.signer_position),
        }
    user = plan.created_by
    if user is None:
        return None
    membership = user.memberships.filter(organization_id=plan.organization_id).first()
    return {
        "name": user.get_full_name() or user.get_username(),
        "position": split_paragraphs(membership.position) if membership else [],
    }


def analysis_by_instrument(plan: Plan, framework) -> tuple[list[str], list[dict]]:
    """The plan's analysis paragraphs, one per line typed: the general ones,
    and those of each instrument in framework order (then any other
    instrument code typed)."""
    general, by_code = [], {}
    for paragraph in plan.analysis.all():
        # An entry typed with line breaks is several paragraphs (seed 003's
        # "1. …", "2. …", "I7 …" each start a line).
        lines = split_paragraphs(paragraph.text)
        if paragraph.instrument:
            by_code.setdefault(paragraph.instrument, []).extend(lines)
        else:
            general.extend(lines)
    names = {i.code: i.name for i in framework.instruments} if framework else {}
    order = list(names) + [code for code in by_code if code not in names]
    sections = [
        {"code": code, "name": names.get(code, ""), "paragraphs": by_code[code]}
        for code in order
        if code in by_code
    ]
    return general, sections


# How the seeds name a measure that every division of the organisation
# carries (seeds 000 and 002), instead of listing them all.
ALL_DIVISIONS = "ทุกสำนัก/กอง"


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
    indicators: list[str]
    instruments: list[str]
    weaknesses: dict[str, list[str]] = field(default_factory=dict)
    all_divisions: bool = False
    people: list[str] = field(default_factory=list)
    theme: str = ""
    responsible_text: str = ""

    @property
    def responsible(self) -> list[tuple[str, bool]]:
        """The responsible cell's lines as (text, in bold): what the office
        typed for it, as typed; else the lead division in bold, then the
        others ("ทุกสำนัก/กอง โดย… เป็นผู้รับผิดชอบหลัก" when every division
        takes part); then the people named."""
        people = [(person, False) for person in self.people]
        if self.responsible_text:
            return [(self.responsible_text, False), *people]
        if self.all_divisions:
            lead = [(f"โดย{self.lead} เป็นผู้รับผิดชอบหลัก", False)] if self.lead else []
            return [(ALL_DIVISIONS, False), *lead, *people]
        lead = [(self.lead, True)] if self.lead else []
        return lead + [(name, False) for name in self.divisions] + people


def measures_of(plan: Plan) -> list[Measure]:
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


def measure_row(
    number: int,
    measure: Measure,
    framework,
    d: Digits,
    division_count: int = 0,
) -> MeasureRow:
    """One measure as the tables print it; `division_count` is how many
    divisions the organisation has (a measure that all of two or more carry
    is printed as theirs all)."""
    lead = measure.lead_division
    divisions = list(measure.divisions.all())
    others = [x.name for x in divisions if lead is None or x != lead]
    carried_by = {x.pk for x in divisions} | ({lead.pk} if lead else set())
    answers = list(measure.answers.all())
    questions = [_question_label(w) for w in answers]
    answered = {w.code.lower() for w in answers if w.kind != Weakness.Kind.INDICATOR}
    items = framework.items_by_code() if framework else {}
    for code in measure.items:
        if code.lower() not in answered:
            spec = items.get(code)
            questions.append(f"{code} {spec.text}".strip() if spec else code)
    specs = {i.number: i for i in framework.indicators} if framework else {}
    indicator_names = [
        f"ตัวชี้วัดที่ {n} {specs[n].name}" if n in specs else f"ตัวชี้วัดที่ {n}"
        for n in measure.indicators
    ]
    if not questions:
        questions = list(indicator_names)

    weaknesses: dict[str, list[str]] = {}
    for weakness in answers:
        weaknesses.setdefault(weakness.instrument, []).append(
            _weakness_label(weakness, d)
        )
    instruments = list(weaknesses)
    if not instruments:
        for n, label in zip(measure.indicators, indicator_names, strict=True):
            code = specs[n].instrument if n in specs else None
            if code and code not in instruments:
                instruments.append(code)
                weaknesses.setdefault(code, []).append(d(label))

    # The cells print what the office typed, nothing added to it.
    follow_up = measure.follow_up.strip()
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
        finding=[d(line) for line in split_paragraphs(measure.finding)],
        questions=[d(q) for q in questions],
        indicators=[d(label) for label in indicator_names],
        instruments=instruments,
        weaknesses=weaknesses,
        all_divisions=division_count >= 2 and len(carried_by) >= division_count,
        people=[d(line) for line in measure.people_lines],
        theme=d(measure.theme.strip()),
        responsible_text=d(measure.responsible_text.strip()),
    )


# --- rows that may break across pages ------------------------------------------
#
# A table row is kept on one page (break-inside: avoid, document_base.html)
# where it fits on one. WeasyPrint 70 mishandles a row that is kept whole but
# is taller than a page: it leaves the page before empty, prints the row
# without the repeated header and breaks it anyway. So rows that may not fit
# on a page are marked `splittable` (break-inside: auto) beforehand, from
# their text's length: TH Sarabun New sets Thai at about 0.34 em a character
# (marks included, lines broken at words) and Latin letters and digits at
# about half as much again, lines at 1.2 em. The estimate errs long, so a row
# near a page's height may break though it would just fit.

CM_PER_PT = 2.54 / 72
EM_PER_CHARACTER = 0.34
CELL_PADDING_PT = 8  # left and right
PARAGRAPH_GAP_PT = 2
TEXT_WIDTH_CM = {"portrait": 21 - 3 - 2, "landscape": 29.7 - 3 - 2}
TEXT_HEIGHT_CM = {"portrait": 29.7 - 2.5 - 2, "landscape": 21 - 2.5 - 2}
SAFETY = 0.9


def estimated_height_cm(
    cells, *, orientation: str, font_pt: float = 14, line_height: float = 1.2
) -> float:
    """The height of a table row whose cells are (width in per cent of the
    text width, [paragraphs]): the tallest cell's."""
    character = EM_PER_CHARACTER * font_pt * CM_PER_PT
    line = font_pt * line_height * CM_PER_PT
    tallest = 0.0
    for percent, texts in cells:
        width = TEXT_WIDTH_CM[orientation] * percent / 100
        per_line = max(1, int((width - CELL_PADDING_PT * CM_PER_PT) / character))
        lines = sum(max(1, -(-_width(text) // per_line)) for text in texts)
        height = lines * line + len(texts) * PARAGRAPH_GAP_PT * CM_PER_PT
        tallest = max(tallest, height)
    return tallest


def _width(text: str) -> int:
    """The text's length in Thai characters' widths."""
    return len(text) + sum(1 for c in text if c.isascii() and c.isalnum()) // 2


def splittable(cells, *, orientation: str, header_cm: float, **font) -> bool:
    """Whether a row may be too tall to keep on one page below the header."""
    room = TEXT_HEIGHT_CM[orientation] - header_cm
    return estimated_height_cm(cells, orientation=orientation, **font) > SAFETY * room
