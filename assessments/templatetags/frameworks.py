"""What pages print from the framework of a year: the notice on a
provisional year, and the code of the item that plays a role that year (the
measures plan, O42 up to FY2566; the progress report, O43)."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from ita_portal.thai import fiscal_year

from ..models import FrameworkYear, Item

register = template.Library()

ROLES = {"measures": Item.Role.MEASURES, "progress": Item.Role.PROGRESS}


def _year_of(value) -> int | None:
    if isinstance(value, FrameworkYear):
        return value.fiscal_year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


@register.simple_tag
def provisional_notice(*years_or_frameworks):
    """The notice for each of these years whose framework is provisional."""
    years = {_year_of(value) for value in years_or_frameworks} - {None}
    provisional = sorted(
        FrameworkYear.objects.filter(
            fiscal_year__in=years, provisional=True
        ).values_list("fiscal_year", flat=True)
    )
    if not provisional:
        return ""
    return render_to_string(
        "assessments/_provisional_notice.html", {"years": provisional}
    )


@register.simple_tag
def provisional_notice_for_plans(organization):
    """On the page that makes a plan: the years of the organisation's scores
    and the years their plans are for."""
    if organization is None:
        return ""
    years = list(
        organization.assessments.values_list("framework__fiscal_year", flat=True)
    )
    return provisional_notice(*years, *(year + 1 for year in years))


@register.simple_tag
def role_code(role: str, year=None) -> str:
    """The code of the item playing `role` in `year` (a FrameworkYear or a
    fiscal year; the current one by default), or "" when it has none."""
    year = _year_of(year) or fiscal_year(timezone.localdate())
    code = (
        Item.objects.filter(framework__fiscal_year=year, role=ROLES[role])
        .values_list("code", flat=True)
        .first()
    )
    return code or ""
