"""The ITA framework of each fiscal year, and the organisations' scores in it.

The framework is data (DESIGN.md): instruments, indicators, sub-indicators,
items and grade bands are rows loaded from `assessments/frameworks/*.json`
and corrected by a superuser in Django admin, never constants in code. Their
Thai names are the official ones; the English names (`name_en`, `text_en`)
are what the English pages show, blank where none is known.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Organization

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
SCORE_RANGE_MESSAGE = _("คะแนนต้องอยู่ระหว่าง 0 ถึง 100")


def score_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=SCORE_VALIDATORS,
        **kwargs,
    )


def score_range_check(field: str, name: str, nullable: bool = False):
    condition = Q(**{f"{field}__gte": 0}) & Q(**{f"{field}__lte": 100})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        condition=condition,
        name=f"%(app_label)s_%(class)s_{name}",
        violation_error_message=SCORE_RANGE_MESSAGE,
    )


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("ยืนยันแล้ว")
    INFERRED = "inferred", _("อนุมาน")
    UNVERIFIED = "unverified", _("ยังไม่ได้ตรวจสอบ")


class FrameworkYearQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(assessments__isnull=False).distinct()


class FrameworkYear(models.Model):
    """The ITA of one fiscal year (พ.ศ.): its instruments, weights and grades."""

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    pass_mark = score_field(_("เกณฑ์ผ่าน"), default=Decimal("85.00"))
    pass_mark_confidence = models.CharField(
        _("ความเชื่อมั่นของเกณฑ์ผ่าน"),
        max_length=12,
        choices=Confidence.choices,
        default=Confidence.UNVERIFIED,
    )
    measures_confidence = models.CharField(
        _("ความเชื่อมั่นของข้อมาตรการ/ข้อผลการดำเนินงาน"),
        max_length=12,
        choices=Confidence.choices,
        default=Confidence.UNVERIFIED,
    )
    provisional = models.BooleanField(
        _("ยังไม่ได้ตรวจทานกับคู่มือ"),
        default=False,
        help_text=_(
            "กรอบของปีนี้ยังไม่ได้ตรวจทานกับคู่มือการประเมินของ ป.ป.ช. ทุกหน้าที่ใช้ปีนี้จะแสดงคำเตือน"
        ),
    )
    sources = models.JSONField(_("แหล่งที่มา"), default=list, blank=True)
    notes = models.JSONField(_("หมายเหตุ"), default=list, blank=True)
    doubts = models.JSONField(_("ข้อสงสัยที่ยังค้าง"), default=list, blank=True)
    source_digest = models.CharField(
        _("ลายนิ้วมือไฟล์ข้อมูล"), max_length=64, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("ปรับปรุงเมื่อ"), auto_now=True)

    history = HistoricalRecords()
    objects = FrameworkYearQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("กรอบการประเมินประจำปี")
        verbose_name_plural = _("กรอบการประเมินประจำปี")

    def __str__(self):
        return _("ITA ปีงบประมาณ {}").format(self.fiscal_year)

    def get_absolute_url(self):
        return reverse("admin:assessments_frameworkyear_change", args=[self.pk])

    @property
    def is_used(self) -> bool:
        return self.assessments.exists()

    def item_with_role(self, role: str):
        return self.items.filter(role=role).first()

    @property
    def measures_item(self):
        """The OIT item that holds the O42-style measures plan this year."""
        return self.item_with_role(Item.Role.MEASURES)

    @property
    def progress_item(self):
        """The OIT item that holds the O43-style progress report this year."""
        return self.item_with_role(Item.Role.PROGRESS)


class Instrument(models.Model):
    """IIT, EIT or OIT, with its weight in the overall score."""

    framework = models.ForeignKey(
        FrameworkYear, on_delete=models.CASCADE, related_name="instruments"
    )
    code = models.CharField(_("รหัส"), max_length=8)
    name_th = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2)
    confidence = models.CharField(
        max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        verbose_name = _("เครื่องมือการประเมิน")
        verbose_name_plural = _("เครื่องมือการประเมิน")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} ({self.name_th})"

    def get_absolute_url(self):
        return self.framework.get_absolute_url()


class Indicator(models.Model):
    """One of the (so far ten) indicators, numbered across the instruments."""

    framework = models.ForeignKey(
        FrameworkYear, on_delete=models.CASCADE, related_name="indicators"
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="indicators"
    )
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name_th = models.CharField(_("ชื่อตัวชี้วัด"), max_length=200)
    name_en = models.CharField(_("ชื่อตัวชี้วัดภาษาอังกฤษ"), max_length=200, blank=True)
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2)
    confidence = models.CharField(
        max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="%(app_label)s_%(class)s_unique_number",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name_th}"

    def get_absolute_url(self):
        return self.framework.get_absolute_url()

    @property
    def code(self) -> str:
        return str(self.number)


class SubIndicator(models.Model):
    """A part of an OIT indicator (9.1–9.5, 10.1–10.2), scored as the share of
    its items passed."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sub_indicators"
    )
    code = models.CharField(_("รหัส"), max_length=8)
    name_th = models.CharField(_("ชื่อตัวชี้วัดย่อย"), max_length=300)
    name_en = models.CharField(_("ชื่อตัวชี้วัดย่อยภาษาอังกฤษ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "order"]
        verbose_name = _("ตัวชี้วัดย่อย")
        verbose_name_plural = _("ตัวชี้วัดย่อย")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name_th}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()


class Item(models.Model):
    """A question (i1…, e1…) or a disclosure item of the OIT (O1…)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("ข้อคำถาม")
        DISCLOSURE = "disclosure", _("ข้อการเปิดเผยข้อมูล")

    class Role(models.TextChoices):
        NONE = "", _("—")
        MEASURES = "measures", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส (แบบ O42)")
        PROGRESS = "progress", _("การดำเนินการตามมาตรการ (แบบ O43)")

    framework = models.ForeignKey(
        FrameworkYear, on_delete=models.CASCADE, related_name="items"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="items"
    )
    sub_indicator = models.ForeignKey(
        SubIndicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    code = models.CharField(_("รหัสข้อ"), max_length=8)
    text_th = models.TextField(_("ข้อความ"), blank=True)
    text_en = models.TextField(
        _("ข้อความภาษาอังกฤษ"),
        blank=True,
        help_text=_("แสดงในหน้าภาษาอังกฤษ เว้นว่างไว้จะแสดงข้อความภาษาไทย"),
    )
    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    answer_type = models.CharField(max_length=12, blank=True)
    reverse_scored = models.BooleanField(default=False)
    role = models.CharField(
        _("บทบาทของข้อ"), max_length=12, choices=Role.choices, blank=True, default=""
    )
    confidence = models.CharField(
        max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        verbose_name = _("ข้อการประเมิน")
        verbose_name_plural = _("ข้อการประเมิน")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="%(app_label)s_%(class)s_unique_code"
            ),
            models.UniqueConstraint(
                fields=["framework", "role"],
                condition=~Q(role=""),
                name="%(app_label)s_%(class)s_one_item_per_role",
                violation_error_message=_(
                    "แต่ละปีมีข้อมาตรการและข้อผลการดำเนินงานได้อย่างละหนึ่งข้อ"
                ),
            ),
        ]

    def __str__(self):
        return "{} {}".format(self.code, self.text_th or "")

    def get_absolute_url(self):
        return self.framework.get_absolute_url()


class GradeBand(models.Model):
    """A grade (AA … F) and the lowest overall score that earns it."""

    framework = models.ForeignKey(
        FrameworkYear, on_delete=models.CASCADE, related_name="grade_bands"
    )
    grade = models.CharField(_("ระดับ"), max_length=4)
    min_score = score_field(_("คะแนนขั้นต่ำ"))
    confidence = models.CharField(
        max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "-min_score"]
        verbose_name = _("ระดับผลการประเมิน")
        verbose_name_plural = _("ระดับผลการประเมิน")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "grade"],
                name="%(app_label)s_%(class)s_unique_grade",
            )
        ]

    def __str__(self):
        return f"{self.grade} ≥ {self.min_score}"

    def get_absolute_url(self):
        return self.framework.get_absolute_url()


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organization__in=Organization.objects.for_user(user))


class Assessment(models.Model):
    """An organisation's ITA result for one fiscal year, at whatever level of
    detail was entered. What is computed from it lives in `scoring`."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("หน่วยงาน"),
    )
    framework = models.ForeignKey(
        FrameworkYear,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("ปีงบประมาณ"),
    )
    reported_overall = score_field(
        _("คะแนนรวมตามที่ประกาศ"),
        null=True,
        blank=True,
        help_text=_("คะแนนรวมที่ระบบ ITA ประกาศ (ถ้ามี) ใช้ตรวจทานกับคะแนนที่คำนวณได้"),
    )
    reported_grade = models.CharField(_("ระดับตามที่ประกาศ"), max_length=4, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    history = HistoricalRecords()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-framework__fiscal_year"]
        verbose_name = _("ผลการประเมิน")
        verbose_name_plural = _("ผลการประเมิน")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "framework"],
                name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("หน่วยงานนี้มีผลการประเมินของปีงบประมาณนี้อยู่แล้ว"),
            ),
            score_range_check("reported_overall", "reported_overall_range", True),
        ]

    def __str__(self):
        return _("ผลการประเมิน ITA ปี {year} {organization}").format(
            year=self.framework.fiscal_year, organization=self.organization
        )

    def get_absolute_url(self):
        return reverse("assessments:detail", args=[self.pk])

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year


class IndicatorScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="indicator_scores"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = score_field(_("คะแนน"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "indicator__number"]
        verbose_name = _("คะแนนตัวชี้วัด")
        verbose_name_plural = _("คะแนนตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"],
                name="%(app_label)s_%(class)s_one_per_indicator",
            ),
            score_range_check("score", "score_range"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.score}"

    def get_absolute_url(self):
        return self.assessment.get_absolute_url()


class SubIndicatorScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="sub_indicator_scores"
    )
    sub_indicator = models.ForeignKey(
        SubIndicator, on_delete=models.PROTECT, related_name="+"
    )
    score = score_field(_("คะแนน"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "sub_indicator__code"]
        verbose_name = _("คะแนนตัวชี้วัดย่อย")
        verbose_name_plural = _("คะแนนตัวชี้วัดย่อย")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "sub_indicator"],
                name="%(app_label)s_%(class)s_one_per_sub_indicator",
            ),
            score_range_check("score", "score_range"),
        ]

    def __str__(self):
        return f"{self.sub_indicator}: {self.score}"

    def get_absolute_url(self):
        return self.assessment.get_absolute_url()


class ItemResult(models.Model):
    """A question's score (IIT/EIT) or a disclosure item's pass/fail (OIT),
    with the assessor's note."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="item_results"
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    score = score_field(_("คะแนน"), null=True, blank=True)
    passed = models.BooleanField(_("ผ่าน"), null=True, blank=True)
    note = models.TextField(_("ข้อสังเกตของผู้ตรวจประเมิน"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "item__order"]
        verbose_name = _("ผลรายข้อ")
        verbose_name_plural = _("ผลรายข้อ")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"],
                name="%(app_label)s_%(class)s_one_per_item",
            ),
            score_range_check("score", "score_range", nullable=True),
        ]

    def __str__(self):
        return f"{self.item.code}: {self.score if self.passed is None else self.passed}"

    def get_absolute_url(self):
        return self.assessment.get_absolute_url()
