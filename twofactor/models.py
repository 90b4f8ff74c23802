"""What happened to a person's second factor, and who did it.

The devices themselves are django-otp's (a TOTPDevice for the authenticator
app, a StaticDevice holding the one-time recovery codes); this table only
records the events, written by `services._event_record` alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecondFactorEvent(models.Model):
    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("ลงทะเบียนแอปยืนยันตัวตน")
        VERIFIED = "verified", _("ยืนยันตัวตนด้วยรหัสจากแอป")
        RECOVERY_USED = "recovery_used", _("ใช้รหัสสำรอง")
        RECOVERY_RENEWED = "recovery_renewed", _("สร้างรหัสสำรองชุดใหม่")
        RESET = "reset", _("ผู้ดูแลหน่วยงานล้างการยืนยันตัวตนสองขั้นตอน")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="second_factor_events",
        verbose_name=_("ผู้ใช้"),
    )
    kind = models.CharField(_("เหตุการณ์"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ดำเนินการโดย"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("หน่วยงาน"),
    )
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("เหตุการณ์การยืนยันตัวตนสองขั้นตอน")
        verbose_name_plural = _("เหตุการณ์การยืนยันตัวตนสองขั้นตอน")

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}"
