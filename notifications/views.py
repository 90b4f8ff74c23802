"""The person's own settings for notification mail. Only their own: the
page takes no one's id, so there is nobody else's to see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferenceForm
from .models import Preference


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = Preference.objects.filter(user=request.user).first()
    # An unticked box posts nothing: an empty POST is still a choice.
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        instance=current or Preference(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            user=request.user, email=form.cleaned_data["email"], by=request.user
        )
        messages.success(
            request,
            _("เปิดรับอีเมลแจ้งเตือนแล้ว")
            if form.cleaned_data["email"]
            else _("ปิดอีเมลแจ้งเตือนแล้ว ท่านยังได้รับอีเมลคำเชิญและการตั้งรหัสผ่าน"),
        )
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "address": request.user.email},
    )
