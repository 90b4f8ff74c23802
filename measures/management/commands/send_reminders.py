from django.core.management.base import BaseCommand, CommandError

from measures.services import overdue_notify, reminders_send


class Command(BaseCommand):
    help = (
        "ส่งอีเมลแจ้งหัวหน้าส่วนราชการถึงมาตรการที่เพิ่งเลยกำหนด (ครั้งเดียวต่อมาตรการ) "
        "และเตือนมาตรการที่เลยกำหนดหรือจะครบกำหนดภายใน 30 วัน "
        "(ตั้งให้รันทุกวันได้ วันเดียวกันไม่ส่งซ้ำ)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", help="ที่อยู่ของระบบสำหรับลิงก์ในอีเมล (ค่าเริ่มต้น: PORTAL_URL)"
        )

    def handle(self, *args, base_url=None, **options):
        failed = []
        for label, run in (
            ("แจ้งมาตรการเลยกำหนด", overdue_notify(base_url=base_url)),
            ("เตือนรายงานความก้าวหน้า", reminders_send(base_url=base_url)),
        ):
            self.stdout.write(
                f"{label}: ส่งแล้ว {len(run.sent)} ฉบับ · ส่งไปแล้ววันนี้ "
                f"{len(run.already)} · ล้มเหลว {len(run.failed)}"
            )
            failed += run.failed
        if failed:
            raise CommandError(
                "ส่งไม่สำเร็จ: " + ", ".join(sorted({u.email for u in failed}))
            )
