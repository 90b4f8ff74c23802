from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo import oversight
from demo.loader import seed
from demo.organizations import DEMO_PASSWORD, print_accounts
from demo.second_factor import print_secret


class Command(BaseCommand):
    help = (
        "สร้างข้อมูลตัวอย่าง: หน่วยงานทั้งห้าจากเอกสารต้นแบบ ส่วนราชการ และผู้ใช้ทุกบทบาท "
        "(รันซ้ำได้ ผลเหมือนเดิม)"
    )

    def handle(self, *args, **options):
        # The demo data is JSON, one file to each organisation (demo/data/);
        # demo.loader reads it in order: organisations before assessments,
        # plans and memos.
        # The demo's people are made up: the mail their memos and reminders
        # would get is recorded (notifications) but goes nowhere.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ):
            seed(stdout=self.stdout)
        # The accounts last, where a newcomer looks for them.
        print_accounts(self.stdout)
        oversight.print_accounts(self.stdout)
        print_secret(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"ข้อมูลตัวอย่างพร้อมแล้ว เข้าสู่ระบบด้วยรหัสผ่าน {DEMO_PASSWORD}")
        )
