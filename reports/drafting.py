"""First drafts of memos, in the register of seed 001. Staff edit every word
before sending; nothing here is sent as it stands.

The text states only what the portal knows: the assessed year's score and
grade, the lowest indicator of each instrument (from the plan's own, edited,
analysis), the OIT items that ask for the plan and its follow-up that year,
and what is proposed. The cabinet resolution of 23 January 2561 is cited only
for the years it covered (2561–2564), as seed 001 does.
"""

from datetime import date

from assessments.models import FrameworkYear
from assessments.services import evaluate
from ita_portal import thai
from ita_portal.language import in_thai
from organizations.models import DivisionKind

CABINET_YEARS = range(2561, 2565)

ITA_NAME = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน "
    "(Integrity and Transparency Assessment) ขององค์กรปกครองส่วนท้องถิ่น"
)


def _department(organization, division=None) -> str:
    parts = [division.name if division else "", organization.name]
    if organization.phone:
        parts.append(f"โทร {organization.phone}")
    return " ".join(p for p in parts if p)


def _clerk_division(organization):
    return organization.divisions.filter(kind=DivisionKind.CLERK).first()


def _items(fiscal_year: int):
    framework = FrameworkYear.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        return None, None
    return framework.measures_item, framework.progress_item


def _signer(user, organization):
    membership = user.memberships.filter(organization=organization).first()
    name = user.get_full_name() or user.get_username()
    return name, (membership.position if membership else "")


def _addressee(organization) -> str:
    last = organization.approval_steps.select_related("membership").last()
    return last.membership.position if last and last.membership.position else ""


@in_thai
def plan_memo(plan, *, by, today: date | None = None) -> dict:
    """The fields of the memo asking approval of the plan's analysis and
    measures, as keyword arguments for `Memo`."""
    organization = plan.organization
    assessment = plan.source_assessment
    plan_year = plan.fiscal_year
    assessed = assessment.framework.fiscal_year if assessment else plan_year - 1
    measures_item, progress_item = _items(plan_year)
    measure_count = plan.measures.count()

    background = [f"ตามที่ สำนักงาน ป.ป.ช. ได้มี{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {assessed}"]
    if assessment is not None:
        result = evaluate(assessment).result
        background[0] += (
            f" ปรากฏผลการประเมินระดับคุณธรรมและความโปร่งใส (ITA) ของ{organization.name} "
            f"มีคะแนนรวม {thai.format_number(result.stated_overall)} อยู่ในระดับ {result.stated_grade} "
            "มีรายละเอียด ดังนี้"
        )
        background += [p.text for p in plan.analysis.all() if p.instrument]

    facts = [
        f"{ITA_NAME} นั้น มีการประเมินในทุก ๆ ปีงบประมาณ และในปีงบประมาณ "
        f"พ.ศ. {plan_year} การประเมิน ITA กำหนดข้อมูลที่หน่วยงานต้องเปิดเผย ดังนี้"
    ]
    for item in (measures_item, progress_item):
        if item is not None and item.text_th:
            facts.append(f"ข้อ {item.code} {item.text_th}")
    facts.append(
        f"ผู้รับผิดชอบ ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {assessed} และจัดทำมาตรการส่งเสริม"
        f"คุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan_year} "
        f"จำนวน {measure_count} มาตรการ ปรากฏตามเอกสารแนบ"
    )

    law = (
        "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        "(Integrity and Transparency Assessment: ITA) เป็นการประเมินที่มีจุดมุ่งหมาย"
        "ที่จะก่อให้เกิดการปรับปรุงพัฒนาด้านคุณธรรมและความโปร่งใสในหน่วยงานภาครัฐ "
        "โดยถือเป็นการประเมินที่ครอบคลุมหน่วยงานภาครัฐทั่วประเทศ"
    )
    if plan_year in CABINET_YEARS:
        law += (
            " ซึ่งเป็นไปตามมติคณะรัฐมนตรี ในการประชุมเมื่อวันที่ 23 มกราคม 2561 "
            "มีมติเห็นชอบให้หน่วยงานภาครัฐทุกหน่วยงานให้ความร่วมมือและเข้าร่วมการประเมิน"
            "คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ปีงบประมาณ พ.ศ. 2561-2564"
        )
    law += (
        " โดยใช้แนวทางและเครื่องมือการประเมิน ตามที่สำนักงานคณะกรรมการป้องกันและ"
        "ปราบปรามการทุจริตแห่งชาติ หรือ สำนักงาน ป.ป.ช. กำหนด"
    )

    codes = ", ".join(i.code for i in (measures_item, progress_item) if i is not None)
    proposal = [
        f"เพื่อให้{ITA_NAME} ประจำปีงบประมาณ พ.ศ. {plan_year} เป็นไปตามแนวทาง"
        "ที่สำนักงาน ป.ป.ช. กำหนด"
        + (f" และสอดคล้องกับข้อมูลที่หน่วยงานต้องเปิดเผย ข้อ {codes}" if codes else "")
        + " เห็นสมควรดำเนินการดังต่อไปนี้",
        f"1. อนุมัติผลการวิเคราะห์ผลการประเมินฯ ประจำปีงบประมาณ พ.ศ. {assessed} และมาตรการ"
        f"ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan_year}",
        f"2. นำมาตรการไปปฏิบัติเพื่อรองรับการประเมินฯ ในปีงบประมาณ พ.ศ. {plan_year} "
        "และแจ้งทุกสำนัก/กอง ให้ทราบโดยทั่วกัน เพื่อดำเนินการในส่วนที่เกี่ยวข้องต่อไป",
        "3. เผยแพร่ผลการวิเคราะห์และมาตรการทางเว็บไซต์ของหน่วยงาน",
    ]

    name, position = _signer(by, organization)
    return {
        "organization": organization,
        "kind": "plan",
        "plan": plan,
        "department": _department(organization, _clerk_division(organization)),
        "date": today or date.today(),
        "subject": (
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
            f"ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {assessed} และมาตรการส่งเสริม"
            f"คุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan_year}"
        ),
        "addressee": _addressee(organization),
        "sections": [
            {"heading": "เรื่องเดิม", "paragraphs": background},
            {"heading": "ข้อเท็จจริง", "paragraphs": facts},
            {"heading": "ข้อกฎหมายและระเบียบ", "paragraphs": [law]},
            {"heading": "ข้อเสนอเพื่อพิจารณา", "paragraphs": proposal},
        ],
        "signer_name": name,
        "signer_position": position,
        "author": by,
    }


