"""The national open data files (`public.opendata`), kept in the database so
that every server serves the same bytes: one per fiscal year and format."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataFile(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    format = models.CharField(_("รูปแบบ"), max_length=4, choices=Format.choices)
    content = models.BinaryField(_("เนื้อไฟล์"))
    sha256 = models.CharField(max_length=64)
    plans = models.PositiveIntegerField(_("จำนวนแผน"), default=0)
    rows = models.PositiveIntegerField(_("จำนวนแถว"), default=0)
    modified = models.DateTimeField(_("ปรับปรุงเมื่อ"))

    class Meta:
        ordering = ["-fiscal_year", "format"]
        verbose_name = _("ไฟล์ข้อมูลเปิด")
        verbose_name_plural = _("ไฟล์ข้อมูลเปิด")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "format"],
                name="%(app_label)s_%(class)s_one_per_year",
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}.{self.format}"
