"""The O43 progress report of a reporting round, as seed 004 lays it out:
per instrument, each measure with its indicators, responsible divisions,
steps, monitoring, timeframe, a mark in one of the three status columns and
the reported results. Always from the round's snapshot (RoundEntry), so the
report says what stood at the end of the round, whatever was reported later.
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string

from assessments.catalogue import framework_spec
from assessments.models import FrameworkYear
from ita_portal.language import in_thai
from measures.models import (
    ProgressStatus,
    ReportingRound,
    RoundEntry,
    Weakness,
)
from organizations.models import Division

from .common import (
    MARK,
    OTHER_INSTRUMENT,
    Digits,
    measure_row,
    place,
    render_cached,
    split_paragraphs,
    splittable,
    status_header,
)

STATUSES = list(ProgressStatus)
# Column widths in per cent of the landscape text width (seed 004's nine
# columns), shared by the template and the row-height estimate.
WIDTHS = ("15", "11", "17.5", "13", "8", "7", "7", "7", "14.5")
HEADER_CM = 3.0


def _splittable(line) -> bool:
    m = line["row"]
    notes = [line["reported_on"], *line["links"], *line["evidence"]]
    texts = [
        [m.title, *m.indicators],
        [text for text, _bold in m.responsible],
        m.steps,
        [m.follow_up],
        [m.timeframe],
        [],
        [],
        [],
        line["result"] + [n for n in notes if n],
    ]
    cells = list(zip((float(w) for w in WIDTHS), texts, strict=True))
    return splittable(cells, orientation="landscape", header_cm=HEADER_CM)


class NoSnapshot(ValueError):
    """The round is still open: there is nothing frozen to report yet."""


def _entries(round_: ReportingRound) -> list[RoundEntry]:
    return list(
        round_.entries.select_related(
            "measure__lead_division", "measure__plan", "update"
        )
        .prefetch_related(
            Prefetch("measure__divisions", queryset=Division.objects.order_by("name")),
            Prefetch("measure__answers", queryset=Weakness.objects.order_by("order")),
            "update__evidence",
        )
        .order_by("measure__order", "measure__pk")
    )


def _period(round_: ReportingRound, d: Digits) -> str:
    """`รอบ 6 เดือน (1 ตุลาคม 2565 – 31 มีนาคม 2566)` in the document's digits."""
    name = str(round_.get_period_display()).split(" (")[0]
    return f"{d(name)} ({d.date(round_.starts_on)} – {d.date(round_.ends_on)})"


@in_thai
def progress_context(round_: ReportingRound) -> dict:
    """Everything the progress report prints, formatted."""
    if not round_.has_snapshot:
        raise NoSnapshot("ยังไม่ได้ปิดรอบรายงาน จึงยังไม่มีสถานะ ณ สิ้นรอบ")
    plan = round_.plan
    organization = plan.organization
    d = Digits(organization.thai_digits)
    assessment = plan.source_assessment
    # The assessed year's framework numbers the measures' indicators; a plan
    # made without an assessment reads them in the year before the plan's.
    assessed = (
        assessment.framework
        if assessment
        else FrameworkYear.objects.filter(fiscal_year=plan.fiscal_year - 1).first()
    )
    framework = framework_spec(assessed) if assessed else None
    division_count = organization.divisions.count()
    year_framework = FrameworkYear.objects.filter(fiscal_year=plan.fiscal_year).first()
    measures_item = year_framework.measures_item if year_framework else None

    lines = []
    for number, entry in enumerate(_entries(round_), start=1):
        row = measure_row(number, entry.measure, framework, d, division_count)
        evidence = list(entry.update.evidence.all()) if entry.update else []
        lines.append(
            {
                "row": row,
                "status": entry.status,
                "marks": [MARK if entry.status == s else "" for s in STATUSES],
                "status_label": ProgressStatus(entry.status).label,
                "result": [d(p) for p in split_paragraphs(entry.result)],
                "reported_on": d.date(entry.reported_on) if entry.reported_on else "",
                "links": list(entry.links or []),
                "evidence": [f.original_name for f in evidence],
            }
        )
        lines[-1]["splittable"] = _splittable(lines[-1])

    names = {i.code: i.name for i in framework.instruments} if framework else {}
    codes = list(names)
    for line in lines:
        codes += [c for c in line["row"].instruments[:1] if c not in codes]
    sections = []
    for code in codes + [OTHER_INSTRUMENT]:
        # A measure is reported once, under the first instrument it answers.
        mine = [
            line
            for line in lines
            if (line["row"].instruments[:1] or [OTHER_INSTRUMENT])[0] == code
        ]
        if mine:
            name = names.get(code, "")
            title = (
                f"{name} ({code})"
                if name
                else ("มาตรการอื่น" if code == OTHER_INSTRUMENT else code)
            )
            sections.append({"code": code, "title": title, "lines": mine})
    counts = [
        {
            "label": s.label,
            "count": d(sum(1 for line in lines if line["status"] == s)),
        }
        for s in STATUSES
    ]
    # The status line above the table, which seed 004 does not print: only
    # where the round asks for it, in its own words if it has them.
    summary = []
    if round_.summary_shown:
        summary = [d(p) for p in split_paragraphs(round_.summary)] or [
            f"สถานะ ณ วันที่ {d.date(round_.ends_on)} จากทั้งหมด {d(len(lines))} มาตรการ: "
            + ", ".join(f"{c['label']} {c['count']} มาตรการ" for c in counts)
        ]
    item = f" ตาม {d(measures_item.code)}" if measures_item else ""
    period = _period(round_, d)
    year = d(plan.fiscal_year)
    title_lines = [
        "ความก้าวหน้าหรือผลการดำเนินงานตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        f"{item.strip()} ไปสู่การปฏิบัติอย่างเป็นรูปธรรม".strip(),
        f"ประจำปีงบประมาณ พ.ศ. {year} {period}",
    ]
    return {
        "title": " ".join(title_lines),
        "title_lines": title_lines,
        "organization": organization,
        "place": place(organization),
        "thai_digits": d.thai,
        "fiscal_year": year,
        "period": period,
        "as_of": d.date(round_.ends_on),
        "introduction": (
            f"ตามที่ {organization.name} มีแนวทางหรือมาตรการขับเคลื่อนการส่งเสริมคุณธรรม"
            "และความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
            f"{year} เพื่อให้การแก้ไขข้อบกพร่องและการพัฒนาการดำเนินงานของหน่วยงานให้ดีขึ้น"
            "เกิดเป็นรูปธรรมและยั่งยืน โดยมีความก้าวหน้าหรือผลการดำเนินการตามมาตรการ"
            f"ที่ได้มีแนวทางไว้แล้ว {period} ซึ่งมีข้อมูลรายละเอียด ดังต่อไปนี้"
        ),
        "total": d(len(lines)),
        "counts": counts,
        "summary": summary,
        "statuses": [s.label for s in STATUSES],
        "status_headers": [status_header(s.label) for s in STATUSES],
        "column_numbers": [d(n) for n in range(1, 6)],
        "widths": WIDTHS,
        "sections": sections,
    }


@in_thai
def progress_html(round_: ReportingRound) -> str:
    return render_to_string("reports/progress_pdf.html", progress_context(round_))


def progress_pdf(round_: ReportingRound) -> bytes:
    return render_cached(progress_html(round_))
