from django.core.management.base import BaseCommand, CommandError

from measures.services import reminders_send


class Command(BaseCommand):
    help = (
        "ส่งอีเมลแจ้งหัวหน้าส่วนราชการถึงมาตรการที่เลยกำหนดหรือจะครบกำหนดภายใน 30 วัน "
        "(ตั้งให้รันทุกวันได้ วันเดียวกันไม่ส่งซ้ำ)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", help="ที่อยู่ของระบบสำหรับลิงก์ในอีเมล (ค่าเริ่มต้น: PORTAL_URL)"
        )

    def handle(self, *args, **options):
        run = reminders_send(base_url=options["base_url"])
        self.stdout.write(
            f"ส่งแล้ว {len(run.sent)} ฉบับ · ส่งไปแล้ววันนี้ {len(run.already)} · ล้มเหลว {len(run.failed)}"
        )
        if run.failed:
            raise CommandError(
                "ส่งไม่สำเร็จ: " + ", ".join(m.user.email for m in run.failed)
            )
