"""Measures and the templates they are made from: what will be done, by whom,
when (the timeframe rule is `Measure.clean`), and how it is followed up."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ita_portal import language, thai
from organizations.models import Division, DivisionKind, Organization

from .plans import Plan, Weakness
from .progress import ProgressUpdate


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


# Words that make a timeframe the whole fiscal year.
WHOLE_YEAR_WORDS = ("ปีงบประมาณ", "ทุกไตรมาส", "ตลอดปี", "ทั้งปี")
QUARTER_RE = re.compile(r"ไตรมาส(?:ที่)?\s*([1-4])")


def derive_timeframe(text: str) -> dict | None:
    """The range that an office's words for a timeframe give (fields of
    Measure), or None when they give none. `Measure.clean` applies it."""
    if not text:
        return None
    months = thai.parse_months(text)
    if months:
        (start_month, start_year), (end_month, end_year) = months[0], months[-1]
        if start_year is None and end_year is not None:
            start_year = end_year - (1 if start_month > end_month else 0)
        if end_year is None and start_year is not None:
            end_year = start_year + (1 if end_month < start_month else 0)
        return {
            "timeframe_kind": TimeframeKind.MONTHS,
            "start_month": start_month,
            "end_month": end_month if len(months) > 1 else start_month,
            "start_year": start_year,
            "end_year": end_year,
            "quarter": None,
        }
    arabic = thai.to_arabic_digits(text)
    if (match := QUARTER_RE.search(arabic)) and "ทุกไตรมาส" not in arabic:
        return {"timeframe_kind": TimeframeKind.QUARTER, "quarter": int(match[1])}
    if any(word in arabic for word in WHOLE_YEAR_WORDS):
        return {"timeframe_kind": TimeframeKind.YEAR}
    return None


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
    # The office's own words for the timeframe ("ต.ค.- มี.ค.65", "ทุกไตรมาส"),
    # printed as typed; the range above is derived from them where they name
    # months, a quarter or the year (Measure.clean). A month named with its
    # year may lie outside the plan's fiscal year ("ต.ค. 2565" in FY2565):
    # start_year and end_year hold those years, else the months are the
    # plan's fiscal year's.
    timeframe_text = models.CharField(
        _("ระยะเวลาดำเนินการตามที่เขียนในเอกสาร"),
        max_length=200,
        blank=True,
        help_text=_(
            "พิมพ์ตามที่หน่วยงานเขียน เช่น ต.ค.- มี.ค.65, ต.ค. 2565, ทุกไตรมาส, "
            "ตลอดปีงบประมาณ เอกสารพิมพ์ข้อความนี้ตามที่พิมพ์ ระบบอ่านช่วงเดือนจากข้อความเอง "
            "ถ้าอ่านไม่ได้ กรุณาเลือกช่วงเวลาด้านบนด้วย เว้นว่างไว้เพื่อพิมพ์ช่วงเวลาที่เลือก"
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("ปี พ.ศ. ของเดือนเริ่ม"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("ปี พ.ศ. ของเดือนสิ้นสุด"), null=True, blank=True
    )
    # The responsible cell as the office typed it ("กองคลัง ทุกสำนัก/กอง");
    # blank prints the divisions chosen.
    responsible_text = models.CharField(
        _("ผู้รับผิดชอบตามที่เขียนในเอกสาร"),
        max_length=300,
        blank=True,
        help_text=_(
            "พิมพ์ตามที่หน่วยงานเขียน เช่น กองคลัง ทุกสำนัก/กอง เว้นว่างไว้เพื่อพิมพ์ชื่อสำนัก/กองที่เลือกไว้"
        ),
    )
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

    def clean(self):
        """The timeframe rule. Words typed in `timeframe_text` give the range
        where they can: the months they name (a month with its year may lie
        outside the plan's fiscal year, "ต.ค. 2565"), "ไตรมาสที่ 2", or the whole
        year ("ตลอดปีงบประมาณ", "ทุกไตรมาส"). Otherwise the range is chosen: a
        months timeframe starts in a month and runs forward inside the fiscal
        year (ต.ค. → ก.ย.); a quarter timeframe names its quarter. Fields of the
        other kinds are cleared."""
        self.timeframe_text = " ".join(self.timeframe_text.split())
        derived = derive_timeframe(self.timeframe_text)
        if derived is not None:
            for name, value in derived.items():
                setattr(self, name, value)
        else:
            self.start_year = self.end_year = None
        errors = {}
        if self.timeframe_kind == TimeframeKind.MONTHS:
            if not self.start_month:
                errors["start_month"] = _("กรุณาเลือกเดือนเริ่ม")
            elif self.start_year and self.end_year:
                start = (self.start_year, self.start_month)
                if (self.end_year, self.end_month or self.start_month) < start:
                    errors["timeframe_text"] = _("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม")
            elif self.end_month and thai.fiscal_month_index(
                self.end_month
            ) < thai.fiscal_month_index(self.start_month):
                errors["end_month"] = _("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มในปีงบประมาณเดียวกัน")
        else:
            self.start_month = self.end_month = None
            self.start_year = self.end_year = None
        if self.timeframe_kind == TimeframeKind.QUARTER:
            if not self.quarter:
                errors["quarter"] = _("กรุณาเลือกไตรมาส")
        else:
            self.quarter = None
        if errors:
            raise ValidationError(errors)

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
        """First and last day of the timeframe: inside the plan's fiscal year,
        unless its months were written with years outside it."""
        year = self.plan.fiscal_year
        if self.timeframe_kind == TimeframeKind.QUARTER and self.quarter:
            return thai.fiscal_quarter_bounds(year, self.quarter)
        if self.timeframe_kind == TimeframeKind.MONTHS and self.start_month:
            end_month = self.end_month or self.start_month
            if self.start_year and self.end_year:
                start = date(self.start_year - thai.BE_OFFSET, self.start_month, 1)
                end_first = date(self.end_year - thai.BE_OFFSET, end_month, 1)
            else:
                start = thai.fiscal_month_date(year, self.start_month)
                end_first = thai.fiscal_month_date(year, end_month)
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
        """The timeframe as the documents print it: the office's own words
        when it typed them, else the range (`timeframe_range_label`)."""
        if self.timeframe_text:
            text = self.timeframe_text
            return thai.to_thai_digits(text) if thai_digits else text
        return self.timeframe_range_label(thai_digits=thai_digits)

    def timeframe_range_label(self, thai_digits: bool = False) -> str:
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
