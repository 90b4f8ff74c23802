"""Organisations (local governments), their divisions, and who does what in them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ita_portal.language import is_english

from .places import district_english, province_english
from .validators import validate_emblem


class User(AbstractUser):
    """A person who logs in. Their roles live on Membership, one per organisation.

    Thai names are kept as Django keeps them: `first_name` holds the title and
    given name (นางมะลิ), `last_name` the family name (ภูพรประเสริฐ), so that
    `get_full_name()` prints the line under a signature.
    """

    class Meta(AbstractUser.Meta):
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("home")


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Organisations the user is a member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


def emblem_upload_to(instance, filename: str) -> str:
    """A name the server chooses: the user's file name may be long, Thai or
    anything else, and only its extension is kept (validate_emblem has read
    the content, so a PNG or JPEG it is)."""
    extension = Path(filename).suffix.lower()
    if extension not in (".png", ".jpg", ".jpeg"):
        extension = ""
    return f"emblems/{uuid.uuid4().hex}{extension}"


class Organization(models.Model):
    """A Thai public body assessed by the ITA: a municipality, an อบต., an อบจ. …"""

    class Kind(models.TextChoices):
        CITY_MUNICIPALITY = "city", _("เทศบาลนคร")
        TOWN_MUNICIPALITY = "town", _("เทศบาลเมือง")
        SUBDISTRICT_MUNICIPALITY = "subdistrict", _("เทศบาลตำบล")
        SAO = "sao", _("องค์การบริหารส่วนตำบล")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด")
        OTHER = "other", _("อื่น ๆ")

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200, unique=True)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(
        _("ชื่อย่อในลิงก์"),
        max_length=80,
        unique=True,
        help_text=_("อักษรอังกฤษตัวเล็ก ตัวเลข และขีด ใช้ในลิงก์สาธารณะ เช่น klongphon"),
    )
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    memo_prefix = models.CharField(
        _("เลขที่หนังสือ (ส่วนหน้า)"),
        max_length=50,
        blank=True,
        help_text=_("ส่วนหน้าของเลขที่บันทึกข้อความ เช่น กบ ๕๒๔๐๑"),
    )
    thai_digits = models.BooleanField(
        _("ใช้เลขไทยในเอกสาร"),
        default=False,
        help_text=_("เอกสารที่พิมพ์ออก (บันทึกข้อความ แผน รายงาน) ใช้เลขไทย ๐–๙"),
    )
    publish_memos = models.BooleanField(
        _("เผยแพร่บันทึกข้อความที่อนุมัติแล้ว"),
        default=False,
        help_text=_("แสดงบันทึกข้อความเสนออนุมัติแผนบนหน้าเว็บสาธารณะด้วย"),
    )
    require_second_factor = models.BooleanField(
        _("สมาชิกทุกคนต้องยืนยันตัวตนสองขั้นตอน"),
        default=False,
        help_text=_(
            "สมาชิกต้องใส่รหัสจากแอปยืนยันตัวตนก่อนใช้งานระบบทุกครั้งที่เข้าสู่ระบบ "
            "(ผู้ลงนามและผู้บริหารต้องยืนยันก่อนลงนามเสมอ)"
        ),
    )
    emblem = models.ImageField(
        _("ตราหน่วยงาน"),
        upload_to=emblem_upload_to,
        blank=True,
        validators=[validate_emblem],
        help_text=_("ไฟล์ PNG หรือ JPEG ใช้พิมพ์บนปกรายงานของหน่วยงาน (บันทึกข้อความใช้ตราครุฑ)"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail")

    @property
    def organization(self):
        """Every object the permission rules see answers `.organization`."""
        return self

    @property
    def location(self) -> str:
        """`อำเภอคลองท่อม จังหวัดกระบี่`, as the seeds print it under the name;
        on an English page `Khlong Thom District, Krabi Province`, with the
        Thai name where no English one is known (`places`): `คลองท่อม District`."""
        district, province = self.district.strip(), self.province.strip()
        if is_english():
            district = district and (district_english(district, province) or district)
            province = province and (province_english(province) or province)
        if district and province:
            text = _("อำเภอ{district} จังหวัด{province}")
        elif district:
            text = _("อำเภอ{district}")
        elif province:
            text = _("จังหวัด{province}")
        else:
            return ""
        return str(text).format(district=district, province=province)


class DivisionKind(models.TextChoices):
    """What a division does, so that a measure template's "the finance
    division" finds กองคลัง in one municipality and สำนักคลัง in another."""

    CLERK = "clerk", _("สำนักปลัด")
    FINANCE = "finance", _("กองคลัง")
    ENGINEERING = "engineering", _("กองช่าง")
    EDUCATION = "education", _("กองการศึกษา")
    HEALTH = "health", _("กองสาธารณสุขและสิ่งแวดล้อม")
    STRATEGY = "strategy", _("กองยุทธศาสตร์และงบประมาณ")
    PERSONNEL = "personnel", _("กองการเจ้าหน้าที่")
    WELFARE = "welfare", _("กองสวัสดิการสังคม")
    OTHER = "other", _("อื่น ๆ")


