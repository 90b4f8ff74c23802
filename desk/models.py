"""The due dates an office sets itself for the steps of its ITA year (the
NACC's calendar, the province's letter): the home page shows them and says
when a step is late."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Organization


class Deadline(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="deadlines"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    # The key of a step of desk.year.year_steps ("published", "half_round" …).
    step = models.CharField(_("ขั้นตอน"), max_length=40)
    due_on = models.DateField(_("กำหนดเสร็จ"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้กำหนด"),
    )
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "fiscal_year", "due_on"]
        verbose_name = _("กำหนดเสร็จของขั้นตอน")
        verbose_name_plural = _("กำหนดเสร็จของขั้นตอน")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "step"],
                name="%(app_label)s_%(class)s_one_per_step",
            )
        ]

    def __str__(self):
        return f"{self.organization} {self.fiscal_year} {self.step}: {self.due_on}"
