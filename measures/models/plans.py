"""Plans (O42): a fiscal year's plan, its revisions and approval, the
analysis of last year's scores and the weaknesses the plan answers."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.models import Assessment
from ita_portal import thai
from ita_portal.approvals import Publication
from organizations.models import Organization


class Layout(models.TextChoices):
    BY_MEASURE = "by_measure", _("เรียงตามมาตรการ (แบบเอกสาร 000, 003)")
    BY_QUESTION = "by_question", _("เรียงตามข้อคำถาม ITA พร้อมข้อค้นพบ (แบบเอกสาร 002)")
    BY_WEAKNESS = "by_weakness", _("เรียงตามจุดอ่อนของแต่ละแบบวัด (แบบเอกสาร 001)")


class TitleLayout(models.TextChoices):
    COMPACT = "compact", _("ชื่อแผน แล้วชื่อหน่วยงานกับที่ตั้งในบรรทัดเดียวกัน (แบบเอกสาร 000)")
    STACKED = (
        "stacked",
        _("ชื่อแผน ปีงบประมาณ ชื่อหน่วยงาน และอำเภอ จังหวัด คนละบรรทัด (แบบเอกสาร 003)"),
    )


# The measures table's column headers as each layout's seed writes them:
# seed 000 by measure, 002 by question (its first column "ประเด็น"), 001 by
# weakness; left to right, a header over two columns before the two under
# it; a line break where a narrow header wraps. A plan's own headers
# (`Plan.column_headers`) replace them one for one.
LAYOUT_COLUMNS = {
    Layout.BY_MEASURE: (
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินงาน",
        "ผู้รับผิดชอบ",
        "ระยะเวลา\nดำเนินการ",
        "การติดตามผล",
    ),
    Layout.BY_QUESTION: (
        "ประเด็น",
        "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
        "ข้อคำถาม ITA",
        "ข้อค้นพบ",
        "ขั้นตอน/วิธีการปฏิบัติ",
        "ระยะเวลา\nดำเนินการ",
        "หน่วยงานผู้รับผิดชอบ",
    ),
    Layout.BY_WEAKNESS: (
        "ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อนจากการประเมิน",
        "แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ",
        "มาตรการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลา\nดำเนินการ",
        "การกำกับติดตาม",
        "รายงานความก้าวหน้าและสรุปผล",
        "ดำเนินการแล้ว",
        "ยังไม่ดำเนินการ",
    ),
}


def _one_line(header: str) -> str:
    return " ".join(header.split())


class IntroductionPlace(models.TextChoices):
    TOP = "top", _("ใต้ชื่อแผน")
    MEASURES = "measures", _("หลังการวิเคราะห์ ใต้หัวข้อมาตรการ (แบบเอกสาร 000)")


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


class Plan(Publication):
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
    title_layout = models.CharField(
        _("การวางชื่อแผน"),
        max_length=10,
        choices=TitleLayout.choices,
        default=TitleLayout.COMPACT,
    )
    introduction = models.TextField(_("บทนำ"), blank=True)
    introduction_place = models.CharField(
        _("ตำแหน่งของบทนำ"),
        max_length=10,
        choices=IntroductionPlace.choices,
        default=IntroductionPlace.TOP,
        help_text=_("เช่น ย่อหน้าการประชุมที่กำหนดมาตรการ พิมพ์ใต้ชื่อแผนหรือใต้หัวข้อมาตรการ"),
    )
    # The plan's two section headings and the paragraph under the second:
    # blank prints the standard text (reports/renderers/plan.py).
    analysis_heading = models.CharField(
        _("หัวข้อการวิเคราะห์ผลการประเมิน"),
        max_length=300,
        blank=True,
        help_text=_("เว้นว่างไว้เพื่อใช้หัวข้อมาตรฐาน “1. การวิเคราะห์ผลการประเมิน ITA ของ…”"),
    )
    measures_heading = models.CharField(
        _("หัวข้อมาตรการ"),
        max_length=300,
        blank=True,
        help_text=_(
            "เว้นว่างไว้เพื่อใช้หัวข้อมาตรฐาน “2. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน…”"
        ),
    )
    measures_intro_shown = models.BooleanField(
        _("พิมพ์ย่อหน้านำก่อนตารางมาตรการ"),
        default=False,
        help_text=_("ย่อหน้า “…ได้นำผลการวิเคราะห์…มากำหนดมาตรการ… ดังนี้” ใต้หัวข้อมาตรการ"),
    )
    measures_intro = models.TextField(
        _("ย่อหน้านำก่อนตารางมาตรการ"),
        blank=True,
        help_text=_("ย่อหน้าละบรรทัด เว้นว่างไว้เพื่อใช้ข้อความมาตรฐานที่ระบบเขียน"),
    )
    # The measures table's headers, one a line; blank prints the layout's
    # (LAYOUT_COLUMNS).
    column_headers = models.TextField(
        _("หัวตารางมาตรการ"),
        blank=True,
        help_text=_(
            "บรรทัดละหนึ่งช่อง เรียงจากซ้ายไปขวา หัวที่คลุมสองช่องมาก่อนสองช่องที่อยู่ใต้หัวนั้น "
            "(เรียงตามมาตรการ 5 บรรทัด เรียงตามข้อคำถาม ITA 7 บรรทัด "
            "เรียงตามจุดอ่อน 9 บรรทัด) เว้นว่างไว้เพื่อใช้หัวตารางตามแบบเอกสารของรูปแบบที่เลือก"
        ),
    )
    measure_titles_shown = models.BooleanField(
        _("พิมพ์ชื่อมาตรการในช่องแรกของตาราง"),
        default=True,
        help_text=_(
            "รูปแบบเรียงตามข้อคำถาม ITA: ไม่เลือกเพื่อให้ช่อง “ประเด็น” "
            "มีเฉพาะประเด็น ไม่มีชื่อมาตรการ (แบบเอกสาร 002)"
        ),
    )
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
    # approved_at, approved_by, published_at: ita_portal.approvals.Publication
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

    def columns(self) -> tuple[str, ...]:
        """The measures table's headers as the documents print them: the
        office's, else its layout's seed's (LAYOUT_COLUMNS)."""
        typed = self.typed_columns()
        return tuple(typed) if typed else LAYOUT_COLUMNS[self.layout]

    def typed_columns(self) -> list[str]:
        return [
            _one_line(line) for line in self.column_headers.splitlines() if line.strip()
        ]

    def clean(self):
        """The column headers: one a line, as many as the layout's table has
        columns. Headers that are some layout's own are not the office's:
        they are cleared, so the table keeps its layout's when that changes."""
        typed = self.typed_columns()
        standard = [
            [_one_line(header) for header in columns]
            for columns in LAYOUT_COLUMNS.values()
        ]
        if not typed or typed in standard:
            self.column_headers = ""
            return
        self.column_headers = "\n".join(typed)
        wanted = len(LAYOUT_COLUMNS.get(self.layout, ()))
        if wanted and len(typed) != wanted:
            raise ValidationError(
                {
                    "column_headers": _(
                        "ตารางของรูปแบบเอกสารนี้มี {wanted} ช่อง กรุณาพิมพ์หัวตาราง "
                        "{wanted} บรรทัด บรรทัดละหนึ่งช่อง (พิมพ์มา {typed} บรรทัด) "
                        "หรือเว้นว่างไว้เพื่อใช้หัวตารางตามแบบเอกสาร"
                    ).format(wanted=wanted, typed=len(typed))
                }
            )


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