# Words in a Thai division name that tell its kind, most specific first.
KIND_WORDS = (
    ("ยุทธศาสตร์", DivisionKind.STRATEGY),
    ("แผนงาน", DivisionKind.STRATEGY),
    ("การเจ้าหน้าที่", DivisionKind.PERSONNEL),
    ("สวัสดิการ", DivisionKind.WELFARE),
    ("สาธารณสุข", DivisionKind.HEALTH),
    ("การศึกษา", DivisionKind.EDUCATION),
    ("ช่าง", DivisionKind.ENGINEERING),
    ("คลัง", DivisionKind.FINANCE),
    ("ปลัด", DivisionKind.CLERK),
)


def guess_division_kind(name: str) -> str:
    for word, kind in KIND_WORDS:
        if word in name:
            return kind
    return DivisionKind.OTHER


class Division(models.Model):
    """A division of an organisation: สำนักปลัดเทศบาล, กองคลัง, กองช่าง …"""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="divisions",
        verbose_name=_("หน่วยงาน"),
    )
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    short_name = models.CharField(
        _("ชื่อย่อ"), max_length=50, blank=True, help_text=_("เช่น สป. หรือ กค.")
    )
    kind = models.CharField(
        _("ลักษณะงาน"),
        max_length=20,
        choices=DivisionKind.choices,
        blank=True,
        help_text=_("ใช้จับคู่ผู้รับผิดชอบมาตรการจากคลังมาตรการ เว้นว่างให้ระบบเดาจากชื่อ"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("หน่วยงานนี้มีส่วนราชการชื่อนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.kind:
            self.kind = guess_division_kind(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:division_list")


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def executives(self):
        return self.filter(role=Membership.Role.EXECUTIVE)


class Role(models.TextChoices):
    """What a member does in an organisation (DESIGN.md, 'Users and roles')."""

    STAFF = "staff", _("เจ้าหน้าที่")
    DIVISION_HEAD = "division_head", _("หัวหน้าส่วนราชการ")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ORG_ADMIN = "org_admin", _("ผู้ดูแลหน่วยงาน")


class Membership(models.Model):
    """A user's place in one organisation: the role, and what it covers."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ผู้ใช้"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("หน่วยงาน"),
    )
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices)
    divisions = models.ManyToManyField(
        Division,
        blank=True,
        related_name="heads",
        verbose_name=_("ส่วนราชการที่เป็นหัวหน้า"),
        help_text=_("สำหรับหัวหน้าส่วนราชการ: ส่วนราชการที่รับผิดชอบรายงานผล"),
    )
    position = models.CharField(
        _("ตำแหน่ง"),
        max_length=200,
        blank=True,
        help_text=_("ตำแหน่งที่พิมพ์ใต้ลายมือชื่อ เช่น ปลัดเทศบาลตำบลคลองพน"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[divisions])
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "role", "user__first_name", "user__username"]
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="%(app_label)s_%(class)s_one_per_organization",
                violation_error_message=_("ผู้ใช้นี้เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="%(app_label)s_%(class)s_known_role",
                violation_error_message=_("บทบาทไม่ถูกต้อง"),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    def get_absolute_url(self):
        return reverse("organizations:member_edit", args=[self.pk])

    @property
    def is_org_admin(self) -> bool:
        return self.role == self.Role.ORG_ADMIN


ROLE_BADGES = {
    Membership.Role.STAFF: "primary",
    Membership.Role.DIVISION_HEAD: "success",
    Membership.Role.EXECUTIVE: "warning",
    Membership.Role.ORG_ADMIN: "dark",
}
