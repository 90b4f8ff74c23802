"""Progress of a plan's measures (O43): status updates with their evidence,
reporting rounds that freeze a snapshot, and the reminders sent.

Import the classes from `measures.models`. The rules that change these rows
live in `measures/services/progress.py`.

A measure's history is only ever added to: an update, once saved, is never
changed or deleted, and each update names the one it follows, so that two
people reporting on the same measure at once cannot both follow the same
update (the database refuses the second; the service tells them in Thai).
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ita_portal import language, thai
from ita_portal.approvals import Publication


class ProgressStatus(models.TextChoices):
    """The three status columns of the seeds' progress report (seed 004)."""

    NOT_STARTED = "not_started", _("ยังไม่ดำเนินการ")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")


# One badge colour per status, read by the templates.
STATUS_BADGES = {
    ProgressStatus.NOT_STARTED: "secondary",
    ProgressStatus.IN_PROGRESS: "warning",
    ProgressStatus.DONE: "success",
}

# What evidence may be: the type is read from the content (ita_portal.uploads).
EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
}
EVIDENCE_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


class ProgressUpdateQuerySet(models.QuerySet):
    def for_measure(self, measure):
        """The measure's history: its own updates and those of the same
        measure in earlier revisions of the plan, newest first."""
        root = measure.lineage_root_id
        return self.filter(
            Q(measure_id=root) | Q(measure__lineage_id=root),
            measure__plan__revision__lte=measure.plan.revision,
        ).order_by("-pk")


