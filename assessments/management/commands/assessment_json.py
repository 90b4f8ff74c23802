import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from assessments.scoring import round2
from assessments.services import evaluate

NO_ASSESSMENT = _("ไม่มีผลการประเมินปี {year} ของหน่วยงาน {slug}")


def _number(value) -> str | None:
    """Two places as a string, so that no digit is lost to a float."""
    return None if value is None else str(round2(value))


def assessment_data(assessment: Assessment) -> dict:
    """The assessment's entered and computed results as plain JSON data."""
    evaluation = evaluate(assessment)
    result = evaluation.result
    spec = evaluation.framework
    return {
        "organization": assessment.organization.slug,
        "fiscal_year": assessment.fiscal_year,
        "overall": _number(result.overall),
        "grade": result.grade,
        "reported_overall": _number(assessment.reported_overall),
        "reported_grade": assessment.reported_grade or None,
        "passed": result.passed,
        "instruments": {
            code: _number(score.score) for code, score in result.instruments.items()
        },
        "indicators": {
            str(i.number): _number(result.indicator_value(i.number))
            for i in spec.indicators
        },
        "sub_indicators": {
            code: _number(score.value)
            if (score := result.sub_indicators.get(code))
            else None
            for code in spec.sub_indicator_codes()
        },
        "weaknesses": [w.as_dict() for w in evaluation.weaknesses()],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }


class Command(BaseCommand):
    help = "พิมพ์ผลการประเมิน ITA ของหน่วยงานในปีที่ระบุเป็น JSON (ตัวเลขเป็นข้อความทศนิยม 2 ตำแหน่ง)"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="ชื่อย่อในลิงก์ของหน่วยงาน")
        parser.add_argument("--fy", type=int, required=True, help="ปีงบประมาณ (พ.ศ.)")

    def handle(self, *args, **options):
        assessment = (
            Assessment.objects.select_related("organization", "framework")
            .filter(
                organization__slug=options["org"],
                framework__fiscal_year=options["fy"],
            )
            .first()
        )
        if assessment is None:
            raise CommandError(
                NO_ASSESSMENT.format(year=options["fy"], slug=options["org"])
            )
        data = assessment_data(assessment)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