@in_thai
def progress_memo(round_, *, by, today: date | None = None) -> dict:
    """The fields of the memo reporting a closed round's progress, by status."""
    from measures.models import ProgressStatus

    plan = round_.plan
    organization = plan.organization
    entries = list(round_.entries.all())
    counts = {status: 0 for status in ProgressStatus}
    for entry in entries:
        counts[ProgressStatus(entry.status)] += 1
    _measures_item, progress_item = _items(plan.fiscal_year)
    period = round_.label()
    approved = (
        f" ซึ่งได้รับอนุมัติเมื่อวันที่ {thai.format_thai_date(plan.approved_at.date())}"
        if plan.approved_at
        else ""
    )
    background = [
        f"ตามที่ {organization.name} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} จำนวน {len(entries)} มาตรการ{approved} นั้น"
    ]
    facts = [
        f"ผู้รับผิดชอบได้ติดตามผลการดำเนินการตามมาตรการ {period} ปรากฏผล ดังนี้",
        f"1. ดำเนินการแล้ว จำนวน {counts[ProgressStatus.DONE]} มาตรการ",
        f"2. อยู่ระหว่างดำเนินการ จำนวน {counts[ProgressStatus.IN_PROGRESS]} มาตรการ",
        f"3. ยังไม่ดำเนินการ จำนวน {counts[ProgressStatus.NOT_STARTED]} มาตรการ",
        "รายละเอียดปรากฏตามรายงานผลการดำเนินการตามมาตรการที่แนบมาพร้อมนี้",
    ]
    item = f" ตามข้อ {progress_item.code}" if progress_item is not None else ""
    proposal = [
        "เห็นควรเสนอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        f"ภายในหน่วยงาน {period} เพื่อโปรดพิจารณาอนุมัติ และเผยแพร่ทางเว็บไซต์"
        f"ของหน่วยงาน{item}"
    ]
    name, position = _signer(by, organization)
    return {
        "organization": organization,
        "kind": "progress",
        "round": round_,
        "department": _department(organization, _clerk_division(organization)),
        "date": today or date.today(),
        "subject": (
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} {period}"
        ),
        "addressee": _addressee(organization),
        "sections": [
            {"heading": "เรื่องเดิม", "paragraphs": background},
            {"heading": "ข้อเท็จจริง", "paragraphs": facts},
            {"heading": "ข้อเสนอเพื่อพิจารณา", "paragraphs": proposal},
        ],
        "signer_name": name,
        "signer_position": position,
        "author": by,
    }
