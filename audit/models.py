"""The tamper-evident audit chain: per organisation, each entry carries the
SHA-256 of the one before it, so an entry altered, removed or slipped in
breaks every hash after it (`verify_audit`). Rows are only ever inserted;
on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).

A chain cut short at its end still holds, so each organisation's head (its
newest entry's number and hash) is kept beside it, written with every
entry: `verify_audit` checks the chain ends there. On PostgreSQL a trigger
refuses to delete a head or move it back (migration 0003)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("ส่งเสนอ")
        ENDORSED = "endorsed", _("เห็นควรอนุมัติ")
        APPROVED = "approved", _("อนุมัติ")
        REJECTED = "rejected", _("ไม่เห็นชอบและส่งกลับ")
        WITHDRAWN = "withdrawn", _("เพิกถอน")
        SIGNED = "signed", _("ลงลายมือชื่อดิจิทัล")
        SECOND_FACTOR = "second_factor", _("ยืนยันตัวตนสองขั้นตอน")
        KEY_UPLOADED = "key_uploaded", _("นำเข้าใบรับรองของหน่วยงาน")
        KEY_ISSUED = "key_issued", _("ออกใบรับรองให้หน่วยงาน")

    # No database constraints to the organisation or the actor: the chain
    # outlives them, and a cascade would have to delete or update its rows.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_entries",
        verbose_name=_("หน่วยงาน"),
    )
    sequence = models.PositiveIntegerField(_("ลำดับ"))
    at = models.DateTimeField(_("เมื่อ"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    actor_name = models.CharField(_("ชื่อผู้ดำเนินการ"), max_length=200, blank=True)
    action = models.CharField(_("รายการ"), max_length=20, choices=Action.choices)
    target_type = models.CharField(_("ประเภทของสิ่งที่ดำเนินการ"), max_length=100)
    target_id = models.CharField(_("รหัสของสิ่งที่ดำเนินการ"), max_length=64)
    payload = models.JSONField(_("รายละเอียด"), default=dict)
    previous_hash = models.CharField(_("ค่าแฮชของรายการก่อนหน้า"), max_length=64)
    hash = models.CharField(_("ค่าแฮช"), max_length=64, unique=True)

    class Meta:
        ordering = ["organization", "sequence"]
        verbose_name = _("รายการตรวจสอบ")
        verbose_name_plural = _("รายการตรวจสอบ")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sequence"],
                name="%(app_label)s_%(class)s_one_per_place",
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.organization_id}#{self.sequence} {self.action}"


class ChainHead(models.Model):
    """The newest entry of an organisation's chain, as `audit_record` last
    wrote it."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
        verbose_name=_("หน่วยงาน"),
    )
    sequence = models.PositiveIntegerField(_("ลำดับล่าสุด"))
    hash = models.CharField(_("ค่าแฮชล่าสุด"), max_length=64)

    class Meta:
        verbose_name = _("รายการล่าสุดของห่วงโซ่")
        verbose_name_plural = _("รายการล่าสุดของห่วงโซ่")

    def __str__(self):
        return f"{self.organization_id}#{self.sequence}"
