"""Demo memos: every demo organisation's approval chain (ปลัด → นายกฯ), and
seed 001's memo of เทศบาลตำบลคลองพน as it was typed, endorsed by the ปลัด
and approved by the นายกฯ on 23 April 2563, with its approved PDF stored.

The memo's text is seed 001's; digits are kept as 0–9 and printed as ๐–๙
because คลองพน chose Thai digits.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from measures.models import Plan
from organizations.models import Membership, Organization

from . import services as memos
from .documents import freeze
from .models import Memo, MemoDecision

BANGKOK = ZoneInfo("Asia/Bangkok")
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

SEED_001 = {
    "department": "สำนักปลัดเทศบาล เทศบาลตำบลคลองพน โทร ๐๗๕-๖๔๑๔๒๒",
    "date": date(2020, 4, 23),
    "subject": "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๒",
    "addressee": "นายกเทศมนตรีตำบลคลองพน",
    "sections": [
        {
            "heading": "เรื่องเดิม",
            "paragraphs": [
                "ตามที่ สำนักงาน ป.ป.ช. ได้มีการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (Integrity and Transparency Assessment) ขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ ปรากฏผลการประเมินระดับคุณธรรมและความโปร่งใส (ITA) ของเทศบาลตำบลคลองพน มีคะแนนรวม ๘๑.๘๐ อยู่ในระดับ B มีรายละเอียด ดังนี้",
                "๑. ด้าน IIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การใช้ทรัพย์สินของราชการ มีค่าต่ำสุด เท่ากับ ๗๕.๔๐ ข้อเสนอแนะพัฒนาให้ดีขึ้น หน่วยงานต้องจัดทำข้อตกลงหรือประกาศให้บุคลากรทราบถึงนโยบายการไม่นำทรัพย์สินของหน่วยงานไปใช้เป็นประโยชน์ส่วนตัว มีการจัดทำประกาศข้อปฏิบัติในการขอยืมทรัพย์สินของทางราชการไปใช้ในการปฏิบัติงาน ให้บุคคลภายในและภายนอกหน่วยงานทราบให้ชัดเจน",
                "๒. ด้าน EIT พบว่า ผลคะแนนของตัวชี้วัดด้าน คุณภาพการดำเนินงาน มีค่าต่ำสุด เท่ากับ ๗๖.๗๒ ข้อเสนอแนะพัฒนาให้ดีขึ้น หน่วยงานต้องมีการเปิดเผยข้อมูล ข้อเท็จจริงแก่ผู้มาใช้บริการอย่างถูกต้อง ตรงไปตรงมา และมีแนวทางในการให้ผู้มาติดต่ออย่างโปร่งใส โดยเฉพาะควรมีประกาศไม่เรียกร้องประโยชน์อื่นใดในการปฏิบัติหน้าที่ มีมาตรการโดยการจัดทำประกาศไม่เรียกรับผลประโยชน์หรือทรัพย์สินๆ และจัดทำคำขวัญสำหรับการให้บริการแก่ผู้มาติดต่อ โดยยึดประโยชน์ประชาชนเป็นหลัก",
                "๓. ด้าน OIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การเปิดเผยข้อมูล มีค่าต่ำสุด เท่ากับ ๘๐.๖๔ ซึ่งในด้านการป้องกันการทุจริต ข้อเสนอแนะพัฒนาให้ดีขึ้น หน่วยงานต้องทำเว็บไซต์องค์กร โดยต้องนำข้อมูลต่างๆ ลงให้ครบถ้วน เช่น ข้อมูลพื้นฐานขององค์กร แผนดำเนินงาน งบประมาณ บุคลากร โครงการและกิจกรรม จะต้องมีการตรวจสอบและต่ออายุเว็บไซต์ให้ทันกำหนดเวลา พร้อมทั้งจะเผยแพร่ข้อมูลให้ประชาชนทราบ รวมถึงการทำช่องทาง E-SERVICE ให้แก่ผู้รับบริการ สามารถขอรับบริการตามอำนาจหน้าที่หรือภารกิจของหน่วยงาน ผ่านช่องทางเว็บไซต์ได้",
            ],
        },
        {
            "heading": "ข้อเท็จจริง",
            "paragraphs": [
                "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (Integrity and Transparency Assessment) ขององค์กรปกครองส่วนท้องถิ่น นั้น มีการประเมินในทุก ๆ ปีงบประมาณ และเป็นการประเมินแบบต่อเนื่องจากปีงบประมาณ พ.ศ. ๒๕๖๒ และในปีงบประมาณ พ.ศ. ๒๕๖๓ การประเมิน ITA ในตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต เรื่องมาตรการภายในเพื่อป้องกันการทุจริต (ตัวชี้วัดย่อยที่ ๑๐.๒) ได้มีการเปลี่ยนแปลงข้อมูลที่หน่วยงานต้องเปิดเผย ดังนี้",
                "ข้อ ๐๔๒ หน่วยงานต้องจัดทำสรุปผลการวิเคราะห์ผลการประเมินในปีที่ผ่านมา และต้องจัดทำมาตรการภายในเพื่อกำหนดแนวทางปฏิบัติในการส่งเสริมคุณธรรมและความโปร่งใสของหน่วยงานให้ดียิ่งขึ้น และเปิดเผยผ่านทางเว็บไซต์",
                "ข้อ ๐๔๓ หน่วยงานต้องกำกับติดตามการดำเนินงานตามมาตรการภายในในการส่งเสริมคุณธรรมและความโปร่งใสของหน่วยงาน โดยการจัดทำสรุปผลการดำเนินงาน/การปฏิบัติตามมาตรการที่ได้กำหนดไว้ตามข้อ ๐๔๒",
                "ผู้รับผิดชอบ ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ จากผลการประเมินฯ เพื่อนำมาสู่ขั้นตอนหรือวิธีการที่จะดำเนินการในปีงบประมาณ พ.ศ. ๒๕๖๓ ปรากฏตามเอกสารแนบ",
            ],
        },
        {
            "heading": "ข้อกฎหมายและระเบียบ",
            "paragraphs": [
                "การประเมินคุณธรรมและความโปร่งใส ในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) เป็นการประเมินที่มีจุดมุ่งหมายที่จะก่อให้เกิดการปรับปรุงพัฒนา ด้านคุณธรรมและความโปร่งใสในหน่วยงานภาครัฐ โดยถือเป็นการประเมินที่ครอบคลุมหน่วยงานภาครัฐทั่วประเทศ ซึ่งเป็นไปตามมติคณะรัฐมนตรี ในการประชุมเมื่อวันที่ ๒๓ มกราคม ๒๕๖๑ มีมติเห็นชอบให้หน่วยงานภาครัฐทุกหน่วยงานให้ความร่วมมือและเข้าร่วมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ปีงบประมาณ พ.ศ. ๒๕๖๑-๒๕๖๔ โดยใช้แนวทางและเครื่องมือการประเมิน ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ หรือ สำนักงาน ป.ป.ช. กำหนด",
            ],
        },
        {
            "heading": "ข้อเสนอเพื่อพิจารณา",
            "paragraphs": [
                "เพื่อให้การดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (Integrity and Transparency Assessment) ขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ เป็นไปตามมติ คณะรัฐมนตรี ในการประชุมเมื่อวันที่ ๒๓ มกราคม ๒๕๖๑ และสอดคล้องกับตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต เรื่องมาตรการภายในเพื่อป้องกันการทุจริต (ตัวชี้วัดย่อยที่ ๑๐.๒) ได้มีการเปลี่ยนแปลงข้อมูลที่หน่วยงานต้องเปิดเผย ข้อ ๐๔๒, ๐๔๓ เห็นสมควรดำเนินการดังต่อไปนี้",
                "๑. นำขั้นตอนหรือวิธีการไปปฏิบัติเพื่อรองรับการประเมินฯ ในปีงบประมาณ พ.ศ. ๒๕๖๓",
                "๒. แจ้งทุกสำนัก, กอง ให้ทราบโดยทั่วกัน เพื่อดำเนินการในส่วนที่เกี่ยวข้องต่อไป",
            ],
        },
    ],
    "signer_name": "นางมะลิ ภูพรประเสริฐ",
    "signer_position": "หัวหน้าฝ่ายแผนงานและงบประมาณ\nรักษาการแทน หัวหน้าสำนักปลัดเทศบาล",
}


def _arabic(value):
    if isinstance(value, str):
        return value.translate(ARABIC)
    if isinstance(value, list):
        return [_arabic(v) for v in value]
    if isinstance(value, dict):
        return {k: _arabic(v) for k, v in value.items()}
    return value


def _chain(organization) -> list[Membership]:
    """The ปลัด, then the นายกฯ: the demo's executives by username."""
    executives = organization.memberships.executives().select_related("user")
    order = {"palad": 0, "mayor": 1}
    return sorted(
        (m for m in executives if m.user.username.rsplit("-", 1)[-1] in order),
        key=lambda m: order[m.user.username.rsplit("-", 1)[-1]],
    )


