from django.core.management.base import BaseCommand

from measures.library import load_library


class Command(BaseCommand):
    help = "เพิ่มแม่แบบมาตรการจาก measures/library/templates.json ที่ยังไม่มีในระบบ"

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="เขียนทับแม่แบบที่มีอยู่ด้วยข้อมูลจากไฟล์ (รวมที่แก้ไขในระบบแล้ว)",
        )

    def handle(self, *args, update=False, **options):
        counts = load_library(update=update)
        self.stdout.write(
            "เพิ่ม {created} ปรับปรุง {updated} คงเดิม {kept} แม่แบบ".format(**counts)
        )
