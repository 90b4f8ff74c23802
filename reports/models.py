"""Memos (บันทึกข้อความ), the executives who decide them, and the documents
frozen when a memo is approved."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ita_portal.approvals import Approval
from measures.models import Plan, ReportingRound
from organizations.models import Membership, Organization
from organizations.validators import validate_emblem


class ApprovalStep(models.Model):
    """One executive in the organisation's approval chain, in order. The last
    step decides (อนุมัติ); the ones before it endorse (เห็นควรอนุมัติ)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="approval_steps"
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ผู้พิจารณา"),
        limit_choices_to={"role": Membership.Role.EXECUTIVE},
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "order"]
        verbose_name = _("ลำดับการเสนอ")
        verbose_name_plural = _("ลำดับการเสนอ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "order"],
                name="%(app_label)s_%(class)s_unique_order",
            ),
            models.UniqueConstraint(
                fields=["organization", "membership"],
                name="%(app_label)s_%(class)s_once_per_chain",
                violation_error_message=_("ผู้พิจารณาคนเดียวกันอยู่ในลำดับการเสนอได้ครั้งเดียว"),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.membership.user.get_full_name()}"


class MemoQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organization__memberships__user=user)

    def awaiting(self, user):
        """Memos whose current step is `user`'s to decide."""
        return self.filter(status=Memo.Status.PENDING, current_approver=user)


