from django.core.management.base import BaseCommand

from public import opendata


class Command(BaseCommand):
    help = "สร้างไฟล์ข้อมูลเปิด (CSV และ JSON) ของทุกปีงบประมาณที่มีแผนเผยแพร่ใหม่ (รันทุกคืนได้)"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="ปีงบประมาณเดียว (พ.ศ.)")

    def handle(self, *args, year=None, **options):
        if year:
            files = opendata.build_year(year)
            self.stdout.write(f"{year}: {len(files)} files")
        else:
            opendata.build_all()
            self.stdout.write("done")
