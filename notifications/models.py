"""The e-mails the portal sends a person, and whether they want them.

Each e-mail is a Notification row, written before it is sent, with whom it
went to and when it arrived at the mail server (`sent_at`). A kind that goes
out at most once a day (the reminders) carries the day; a unique (user,
kind, day) keeps a second run, or two at once, from sending it twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    MEMO_WAITING = "memo_waiting", _("บันทึกข้อความรอพิจารณา")
    MEMO_APPROVED = "memo_approved", _("บันทึกข้อความได้รับอนุมัติ")
    MEMO_RETURNED = "memo_returned", _("บันทึกข้อความถูกส่งกลับแก้ไข")
    MEASURE_OVERDUE = "measure_overdue", _("มาตรการเลยกำหนด")
    PROGRESS_REMINDER = "progress_reminder", _("เตือนรายงานความก้าวหน้า")
    INVITATION = "invitation", _("คำเชิญเข้าใช้ระบบ")
    OVERSIGHT_REMINDER = "oversight_reminder", _("การเตือนจากผู้กำกับดูแล")


# Mail about the account itself: sent even to a person who turned
# notification mail off (like Django's password-reset mail, which never
# passes through here).
ACCOUNT_KINDS = frozenset({Kind.INVITATION})


class Notification(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("รอส่ง")
        SENT = "sent", _("ส่งแล้ว")
        FAILED = "failed", _("ส่งไม่สำเร็จ")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ผู้รับ"),
    )
    kind = models.CharField(_("ประเภท"), max_length=40, choices=Kind.choices)
    to = models.EmailField(_("อีเมลผู้รับ"))
    subject = models.CharField(_("เรื่อง"), max_length=255)
    body = models.TextField(_("ข้อความ"))
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    # Set for the kinds sent at most once a day: the day it is for.
    day = models.DateField(_("ประจำวันที่"), null=True, blank=True)
    # What the mail announced once and must not announce again (the
    # overdue check: "measure:<lineage>").
    keys = models.JSONField(_("เรื่องที่แจ้ง"), default=list, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่พยายามส่ง"), default=0)
    error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("อีเมลแจ้งเตือน")
        verbose_name_plural = _("อีเมลแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "day"],
                name="%(app_label)s_%(class)s_once_a_day",
            )
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to}"


class Preference(models.Model):
    """A person's choice of notification mail. No row: they get it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
        verbose_name=_("ผู้ใช้"),
    )
    email = models.BooleanField(
        _("รับอีเมลแจ้งเตือน"),
        default=True,
        help_text=_(
            "บันทึกข้อความที่รอท่านพิจารณา ผลการพิจารณา มาตรการที่เลยกำหนด "
            "และการเตือนรายงานความก้าวหน้า อีเมลคำเชิญและการตั้งรหัสผ่านส่งถึงท่านเสมอ"
        ),
    )
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("การรับอีเมลแจ้งเตือน")
        verbose_name_plural = _("การรับอีเมลแจ้งเตือน")

    def __str__(self):
        return f"{self.user}: {self.email}"
