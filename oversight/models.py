"""Who oversees which offices (a province, a district of a province, or a
list), the deadline an overseer sets for each fiscal year, and the
reminders an overseer sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Organization


class GrantQuerySet(models.QuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Grant(models.Model):
    """A user's standing as overseer (ผู้กำกับดูแล) of some offices. An
    overseer reads; never edits an office's data."""

    class Scope(models.TextChoices):
        COUNTRY = "country", _("ทั้งประเทศ")
        PROVINCE = "province", _("ทั้งจังหวัด")
        DISTRICT = "district", _("อำเภอ")
        LIST = "list", _("หน่วยงานที่ระบุ")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oversight_grants",
        verbose_name=_("ผู้กำกับดูแล"),
    )
    scope = models.CharField(_("ขอบเขต"), max_length=10, choices=Scope.choices)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="+",
        verbose_name=_("หน่วยงาน"),
        help_text=_("สำหรับขอบเขตแบบระบุหน่วยงาน"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้มอบสิทธิ์"),
    )
    granted_at = models.DateTimeField(_("มอบสิทธิ์เมื่อ"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[organizations])
    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["user", "province", "district"]
        verbose_name = _("สิทธิ์ผู้กำกับดูแล")
        verbose_name_plural = _("สิทธิ์ผู้กำกับดูแล")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["list", "country"])
                | Q(scope="province", district="") & ~Q(province="")
                | Q(scope="district") & ~Q(province="") & ~Q(district=""),
                name="%(app_label)s_%(class)s_scope_named",
                violation_error_message=_("ระบุจังหวัด (และอำเภอ) ให้ตรงกับขอบเขต"),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.label}"

    def get_absolute_url(self):
        return reverse("oversight:grants")

    @property
    def label(self) -> str:
        if self.scope == self.Scope.COUNTRY:
            return str(_("ทั้งประเทศ"))
        if self.scope == self.Scope.PROVINCE:
            return str(_("จังหวัด{province}")).format(province=self.province)
        if self.scope == self.Scope.DISTRICT:
            return str(_("อำเภอ{district} จังหวัด{province}")).format(
                district=self.district, province=self.province
            )
        return str(_("หน่วยงานที่ระบุ"))

    def organizations_q(self) -> Q:
        """The offices this grant covers, as a filter on Organization."""
        if self.scope == self.Scope.COUNTRY:
            return Q(pk__isnull=False)
        if self.scope == self.Scope.PROVINCE:
            return Q(province=self.province)
        if self.scope == self.Scope.DISTRICT:
            return Q(province=self.province, district=self.district)
        return Q(pk__in=[o.pk for o in self.organizations.all()])


class Deadline(models.Model):
    """The date by which an overseer expects every office's O42 plan
    published, for one fiscal year."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ผู้กำกับดูแล"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    due_on = models.DateField(_("กำหนดเผยแพร่แผน"))
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "fiscal_year"]
        verbose_name = _("กำหนดเผยแพร่แผนของผู้กำกับดูแล")
        verbose_name_plural = _("กำหนดเผยแพร่แผนของผู้กำกับดูแล")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "fiscal_year"],
                name="%(app_label)s_%(class)s_one_per_year",
            )
        ]

    def __str__(self):
        return f"{self.user} {self.fiscal_year}: {self.due_on}"

    def get_absolute_url(self):
        return reverse("oversight:overview")


class Reminder(models.Model):
    """A reminder an overseer sent an office that is late: who, when, to
    how many of its staff."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="oversight_reminders",
        verbose_name=_("หน่วยงาน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้ส่ง"),
    )
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("จำนวนผู้รับ"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("การแจ้งเตือนจากผู้กำกับดูแล")
        verbose_name_plural = _("การแจ้งเตือนจากผู้กำกับดูแล")

    def __str__(self):
        return f"{self.organization} {self.fiscal_year} {self.sent_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("oversight:overview")
