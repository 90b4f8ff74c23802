"""The start page: a public welcome for visitors; for a member, the
organisation's ITA year at a glance and their own tasks."""

from django.shortcuts import render
from django.utils import timezone

from ita_portal import thai

from .tasks import tasks_for
from .year import ITAS_URL, year_steps, years_of

EARLIEST_YEAR = 2560


def _year(value: str | None, current: int) -> int:
    """A fiscal year (พ.ศ.) from the query string, else the current one."""
    if value and len(value) == 4 and value.isascii() and value.isdigit():
        year = int(value)
        if EARLIEST_YEAR <= year <= current + 1:
            return year
    return current


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    membership = request.membership or None
    today = timezone.localdate()
    context = {"membership": membership, "today": today}
    if membership is not None:
        organization = membership.organization
        current = thai.fiscal_year(today)
        year = _year(request.GET.get("year"), current)
        context |= {
            "year": year_steps(
                organization=organization,
                fiscal_year=year,
                user=request.user,
                today=today,
            ),
            "current_year": current,
            "years": years_of(organization, current),
            "tasks": tasks_for(request),
            "role": membership.role,
            "itas_url": ITAS_URL,
        }
    return render(request, "desk/home.html", context)