class ProgressUpdate(models.Model):
    """What a division reported about a measure on a day: its status, what
    was done (seed 004's column (5)), links and evidence files."""

    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        related_name="progress_updates",
        verbose_name=_("มาตรการ"),
    )
    follows = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("ต่อจากรายการ"),
    )
    status = models.CharField(_("สถานะ"), max_length=12, choices=ProgressStatus.choices)
    reported_on = models.DateField(_("วันที่"), default=timezone.localdate)
    result = models.TextField(_("ผลการดำเนินการ"), blank=True)
    links = models.JSONField(_("ลิงก์"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้รายงาน"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("รายงานความก้าวหน้า")
        verbose_name_plural = _("รายงานความก้าวหน้า")
        constraints = [
            models.UniqueConstraint(
                fields=["measure"],
                condition=Q(follows__isnull=True),
                name="%(app_label)s_%(class)s_one_first",
                violation_error_message=_("มาตรการนี้มีรายงานความก้าวหน้าแล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProgressStatus.values),
                name="%(app_label)s_%(class)s_known_status",
                violation_error_message=_("สถานะไม่ถูกต้อง"),
            ),
        ]

    def __str__(self):
        return f"{self.measure} · {self.get_status_display()} · {self.reported_on}"

    def save(self, *args, **kwargs):
        # The history is only added to (the issue: "never edited or deleted").
        if not self._state.adding:
            raise ValueError("a progress update is never changed once saved")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "measures:measure_progress", args=[self.measure.plan_id, self.measure_id]
        )

    @property
    def organization(self):
        return self.measure.plan.organization

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")


def evidence_upload_to(instance, filename: str) -> str:
    """A name the server chooses, never the user's: the organisation, the
    fiscal year, a random part and the extension of the sniffed type."""
    plan = instance.update.measure.plan
    extension = EVIDENCE_EXTENSIONS.get(instance.content_type, "bin")
    return f"evidence/{plan.organization_id}/{plan.fiscal_year}/{uuid.uuid4().hex}.{extension}"


class EvidenceQuerySet(models.QuerySet):
    def public(self):
        """Evidence anyone may download: it belongs to an update that a
        published reporting round reports, or to one before it in the same
        measure's history."""
        covering = RoundEntry.objects.annotate(
            root=Coalesce("measure__lineage_id", "measure_id")
        ).filter(
            round__status=ReportingRound.Status.PUBLISHED,
            root=OuterRef("root"),
            update_id__gte=OuterRef("update_id"),
        )
        return self.annotate(
            root=Coalesce("update__measure__lineage_id", "update__measure_id")
        ).filter(Exists(covering))


class Evidence(models.Model):
    """A file that shows what an update says was done: a PDF, a photo, a
    Word or Excel document. Served by `measures:evidence` only to those who
    may see it."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("รายงานความก้าวหน้า"),
    )
    file = models.FileField(_("ไฟล์"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content_type = models.CharField(_("ประเภทไฟล์"), max_length=100)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["update", "pk"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("evidence is never changed once saved")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("measures:evidence", args=[self.pk])

    @property
    def organization(self):
        return self.update.measure.plan.organization

    @property
    def kind_label(self) -> str:
        return EVIDENCE_TYPES.get(self.content_type, "")

    @property
    def is_inline(self) -> bool:
        """PDFs and pictures open in the browser; documents download."""
        return self.content_type == "application/pdf" or self.content_type.startswith(
            "image/"
        )


class ReportingRoundQuerySet(models.QuerySet):
    def public_for(self, plan):
        """The round whose statuses a plan's public page shows: the year's
        latest published round, of this revision or an earlier one (measures
        follow their lineage)."""
        return (
            self.filter(
                plan__organization_id=plan.organization_id,
                plan__fiscal_year=plan.fiscal_year,
                plan__revision__lte=plan.revision,
                status=ReportingRound.Status.PUBLISHED,
            )
            .order_by("-ends_on", "-published_at")
            .first()
        )


class ReportingRound(Publication):
    """A progress report of a plan: the measures' status and results as they
    stood at the end of a period (6 months to 31 March, 12 months to 30
    September, or a quarter). Closing it freezes that snapshot; the report and
    its memo are made from it, and once approved it is published."""

    class Period(models.TextChoices):
        Q1 = "q1", _("ไตรมาสที่ 1 (ต.ค.–ธ.ค.)")
        Q2 = "q2", _("ไตรมาสที่ 2 (ม.ค.–มี.ค.)")
        Q3 = "q3", _("ไตรมาสที่ 3 (เม.ย.–มิ.ย.)")
        Q4 = "q4", _("ไตรมาสที่ 4 (ก.ค.–ก.ย.)")
        HALF = "half", _("รอบ 6 เดือน (ต.ค.–มี.ค.)")
        YEAR = "year", _("รอบ 12 เดือน (ต.ค.–ก.ย.)")

    class Status(models.TextChoices):
        OPEN = "open", _("เปิดรับรายงาน")
        CLOSED = "closed", _("ปิดรอบแล้ว")
        APPROVED = "approved", _("อนุมัติแล้ว")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    plan = models.ForeignKey(
        "measures.Plan",
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("แผนมาตรการ"),
    )
    period = models.CharField(_("รอบรายงาน"), max_length=8, choices=Period.choices)
    starts_on = models.DateField(_("ตั้งแต่วันที่"))
    ends_on = models.DateField(_("ถึงวันที่"))
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # The status line above the report's table ("สถานะ ณ วันที่ … จากทั้งหมด
    # 3 มาตรการ: …"), which seed 004 does not have: off unless chosen.
    summary_shown = models.BooleanField(_("พิมพ์บรรทัดสรุปสถานะเหนือตาราง"), default=False)
    summary = models.TextField(
        _("บรรทัดสรุปสถานะ"),
        blank=True,
        help_text=_("เว้นว่างไว้เพื่อใช้ข้อความที่ระบบนับจากสถานะของมาตรการ ณ สิ้นรอบ"),
    )
    closed_at = models.DateTimeField(_("ปิดรอบเมื่อ"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ปิดรอบ"),
    )
    # approved_at, approved_by, published_at: ita_portal.approvals.Publication
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "ends_on", "starts_on"]
        verbose_name = _("รอบรายงานความก้าวหน้า")
        verbose_name_plural = _("รอบรายงานความก้าวหน้า")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period"],
                name="%(app_label)s_%(class)s_one_per_period",
                violation_error_message=_("แผนนี้มีรอบรายงานนี้อยู่แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")),
                name="%(app_label)s_%(class)s_start_before_end",
                violation_error_message=_("วันเริ่มต้องไม่หลังวันสิ้นสุดรอบ"),
            ),
        ]

    def __str__(self):
        return f"{self.plan} · {self.get_period_display()}"

    def get_absolute_url(self):
        return reverse("measures:round_detail", args=[self.plan_id, self.pk])

    @property
    def organization(self):
        return self.plan.organization

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_snapshot(self) -> bool:
        return self.status != self.Status.OPEN

    @property
    def status_badge(self) -> str:
        return ROUND_BADGES.get(self.status, "secondary")

    @staticmethod
    def period_bounds(fiscal_year: int, period: str) -> tuple[date, date]:
        """First and last day of `period` in fiscal year `fiscal_year` (พ.ศ.).
        The 6- and 12-month rounds count from the start of the year."""
        start, end = thai.fiscal_year_bounds(fiscal_year)
        if period.startswith("q"):
            return thai.fiscal_quarter_bounds(fiscal_year, int(period[1]))
        if period == ReportingRound.Period.HALF:
            return start, thai.fiscal_quarter_bounds(fiscal_year, 2)[1]
        return start, end

    def label(self) -> str:
        """`รอบ 6 เดือน (1 ตุลาคม 2565 – 31 มีนาคม 2566)`; on an English page
        `6-month round (1 October 2565 – 31 March 2566)`."""
        name = str(self.get_period_display()).split(" (")[0]
        start, end = (language.format_date(d) for d in (self.starts_on, self.ends_on))
        return f"{name} ({start} {thai.EN_DASH} {end})"


ROUND_BADGES = {
    ReportingRound.Status.OPEN: "info",
    ReportingRound.Status.CLOSED: "secondary",
    ReportingRound.Status.APPROVED: "primary",
    ReportingRound.Status.PUBLISHED: "success",
}


class RoundEntry(models.Model):
    """One measure in a closed round: its status and result as they stood at
    the end of the round, copied, so that later updates never change it."""

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("รอบรายงาน"),
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        related_name="round_entries",
        verbose_name=_("มาตรการ"),
    )
    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_entries",
        verbose_name=_("รายงานที่ใช้"),
    )
    status = models.CharField(_("สถานะ"), max_length=12, choices=ProgressStatus.choices)
    result = models.TextField(_("ผลการดำเนินการ"), blank=True)
    reported_on = models.DateField(_("วันที่รายงาน"), null=True, blank=True)
    links = models.JSONField(_("ลิงก์"), default=list, blank=True)

    class Meta:
        ordering = ["round", "measure__order", "measure__pk"]
        verbose_name = _("สถานะ ณ สิ้นรอบ")
        verbose_name_plural = _("สถานะ ณ สิ้นรอบ")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "measure"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self):
        return f"{self.measure} · {self.get_status_display()}"

    def get_absolute_url(self):
        return self.round.get_absolute_url()

    @property
    def organization(self):
        return self.round.plan.organization

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")
