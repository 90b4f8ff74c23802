from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from assessments import services, spreadsheets
from assessments.models import Assessment, FrameworkYear
from organizations.models import Organization

NO_ORGANIZATION = _("ไม่มีหน่วยงาน {slug}")
NO_FILE = _("ไม่พบไฟล์ {path}")
NOT_IMPORTED = _("ไม่ได้นำเข้า: ไฟล์มี {count} แถวที่ต้องแก้ไข ไม่มีการบันทึกใด ๆ")
IMPORTED = _("นำเข้าคะแนนแล้ว {count} รายการ")


class Command(BaseCommand):
    help = (
        "นำเข้าคะแนน ITA ของหน่วยงานจากไฟล์ Excel (.xlsx) ตามแบบฟอร์มของปี "
        "(สร้างผลการประเมินให้ถ้ายังไม่มี บันทึกเมื่อทุกแถวถูกต้องเท่านั้น)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="ชื่อย่อในลิงก์ของหน่วยงาน")
        parser.add_argument("--fy", type=int, required=True, help="ปีงบประมาณ (พ.ศ.)")
        parser.add_argument("file", help="ไฟล์ .xlsx")

    def handle(self, *args, **options):
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(NO_ORGANIZATION.format(slug=options["org"]))
        year = options["fy"]
        framework = FrameworkYear.objects.filter(fiscal_year=year).first()
        if framework is None:
            raise CommandError(services.NO_FRAMEWORK.format(year=year))
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(NO_FILE.format(path=path))

        # One transaction: a failed import leaves no new, empty assessment.
        with transaction.atomic(), path.open("rb") as upload:
            assessment = Assessment.objects.filter(
                organization=organization, framework=framework
            ).first() or services.assessment_create(
                organization=organization, fiscal_year=year, by=None
            )
            outcome = spreadsheets.import_file(
                assessment=assessment, upload=upload, by=None
            )
            if not outcome.ok:
                for error in outcome.errors:
                    self.stderr.write(spreadsheets.describe(error))
                raise CommandError(NOT_IMPORTED.format(count=len(outcome.errors)))
        self.stdout.write(self.style.SUCCESS(IMPORTED.format(count=outcome.count)))
