from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor import services


class Command(BaseCommand):
    help = (
        "แสดงรหัส 6 หลักปัจจุบันของแอปยืนยันตัวตนของผู้ใช้ (เฉพาะการพัฒนาและข้อมูลตัวอย่าง เมื่อ DEBUG=1)"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # A code printed on the server defeats the second factor: only on a
        # development machine (run.sh sets DEBUG=1), never in production.
        if not settings.DEBUG:
            raise CommandError(
                "totp_code ใช้ได้เฉพาะเมื่อ DEBUG=1 (เครื่องพัฒนาและข้อมูลตัวอย่าง)"
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username}")
        # Enrolled, or enrolling (the QR code shown, its first code awaited).
        device = (
            services.totp_device(user)
            or TOTPDevice.objects.filter(user=user, confirmed=False).first()
        )
        if device is None:
            raise CommandError(f"{username} ยังไม่ได้ลงทะเบียนแอปยืนยันตัวตน")
        self.stdout.write(services.current_code(device))
