"""Measures plans (O42): the template library, plans, the weaknesses a plan
answers, its analysis text and its measures."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.models import Assessment
from ita_portal import language, thai
from organizations.models import Division, DivisionKind, Organization


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("รายเดือน")
    QUARTERLY = "quarterly", _("รายไตรมาส")
    SEMIANNUAL = "semiannual", _("ราย 6 เดือน")
    ANNUAL = "annual", _("รายปี")


# A template's "who usually does this": a kind of division, or all of them.
ResponsibleKind = models.TextChoices(
    "ResponsibleKind",
    [
        (kind.name, (kind.value, kind.label))
        for kind in DivisionKind
        if kind != DivisionKind.OTHER
    ]
    + [("ALL", ("all", _("ทุกสำนัก/กอง")))],
)


class TimeframeKind(models.TextChoices):
    MONTHS = "months", _("ช่วงเดือน")
    QUARTER = "quarter", _("ไตรมาส")
    YEAR = "year", _("ตลอดปีงบประมาณ")


class MeasureTemplateQuerySet(models.QuerySet):
    def library(self):
        return self.filter(organization__isnull=True)

    def available_to(self, organization):
        """The library less what the organisation hid, plus its own."""
        return self.filter(
            Q(organization__isnull=True) & ~Q(hidden_by=organization)
            | Q(organization=organization)
        )


class MeasureTemplate(models.Model):
    """A measure as the seed documents wrote it, reusable in any plan."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measure_templates",
        verbose_name=_("หน่วยงานเจ้าของ"),
        help_text=_("ว่างไว้ = คลังมาตรการกลาง"),
    )
    key = models.SlugField(_("รหัสแม่แบบ"), max_length=80)
    title = models.CharField(_("มาตรการ/แนวทาง"), max_length=500)
    steps = models.JSONField(_("ขั้นตอน/วิธีการดำเนินงาน"), default=list)
    indicators = models.JSONField(_("ตัวชี้วัดที่ตอบ"), default=list)
    items = models.JSONField(_("ข้อคำถาม/ข้อ OIT ที่ตอบ"), default=list, blank=True)
    items_year = models.PositiveSmallIntegerField(_("ปีของเลขข้อ"), null=True, blank=True)
    division_kind = models.CharField(
        _("ผู้รับผิดชอบหลักโดยทั่วไป"), max_length=20, choices=ResponsibleKind.choices
    )
    also_divisions = models.JSONField(_("ผู้ร่วมรับผิดชอบ"), default=list, blank=True)
    timeframe = models.JSONField(_("ระยะเวลาดำเนินการ"), default=dict)
    follow_up = models.TextField(_("การติดตามผล"), blank=True)
    reporting_frequency = models.CharField(
        _("ความถี่ในการรายงาน"),
        max_length=12,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.MONTHLY,
    )
    finding = models.TextField(_("ข้อค้นพบ"), blank=True)
    source = models.CharField(_("ที่มา"), max_length=200, blank=True)
    hidden_by = models.ManyToManyField(
        Organization, blank=True, related_name="hidden_templates"
    )

    history = HistoricalRecords(excluded_fields=["hidden_by"])
    objects = MeasureTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("แม่แบบมาตรการ")
        verbose_name_plural = _("คลังแม่แบบมาตรการ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"],
                name="%(app_label)s_%(class)s_unique_key",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(organization__isnull=True),
                name="%(app_label)s_%(class)s_unique_library_key",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("measures:template_list")


class Layout(models.TextChoices):
    BY_MEASURE = "by_measure", _("เรียงตามมาตรการ (แบบเอกสาร 000, 003)")
    BY_QUESTION = "by_question", _("เรียงตามข้อคำถาม ITA พร้อมข้อค้นพบ (แบบเอกสาร 002)")
    BY_WEAKNESS = "by_weakness", _("เรียงตามจุดอ่อนของแต่ละแบบวัด (แบบเอกสาร 001)")


class PlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organization__in=Organization.objects.for_user(user))

    def current(self):
        return self.filter(is_current=True)

    def published(self):
        return self.filter(status=Plan.Status.PUBLISHED)

    def in_force(self):
        """Approved plans, published or not: their measures are carried out
        and reported on."""
        return self.filter(status__in=[Plan.Status.APPROVED, Plan.Status.PUBLISHED])

    def reporting(self):
        """In-force plans that no newer in-force revision replaces: the plans
        whose measures take progress updates (O43). While revision 2 is a
        draft, revision 1 is still the one reported on."""
        newer = Plan.objects.in_force().filter(
            organization=OuterRef("organization"),
            fiscal_year=OuterRef("fiscal_year"),
            revision__gt=OuterRef("revision"),
        )
        return self.in_force().filter(~Exists(newer))


class Plan(models.Model):
    """A fiscal year's measures plan. Editing an approved plan starts a new
    revision; the public keeps seeing the published one until then."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("เสนอพิจารณา")
        APPROVED = "approved", _("อนุมัติแล้ว")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="plans"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    revision = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    is_current = models.BooleanField(_("ฉบับล่าสุด"), default=True)
    source_assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("ผลการประเมินที่ใช้วิเคราะห์"),
    )
    title = models.CharField(_("ชื่อแผน"), max_length=300)
    introduction = models.TextField(_("บทนำ"), blank=True)
    report_preface = models.TextField(
        _("คำนำของรายงานการวิเคราะห์"),
        blank=True,
        help_text=_("ย่อหน้าละบรรทัด เว้นว่างไว้เพื่อใช้คำนำมาตรฐานที่ระบบเขียนจากผลคะแนน"),
    )
    report_background = models.TextField(
        _("ความเป็นมาของการประเมิน"),
        blank=True,
        help_text=_(
            "ย่อหน้าละบรรทัด เว้นว่างไว้เพื่อใช้ข้อความมาตรฐานที่ระบบเขียนจากกรอบการประเมินของปีนั้น"
        ),
    )
    layout = models.CharField(
        _("รูปแบบเอกสาร"),
        max_length=20,
        choices=Layout.choices,
        default=Layout.BY_MEASURE,
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    rules = models.JSONField(_("เกณฑ์การเลือกจุดอ่อน"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("เสนอเมื่อ"), null=True, blank=True)
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อนุมัติ"),
    )
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
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
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-fiscal_year", "-revision"]
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "revision"],
                name="%(app_label)s_%(class)s_unique_revision",
            ),
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                condition=Q(is_current=True),
                name="%(app_label)s_%(class)s_one_current_per_year",
                violation_error_message=_("หน่วยงานนี้มีแผนของปีงบประมาณนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("measures:plan_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_in_force(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.PUBLISHED)

    def fiscal_year_bounds(self) -> tuple[date, date]:
        return thai.fiscal_year_bounds(self.fiscal_year)


class AnalysisParagraph(models.Model):
    """One paragraph of the plan's analysis of last year's scores, generated
    in the seeds' words and then edited by staff."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="analysis")
    instrument = models.CharField(_("แบบวัด"), max_length=8, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("ข้อความ"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("ย่อหน้าการวิเคราะห์")
        verbose_name_plural = _("การวิเคราะห์")

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return self.plan.get_absolute_url()

    @property
    def organization(self):
        return self.plan.organization


class Weakness(models.Model):
    """A weak spot of last year's assessment that the plan must answer."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("ตัวชี้วัด")
        QUESTION = "question", _("ข้อคำถาม")
        ITEM = "item", _("ข้อ OIT")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="weaknesses")
    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("รหัส"), max_length=8)
    score = models.DecimalField(
        _("คะแนน"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    reasons = models.JSONField(_("เหตุผล"), default=list)
    instrument = models.CharField(_("แบบวัด"), max_length=8)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัด"))
    name = models.TextField(_("ชื่อ"), blank=True)
    note = models.TextField(_("ข้อสังเกตของผู้ตรวจประเมิน"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("จุดอ่อน")
        verbose_name_plural = _("จุดอ่อน")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "code"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()

    @property
    def label(self) -> str:
        if self.kind == self.Kind.INDICATOR:
            return _("ตัวชี้วัดที่ {}").format(self.code)
        return self.code

    REASON_LABELS = {
        "below_pass_mark": _("ต่ำกว่าเกณฑ์ผ่าน"),
        "lowest_in_instrument": _("ต่ำสุดในแบบวัด"),
        "question_below_threshold": _("ข้อคำถามคะแนนต่ำ"),
        "item_failed": _("ไม่ผ่าน"),
    }

    def reason_labels(self) -> list[str]:
        return [str(self.REASON_LABELS.get(r, r)) for r in self.reasons]


class MeasureQuerySet(models.QuerySet):
    def for_divisions(self, divisions):
        """Measures any of `divisions` is responsible for."""
        return self.filter(divisions__in=divisions).distinct()

    def reporting(self):
        """Measures of the plans progress is reported on (`Plan.reporting`)."""
        return self.filter(plan__in=Plan.objects.reporting())

    def with_progress(self):
        """Annotate `latest_update_id`: the measure's latest progress update,
        its own or, before its first, that of the same measure in an earlier
        revision of the plan (progress follows a measure across revisions)."""
        from .progress_models import ProgressUpdate

        latest = (
            ProgressUpdate.objects.filter(
                Q(measure__lineage_id=OuterRef("lineage_key"))
                | Q(measure_id=OuterRef("lineage_key")),
                measure__plan__revision__lte=OuterRef("plan__revision"),
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        return self.annotate(lineage_key=Coalesce("lineage_id", "id")).annotate(
            latest_update_id=models.Subquery(latest)
        )


class Measure(models.Model):
    """A measure of a plan: what will be done, by whom, when, and how it is
    followed up; and which weaknesses it answers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # Seed 002 groups its measures under themes, "(1) กระบวนการปฏิบัติงานที่
    # โปร่งใสและมีประสิทธิภาพ"; measures.themes groups them for printing.
    theme = models.CharField(
        _("ประเด็น"),
        max_length=255,
        blank=True,
        help_text=_(
            "พิมพ์เป็นหัวข้อเหนือมาตรการในเอกสาร มาตรการที่เรียงติดกันและมีประเด็นเดียวกันจะอยู่ใต้หัวข้อเดียวกัน เว้นว่างได้"
        ),
    )
    title = models.CharField(_("มาตรการ/แนวทาง"), max_length=500)
    steps = models.JSONField(_("ขั้นตอน/วิธีการดำเนินงาน"), default=list, blank=True)
    lead_division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_measures",
        verbose_name=_("ผู้รับผิดชอบหลัก"),
    )
    divisions = models.ManyToManyField(
        Division, blank=True, related_name="measures", verbose_name=_("ผู้รับผิดชอบ")
    )
    # Seed 004's column (๑) names people by position under the divisions
    # ("ผอ.ทุกกอง", "นิติกร"); one per line.
    responsible_people = models.TextField(
        _("ผู้รับผิดชอบหรือผู้เกี่ยวข้อง (ตำแหน่ง)"),
        blank=True,
        help_text=_("หนึ่งบรรทัดต่อหนึ่งตำแหน่ง เช่น ผอ.ทุกกอง, นักวิเคราะห์นโยบายและแผน"),
    )
    timeframe_kind = models.CharField(
        _("ระยะเวลา"),
        max_length=10,
        choices=TimeframeKind.choices,
        default=TimeframeKind.YEAR,
    )
    start_month = models.PositiveSmallIntegerField(_("เดือนเริ่ม"), null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(_("เดือนสิ้นสุด"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"), null=True, blank=True)
    follow_up = models.TextField(_("การติดตามผล"), blank=True)
    reporting_frequency = models.CharField(
        _("ความถี่ในการรายงาน"),
        max_length=12,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.MONTHLY,
    )
    finding = models.TextField(_("ข้อค้นพบ"), blank=True)
    indicators = models.JSONField(_("ตัวชี้วัด"), default=list, blank=True)
    items = models.JSONField(_("ข้อคำถาม/ข้อ OIT"), default=list, blank=True)
    answers = models.ManyToManyField(
        Weakness, blank=True, related_name="measures", verbose_name=_("ตอบจุดอ่อน")
    )
    template = models.ForeignKey(
        MeasureTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_revisions",
        verbose_name=_("มาตรการเดียวกันในฉบับก่อน"),
    )
    lineage = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("มาตรการเดียวกันในฉบับแรก"),
        help_text=_("ว่างไว้ = มาตรการนี้เริ่มในฉบับนี้"),
    )

    history = HistoricalRecords(m2m_fields=[divisions])
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_month__isnull=True)
                | Q(start_month__gte=1, start_month__lte=12),
                name="%(app_label)s_%(class)s_start_month_range",
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True)
                | Q(end_month__gte=1, end_month__lte=12),
                name="%(app_label)s_%(class)s_end_month_range",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="%(app_label)s_%(class)s_quarter_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.plan.get_absolute_url()

    @property
    def organization(self):
        return self.plan.organization

    def responsible_divisions(self):
        return list(self.divisions.all())

    @property
    def lineage_root_id(self) -> int:
        """The same measure across every revision of the plan: the id of its
        first version. Progress updates follow it."""
        return self.lineage_id or self.pk

    def timeframe_bounds(self) -> tuple[date, date]:
        """First and last day of the timeframe, inside the plan's fiscal year."""
        year = self.plan.fiscal_year
        if self.timeframe_kind == TimeframeKind.QUARTER and self.quarter:
            return thai.fiscal_quarter_bounds(year, self.quarter)
        if self.timeframe_kind == TimeframeKind.MONTHS and self.start_month:
            start = thai.fiscal_month_date(year, self.start_month)
            end_first = thai.fiscal_month_date(year, self.end_month or self.start_month)
            next_month = date(
                end_first.year + end_first.month // 12, end_first.month % 12 + 1, 1
            )
            return start, date.fromordinal(next_month.toordinal() - 1)
        return thai.fiscal_year_bounds(year)

    @property
    def people_lines(self) -> list[str]:
        """`responsible_people` as the documents list it: one per line typed."""
        return [
            line.strip()
            for line in self.responsible_people.splitlines()
            if line.strip()
        ]

    def timeframe_label(self, thai_digits: bool = False) -> str:
        """`ต.ค. 65 – มี.ค. 66`, `ไตรมาสที่ 1` or `ตลอดปีงบประมาณ พ.ศ. 2566`;
        on an English page `Oct 2565 – Mar 2566`, `Quarter 1` …"""
        if self.timeframe_kind == TimeframeKind.MONTHS and self.start_month:
            start, end = self.timeframe_bounds()
            return language.format_month_range(start, end, thai_digits=thai_digits)
        if self.timeframe_kind == TimeframeKind.QUARTER and self.quarter:
            label = str(_("ไตรมาสที่ {}")).format(self.quarter)
        else:
            label = str(_("ตลอดปีงบประมาณ พ.ศ. {}")).format(self.plan.fiscal_year)
        return thai.to_thai_digits(label) if thai_digits else label


# Progress (O43): updates, evidence, reporting rounds and reminders.
from .progress_models import (  # noqa: E402
    Evidence,
    ProgressStatus,
    ProgressUpdate,
    ReminderSent,
    ReportingRound,
    RoundEntry,
)

__all__ = [
    "AnalysisParagraph",
    "Evidence",
    "Layout",
    "Measure",
    "MeasureTemplate",
    "Plan",
    "ProgressStatus",
    "ProgressUpdate",
    "ReminderSent",
    "ReportingFrequency",
    "ReportingRound",
    "ResponsibleKind",
    "RoundEntry",
    "TimeframeKind",
    "Weakness",
]
