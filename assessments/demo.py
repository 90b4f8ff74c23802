"""Demo scores from the seed documents (shared/seeds).

- 001: เทศบาลตำบลคลองพน FY2562, indicators and sub-indicators (81.80, B).
- 000: เทศบาลเมืองแฉะแม FY2564, indicators; the document reports 78.77 while
  its indicators give 78.85, and the portal shows that mismatch.
- 003: องค์การบริหารส่วนตำบลหนองไผ่ล้อม FY2565, indicators and the failed
  item O24 with the assessor's note (96.62, AA).
"""

from decimal import Decimal as D

from django.db import transaction

from organizations.models import Organization

from .catalogue import load_all
from .models import Assessment, FrameworkYear
from .scoring import ItemEntry
from .services import assessment_set_scores

SCORES = {
    ("klongphon", 2562): {
        "indicators": {
            1: "88.19", 2: "77.49", 3: "80.15", 4: "75.40", 5: "81.30",
            6: "76.72", 7: "83.36", 8: "80.13", 9: "80.64", 10: "87.50",
        },
        "sub_indicators": {
            "9.1": "100", "9.2": "87.50", "9.3": "85.71", "9.4": "50", "9.5": "80",
            "10.1": "75", "10.2": "100",
        },
        "reported": ("81.80", "B"),
    },
    ("chaemae", 2564): {
        "indicators": {
            1: "92.01", 2: "85.52", 3: "88.96", 4: "85.66", 5: "86.63",
            6: "81.90", 7: "49.73", 8: "54.78", 9: "81.92", 10: "87.50",
        },
        "reported": ("78.77", "B"),
    },
    ("nongphailom", 2565): {
        "indicators": {
            1: "93.85", 2: "91.40", 3: "92.51", 4: "92.45", 5: "91.48",
            6: "97.91", 7: "98.52", 8: "98.44", 9: "97.14", 10: "100.00",
        },
        "items": {
            "O24": (
                False,
                "ไม่มีข้อมูล หน่วยงานต้องแสดงผลการจัดซื้อจัดจ้างของหน่วยงานของปีงบประมาณ "
                "พ.ศ. 2564 มีข้อมูลรายละเอียดของรายงานครบ 2 ข้อ 1) งบประมาณที่ใช้ในการ"
                "จัดซื้อจัดจ้าง 2) ปัญหา อุปสรรค และข้อเสนอแนะ *หมายเหตุ หากไม่มีปัญหา "
                "อุปสรรค และข้อเสนอแนะ หน่วยงานต้องระบุว่า “ไม่มี” โดยห้ามตัดหัวข้อ "
                "“ปัญหา อุปสรรค และข้อเสนอแนะ” ออก",
            ),
        },
        "reported": ("96.62", "AA"),
    },
}  # fmt: skip


@transaction.atomic
def seed(stdout=None) -> None:
    load_all()
    for (slug, year), data in SCORES.items():
        organization = Organization.objects.get(slug=slug)
        framework = FrameworkYear.objects.get(fiscal_year=year)
        assessment, _ = Assessment.objects.get_or_create(
            organization=organization, framework=framework
        )
        overall, grade = data["reported"]
        assessment_set_scores(
            assessment=assessment,
            by=None,
            indicators={n: D(v) for n, v in data["indicators"].items()},
            sub_indicators={c: D(v) for c, v in data.get("sub_indicators", {}).items()},
            items={
                code: ItemEntry(passed=passed, note=note)
                for code, (passed, note) in data.get("items", {}).items()
            },
            reported_overall=D(overall),
            reported_grade=grade,
        )
    if stdout is not None:
        stdout.write("ผลการประเมินตัวอย่าง: คลองพน 2562, แฉะแม 2564, หนองไผ่ล้อม 2565")