class Memo(Approval):
    """A Thai official internal memo, as seed 001 lays it out."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        PENDING = "pending", _("รอพิจารณา")
        RETURNED = "returned", _("ส่งกลับแก้ไข")
        APPROVED = "approved", _("อนุมัติแล้ว")

    class Kind(models.TextChoices):
        PLAN = "plan", _("เสนออนุมัติผลการวิเคราะห์และมาตรการ")
        PROGRESS = "progress", _("รายงานผลการดำเนินการตามมาตรการ")
        OTHER = "other", _("อื่น ๆ")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memos"
    )
    kind = models.CharField(
        _("ประเภท"), max_length=10, choices=Kind.choices, default=Kind.OTHER
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("แผน"),
    )
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("รอบรายงานความก้าวหน้า"),
    )
    department = models.CharField(
        _("ส่วนราชการ"),
        max_length=300,
        help_text=_("เช่น สำนักปลัดเทศบาล เทศบาลตำบลคลองพน โทร 075-641422"),
    )
    reference = models.CharField(
        _("ที่"),
        max_length=100,
        blank=True,
        help_text=_("เว้นว่างไว้ ระบบจะออกเลขต่อจากฉบับก่อนในปีงบประมาณเดียวกันเมื่อส่ง"),
    )
    number = models.PositiveIntegerField(_("เลขที่"), null=True, blank=True)
    date = models.DateField(_("วันที่"))
    subject = models.CharField(_("เรื่อง"), max_length=500)
    addressee = models.CharField(_("เรียน"), max_length=300, blank=True)
    sections = models.JSONField(
        _("เนื้อความ"),
        default=list,
        blank=True,
        help_text=_("หัวข้อและย่อหน้า: [{heading, paragraphs: [...]}, …]"),
    )
    closing = models.CharField(
        _("คำลงท้าย"), max_length=200, default="จึงเรียนมาเพื่อโปรดพิจารณา"
    )
    signer_name = models.CharField(_("ชื่อผู้เสนอ"), max_length=200)
    signer_position = models.TextField(
        _("ตำแหน่งผู้เสนอ"),
        blank=True,
        help_text=_("พิมพ์ได้หลายบรรทัด เช่น ตำแหน่งและรักษาการแทน"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้จัดทำ"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submission = models.PositiveSmallIntegerField(_("ครั้งที่เสนอ"), default=0)
    chain = models.JSONField(
        _("ลำดับการเสนอของครั้งนี้"),
        default=list,
        blank=True,
        help_text=_("ผู้พิจารณาตามลำดับ ณ เวลาที่ส่ง: [{user, name, position}]"),
    )
    current_step = models.PositiveSmallIntegerField(default=0)
    current_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("รอการพิจารณาของ"),
    )
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    # approved_at, approved_by: ita_portal.approvals.Approval
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = MemoQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("บันทึกข้อความ")
        verbose_name_plural = _("บันทึกข้อความ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"],
                condition=~Q(reference=""),
                name="%(app_label)s_%(class)s_unique_reference",
                violation_error_message=_("เลขที่หนังสือนี้ใช้ไปแล้ว"),
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("reports:memo_detail", args=[self.pk])

    @property
    def fiscal_year(self) -> int | None:
        """The year of the plan the memo proposes or reports on."""
        plan = self.plan if self.plan_id else self.round.plan if self.round_id else None
        return plan.fiscal_year if plan else None

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def reference_label(self) -> str:
        """`กบ 52401/12`: typed, or the prefix and the running number."""
        if self.reference:
            return self.reference
        prefix = self.organization.memo_prefix
        return f"{prefix}/{self.number}" if self.number else f"{prefix}/"

    def step_of(self, user) -> dict | None:
        """The chain step `user` decides now, if it is theirs."""
        if self.status != self.Status.PENDING or user is None:
            return None
        step = self.chain[self.current_step]
        return step if step["user"] == user.pk else None

    def is_final_step(self, index: int) -> bool:
        return index == len(self.chain) - 1


class MemoDecision(models.Model):
    """One executive's decision on one submission of a memo. Never edited."""

    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="decisions")
    submission = models.PositiveSmallIntegerField(_("ครั้งที่เสนอ"))
    step = models.PositiveSmallIntegerField(_("ลำดับ"))
    final = models.BooleanField(_("ขั้นอนุมัติ"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("ชื่อ"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    approve = models.BooleanField(_("เห็นชอบ"))
    comment = models.TextField(_("ความเห็น"), blank=True)
    second_factor = models.BooleanField(
        _("ยืนยันตัวตนสองขั้นตอนแล้ว"),
        default=False,
        help_text=_("ผู้พิจารณายืนยันรหัสยืนยันตัวตนขั้นที่สองก่อนลงความเห็น"),
    )
    decided_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["memo", "submission", "step"]
        verbose_name = _("การพิจารณา")
        verbose_name_plural = _("การพิจารณา")
        constraints = [
            models.UniqueConstraint(
                fields=["memo", "submission", "step"],
                name="%(app_label)s_%(class)s_once_per_step",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.label}"

    @property
    def label(self) -> str:
        if self.final:
            return str(_("อนุมัติ") if self.approve else _("ไม่อนุมัติ"))
        return str(_("เห็นควรอนุมัติ") if self.approve else _("ไม่เห็นควรอนุมัติ"))


def approved_upload_to(document, filename):
    return f"approved/{document.memo.organization.slug}/{document.memo_id}/{filename}"


class ApprovedDocument(models.Model):
    """A PDF frozen at the memo's final approval, with its SHA-256, so anyone
    with access can tell whether a PDF is the approved one."""

    class Kind(models.TextChoices):
        MEMO = "memo", _("บันทึกข้อความ")
        ANALYSIS = "analysis", _("รายงานการวิเคราะห์ผลการประเมิน")
        PLAN = "plan", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
        PROGRESS = "progress", _("รายงานผลการดำเนินการตามมาตรการ")

    memo = models.ForeignKey(Memo, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("เอกสาร"), max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to=approved_upload_to)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    # The public permalink /verify/<code>/ printed, with its QR code, on
    # every page's foot (reports/verification.py). None for documents frozen
    # before codes existed.
    code = models.CharField(
        _("รหัสตรวจสอบ"), max_length=32, unique=True, null=True, blank=True
    )
    signing_key = models.ForeignKey(
        "SigningKey",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("ลงลายมือชื่อดิจิทัลด้วย"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["memo", "kind"]
        verbose_name = _("เอกสารที่อนุมัติแล้ว")
        verbose_name_plural = _("เอกสารที่อนุมัติแล้ว")
        constraints = [
            models.UniqueConstraint(
                fields=["memo", "kind"], name="%(app_label)s_%(class)s_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.sha256[:12]}"

    @property
    def organization(self):
        return self.memo.organization


class CertificateAuthority(models.Model):
    """The deployment's own certification authority (`manage.py signing_ca`):
    it issues organisations without a certificate of their own one for
    signing. Trusted by this portal only, never presented as a public CA."""

    name = models.CharField(_("ชื่อ"), max_length=200)
    certificate = models.TextField(_("ใบรับรอง (PEM)"))
    encrypted_key = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ผู้ออกใบรับรองของระบบ")
        verbose_name_plural = _("ผู้ออกใบรับรองของระบบ")

    def __str__(self):
        return self.name


class SigningKey(models.Model):
    """An organisation's key and certificate for signing approved PDFs. The
    private key is stored only encrypted (reports/signing.py); one key per
    organisation is in use at a time, older ones stay for the documents they
    signed."""

    class Source(models.TextChoices):
        UPLOADED = "uploaded", _("นำเข้าจากผู้ออกใบรับรองที่หน่วยงานเลือก")
        ISSUED = "issued", _("ออกโดยผู้ออกใบรับรองของระบบนี้")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="signing_keys"
    )
    source = models.CharField(_("ที่มา"), max_length=10, choices=Source.choices)
    authority = models.ForeignKey(
        CertificateAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued",
        verbose_name=_("ออกโดย"),
    )
    subject = models.CharField(_("เจ้าของใบรับรอง"), max_length=500)
    issuer = models.CharField(_("ผู้ออกใบรับรอง"), max_length=500)
    serial = models.CharField(_("เลขที่ใบรับรอง"), max_length=100)
    not_before = models.DateTimeField(_("ใช้ได้ตั้งแต่"))
    not_after = models.DateTimeField(_("ใช้ได้ถึง"))
    # The signing certificate first, then the rest of its chain, as PEM.
    certificate = models.TextField(_("ใบรับรอง (PEM)"))
    encrypted_key = models.TextField(editable=False)
    active = models.BooleanField(_("ใช้อยู่"), default=True)
    created_at = models.DateTimeField(_("เพิ่มเมื่อ"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("เพิ่มโดย"),
    )

    class Meta:
        ordering = ["organization", "-created_at"]
        verbose_name = _("ใบรับรองสำหรับลงลายมือชื่อดิจิทัล")
        verbose_name_plural = _("ใบรับรองสำหรับลงลายมือชื่อดิจิทัล")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(active=True),
                name="%(app_label)s_%(class)s_one_active",
            )
        ]

    def __str__(self):
        return self.subject


class Withdrawal(models.Model):
    """An approved memo withdrawn (เพิกถอน) by its organisation: its frozen
    documents stay, and their verification pages say it, when and by whom."""

    memo = models.OneToOneField(
        Memo, on_delete=models.PROTECT, related_name="withdrawal"
    )
    reason = models.TextField(_("เหตุผล"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("เพิกถอนโดย"),
    )
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("การเพิกถอน")
        verbose_name_plural = _("การเพิกถอน")

    def __str__(self):
        return f"{self.memo}: {self.reason}"


def garuda_upload_to(instance, filename: str) -> str:
    """A name the server chooses, keeping only the extension (validate_emblem
    has read the content: a PNG or JPEG)."""
    extension = Path(filename).suffix.lower()
    if extension not in (".png", ".jpg", ".jpeg"):
        extension = ""
    return f"letterhead/garuda-{uuid.uuid4().hex}{extension}"


class Letterhead(models.Model):
    """What every memo (บันทึกข้อความ) of the deployment carries at its top
    left: the Garuda (ตราครุฑ), per the ระเบียบงานสารบรรณ. One row (pk 1); a
    superuser uploads the official image in the admin, and until then the
    project's own drawing is printed (reports/branding.py)."""

    SINGLETON_PK = 1

    garuda = models.ImageField(
        _("ตราครุฑ"),
        upload_to=garuda_upload_to,
        validators=[validate_emblem],
        help_text=_(
            "ไฟล์ PNG หรือ JPEG ของตราครุฑที่ใช้พิมพ์มุมบนซ้ายของบันทึกข้อความทุกหน่วยงาน "
            "สูงประมาณ 1.5 ซม."
        ),
    )
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้แก้ไข"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ตราครุฑของบันทึกข้อความ")
        verbose_name_plural = _("ตราครุฑของบันทึกข้อความ")

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "Letterhead | None":
        return cls.objects.filter(pk=cls.SINGLETON_PK).first()
