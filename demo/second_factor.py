"""The demo's executives (and the admin) enrolled for the second factor with
one known secret, so that a newcomer can approve a memo with any
authenticator app, or with `manage.py totp_code USERNAME`. Demo only: a real
person enrols with their own secret from the QR code."""

import os
from base64 import b32encode

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizations.models import Membership
from twofactor import services

from . import files

User = get_user_model()

# Demo only: 20 bytes, the usual TOTP secret length.
DEMO_TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET", "ITA-demo-2566-totp!!")


def demo_key_hex() -> str:
    return DEMO_TOTP_SECRET.encode().hex()


def demo_secret_base32() -> str:
    return b32encode(DEMO_TOTP_SECRET.encode()).decode().rstrip("=")


def enrolled_usernames() -> list[str]:
    executives = Membership.objects.filter(role=Membership.Role.EXECUTIVE)
    usernames = sorted(set(executives.values_list("user__username", flat=True)))
    return [*usernames, files.shared()["admin"]["username"]]


def seed(stdout=None) -> None:
    key = demo_key_hex()
    for user in User.objects.filter(username__in=enrolled_usernames()):
        if TOTPDevice.objects.filter(user=user, confirmed=True, key=key).exists():
            continue  # idempotent: already enrolled with the demo secret
        services.totp_enrol_known(user=user, key_hex=key, by=user)


def print_secret(stdout) -> None:
    stdout.write(
        "ผู้บริหารตัวอย่างและ admin ลงทะเบียนยืนยันตัวตนสองขั้นตอนไว้แล้ว (เฉพาะข้อมูลตัวอย่าง) "
        f"รหัสลับสำหรับแอปยืนยันตัวตน: {demo_secret_base32()}"
    )
    stdout.write("  รหัส 6 หลักปัจจุบัน: python manage.py totp_code klongphon-mayor")
