from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import spreadsheets
from assessments.models import FrameworkYear
from assessments.services import NO_FRAMEWORK


class Command(BaseCommand):
    help = "เขียนแบบฟอร์ม Excel (.xlsx) สำหรับกรอกคะแนน ITA ของปีงบประมาณที่ระบุ"

    def add_arguments(self, parser):
        parser.add_argument("--fy", type=int, required=True, help="ปีงบประมาณ (พ.ศ.)")
        parser.add_argument("--out", required=True, help="ไฟล์ .xlsx ที่จะเขียน")

    def handle(self, *args, **options):
        year = options["fy"]
        framework = FrameworkYear.objects.filter(fiscal_year=year).first()
        if framework is None:
            raise CommandError(NO_FRAMEWORK.format(year=year))
        out = Path(options["out"])
        try:
            out.write_bytes(spreadsheets.template_bytes(framework))
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(out)))
