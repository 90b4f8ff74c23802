import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand

from organizations.demo import DEMO_PASSWORD, print_accounts


class Command(BaseCommand):
    help = (
        "สร้างข้อมูลตัวอย่าง: หน่วยงานทั้งห้าจากเอกสารต้นแบบ ส่วนราชการ และผู้ใช้ทุกบทบาท "
        "(รันซ้ำได้ ผลเหมือนเดิม)"
    )

    def handle(self, *args, **options):
        # Each app that has demo data keeps it in `<app>/demo.py` with a
        # `seed(stdout)` function; they run in INSTALLED_APPS order, so
        # organisations come before assessments, plans and memos.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            module.seed(stdout=self.stdout)
        # The accounts last, where a newcomer looks for them.
        print_accounts(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"ข้อมูลตัวอย่างพร้อมแล้ว เข้าสู่ระบบด้วยรหัสผ่าน {DEMO_PASSWORD}")
        )
