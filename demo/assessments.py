"""Demo scores from the seed documents, in each organisation's file under
"assessments":

- 001: เทศบาลตำบลคลองพน FY2562, indicators and sub-indicators (81.80, B).
- 000: เทศบาลเมืองแฉะแม FY2564, indicators; the document reports 78.77 while
  its indicators give 78.85, and the portal shows that mismatch.
- 003: องค์การบริหารส่วนตำบลหนองไผ่ล้อม FY2565, indicators and the failed
  item O24 with the assessor's note (96.62, AA).

Only the scores that differ from the database are stored again, so a second
run adds no history.
"""

from decimal import Decimal

from django.db import transaction

from assessments.catalogue import load_all
from assessments.models import Assessment, FrameworkYear
from assessments.scoring import ItemEntry
from assessments.services import assessment_set_scores
from organizations.models import Organization

from . import files


def _differing(stored: dict, wanted: dict) -> dict:
    return {key: value for key, value in wanted.items() if stored.get(key) != value}


def _set_scores(assessment: Assessment, data: dict) -> None:
    indicators = {int(n): Decimal(v) for n, v in data["indicators"].items()}
    sub_indicators = {
        code: Decimal(v) for code, v in data.get("sub_indicators", {}).items()
    }
    items = {
        code: ItemEntry(passed=entry.get("passed"), note=entry.get("note", ""))
        for code, entry in data.get("items", {}).items()
    }
    overall, grade = Decimal(data["reported_overall"]), data["reported_grade"]
    stored_items = {
        r.item.code: ItemEntry(score=r.score, passed=r.passed, note=r.note)
        for r in assessment.item_results.select_related("item")
    }
    changes = {
        "indicators": _differing(
            {
                s.indicator.number: s.score
                for s in assessment.indicator_scores.select_related("indicator")
            },
            indicators,
        ),
        "sub_indicators": _differing(
            {
                s.sub_indicator.code: s.score
                for s in assessment.sub_indicator_scores.select_related("sub_indicator")
            },
            sub_indicators,
        ),
        "items": _differing(stored_items, items),
    }
    reported = (assessment.reported_overall, assessment.reported_grade)
    if not any(changes.values()) and reported == (overall, grade):
        return
    assessment_set_scores(
        assessment=assessment,
        by=None,
        **changes,
        reported_overall=overall,
        reported_grade=grade,
    )


@transaction.atomic
def seed(stdout=None) -> None:
    load_all()
    seeded = []
    for data in files.organizations():
        slug = data["organization"]["slug"]
        for scores in data.get("assessments", []):
            year = scores["fiscal_year"]
            assessment, _ = Assessment.objects.get_or_create(
                organization=Organization.objects.get(slug=slug),
                framework=FrameworkYear.objects.get(fiscal_year=year),
            )
            _set_scores(assessment, scores)
            seeded.append(f"{assessment.organization.name} {year}")
    if stdout is not None:
        stdout.write("ผลการประเมินตัวอย่าง: " + ", ".join(seeded))
