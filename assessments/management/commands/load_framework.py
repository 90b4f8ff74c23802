from django.core.management.base import BaseCommand

from assessments.catalogue import load_all


class Command(BaseCommand):
    help = (
        "โหลดกรอบการประเมิน ITA รายปีจาก assessments/frameworks/*.json "
        "(รันซ้ำได้ ปีที่มีผลการประเมินแล้วจะไม่ถูกเขียนทับ)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fy", type=int, action="append", help="เฉพาะปีงบประมาณนี้ (พ.ศ.)"
        )

    def handle(self, *args, **options):
        years = set(options["fy"]) if options["fy"] else None
        for outcome in load_all(years):
            style = (
                self.style.WARNING
                if outcome.status.startswith("kept")
                else self.style.SUCCESS
            )
            self.stdout.write(style(outcome.message))
