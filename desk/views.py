"""The start page: a public welcome for visitors; for a member, the
organisation's ITA year at a glance and their own tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ita_portal import thai
from ita_portal.forms import apply_service_errors
from organizations.middleware import current_organization
from organizations.permissions import can, require

from . import services
from .forms import DeadlinesForm
from .models import Deadline
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
            "can_set_deadlines": can(request.user, "reports.add_memo", organization),
            "itas_url": ITAS_URL,
        }
    return render(request, "desk/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def deadlines_edit(request, year):
    """Staff set the office's own due dates for the steps of a year (the
    NACC's calendar, the province's letter); the home page marks what is late."""
    organization = require(
        request.user, "reports.add_memo", current_organization(request)
    )
    current = thai.fiscal_year(timezone.localdate())
    if _year(str(year), current) != year:
        raise Http404
    steps = year_steps(
        organization=organization, fiscal_year=year, user=request.user
    ).steps
    deadlines = dict(
        Deadline.objects.filter(
            organization=organization, fiscal_year=year
        ).values_list("step", "due_on")
    )
    form = DeadlinesForm(
        request.POST if request.method == "POST" else None,
        steps=steps,
        deadlines=deadlines,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deadlines_set(
                organization=organization,
                fiscal_year=year,
                due=form.due(),
                steps=[step.key for step in steps],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกกำหนดเสร็จแล้ว"))
            return redirect(f"{reverse('home')}?year={year}")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("กำหนดเสร็จของงาน ITA ปีงบประมาณ {year}").format(year=year),
            "intro": _(
                "ใส่วันที่ที่หน่วยงานต้องทำแต่ละขั้นให้เสร็จ เช่น ตามปฏิทินของ ป.ป.ช. "
                "หรือหนังสือของจังหวัด เว้นว่างได้ หน้าหลักจะบอกเมื่อขั้นใดเลยกำหนด"
            ),
            "cancel_href": f"{reverse('home')}?year={year}",
        },
    )
