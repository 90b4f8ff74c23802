from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request):
    """For a load balancer's health check: the app server answers. It reads
    neither the database nor the session, so it also measures the cost of the
    request cycle alone (bench/public_load.py compares pages with it)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token, most often one left open in a
    tab while the user logged out and in again: say so in Thai, and that
    nothing was saved (Django's own page is English and technical)."""
    return render(request, "403_csrf.html", status=403)


def locked_out(request, response=None, credentials=None):
    """Too many failed logins for this account or from this address
    (django-axes, settings.AXES_LOCKOUT_CALLABLE): say so in Thai, and when
    to try again."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "minutes": settings.AXES_COOLOFF_MINUTES,
            "failures": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
