import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from measures import services
from measures.generator import plan_summary
from organizations.models import Organization


class Command(BaseCommand):
    help = "สร้างร่างแผนมาตรการของปีงบประมาณ FY จากผลการประเมินปี FY-1 แล้วพิมพ์สรุปเป็น JSON"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="ชื่อย่อในลิงก์ของหน่วยงาน")
        parser.add_argument(
            "--fy", required=True, type=int, help="ปีงบประมาณของแผน (พ.ศ.)"
        )

    def handle(self, *args, org, fy, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"ไม่มีหน่วยงาน {org}")
        assessment = Assessment.objects.filter(
            organization=organization, framework__fiscal_year=fy - 1
        ).first()
        if assessment is None:
            raise CommandError(f"ไม่มีผลการประเมินปี {fy - 1} ของ {org}")
        try:
            plan = services.plan_generate(assessment=assessment, fiscal_year=fy)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(json.dumps(plan_summary(plan), ensure_ascii=False, indent=2))
