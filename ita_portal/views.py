from django.shortcuts import render
from django.utils import timezone


def home(request):
    """The start page: a public welcome for visitors, the organisation's
    desk for members."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    return render(
        request,
        "home.html",
        {"membership": request.membership, "today": timezone.localdate()},
    )