def _seed_001(organization) -> Memo | None:
    plan = Plan.objects.filter(
        organization=organization, fiscal_year=2563, is_current=True
    ).first()
    if plan is None or organization.memos.filter(plan=plan).exists():
        return None
    chain = _chain(organization)
    author = organization.memberships.get(user__username="klongphon-staff").user
    memo = Memo.objects.create(
        organization=organization,
        kind=Memo.Kind.PLAN,
        plan=plan,
        author=author,
        status=Memo.Status.APPROVED,
        submission=1,
        number=None,
        chain=[
            {
                "user": m.user_id,
                "name": m.user.get_full_name(),
                "position": m.position,
            }
            for m in chain
        ],
        sent_at=datetime.combine(SEED_001["date"], time(9, 0), BANGKOK),
        **_arabic(SEED_001),
    )
    for index, membership in enumerate(chain):
        at = datetime.combine(SEED_001["date"], time(10 + 3 * index, 0), BANGKOK)
        decision = MemoDecision.objects.create(
            memo=memo,
            submission=1,
            step=index,
            final=index == len(chain) - 1,
            user=membership.user,
            name=membership.user.get_full_name(),
            position=membership.position,
            approve=True,
        )
        # The decision's time as it was on paper, not the time of seeding.
        MemoDecision.objects.filter(pk=decision.pk).update(decided_at=at)
    memo.approved_at = at
    memo.save(update_fields=["approved_at"])
    freeze(memo)
    return memo


@transaction.atomic
def seed(stdout=None) -> None:
    for organization in Organization.objects.filter(
        memberships__user__username__endswith="-mayor"
    ).distinct():
        if not organization.approval_steps.exists():
            memos.approval_chain_set(
                organization=organization, memberships=_chain(organization), by=None
            )
    klongphon = Organization.objects.filter(slug="klongphon").first()
    memo = _seed_001(klongphon) if klongphon else None
    if stdout is not None and memo is not None:
        stdout.write(f"memo: {memo.subject[:60]}… ({klongphon.name})\n")
