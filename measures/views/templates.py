"""The template library as an organisation sees it: the library less what it
hid, and its own templates, which it adds, copies from the library, edits and
deletes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ita_portal.forms import apply_service_errors
from ita_portal.redirects import safe_next
from organizations.middleware import current_organization
from organizations.permissions import can, get_for_user, require

from .. import services
from ..forms import (
    TemplateForm,
)
from ..models import MeasureTemplate

TEMPLATES_PER_PAGE = 20


# --- the template library ----------------------------------------------------


@login_required
def template_list(request):
    """The library and the organisation's own templates, with what it hid."""
    organization = require(request.user, "view", current_organization(request))
    templates = MeasureTemplate.objects.filter(
        Q(organization__isnull=True) | Q(organization=organization)
    ).annotate(
        hidden=Exists(
            MeasureTemplate.hidden_by.through.objects.filter(
                measuretemplate_id=OuterRef("pk"), organization_id=organization.pk
            )
        )
    )
    query = request.GET.get("q", "").strip()
    if query:
        templates = templates.filter(title__icontains=query)
    templates = templates.order_by(F("organization").asc(nulls_first=True), "key")
    indicator = request.GET.get("indicator", "")
    if indicator.isdigit():  # a JSON list; the library is small enough to filter here
        templates = [t for t in templates if int(indicator) in t.indicators]
    page = Paginator(templates, TEMPLATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/template_list.html",
        {
            "organization": organization,
            "page": page,
            "query": query,
            "indicator": indicator,
            "indicators": range(1, 11),
            "can_add": can(request.user, "measures.add_measuretemplate", organization),
        },
    )


def _own_template(request, pk, action="change"):
    return get_for_user(
        request.user,
        MeasureTemplate.objects.filter(organization=current_organization(request)),
        action,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    organization = current_organization(request)
    if pk is None:
        require(request.user, "measures.add_measuretemplate", organization)
        template = MeasureTemplate()
    else:
        template = _own_template(request, pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(
                template=form.instance, organization=organization, by=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกแม่แบบแล้ว"))
            return redirect("measures:template_list")
    title = _("เพิ่มแม่แบบมาตรการของหน่วยงาน") if pk is None else _("แก้ไขแม่แบบมาตรการ")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "cancel_href": reverse("measures:template_list"),
        },
    )


@login_required
@require_POST
def template_copy(request, pk):
    organization = current_organization(request)
    require(request.user, "measures.add_measuretemplate", organization)
    template = get_object_or_404(MeasureTemplate.objects.library(), pk=pk)
    copy = services.template_copy(
        template=template, organization=organization, by=request.user
    )
    messages.success(
        request, _("คัดลอกเป็นแม่แบบของหน่วยงานแล้ว ปรับแก้ให้เหมาะกับหน่วยงานได้เลย")
    )
    return redirect("measures:template_edit", pk=copy.pk)


@login_required
@require_POST
def template_hide(request, pk):
    organization = current_organization(request)
    require(request.user, "measures.add_measuretemplate", organization)
    template = get_object_or_404(MeasureTemplate.objects.library(), pk=pk)
    hidden = request.POST.get("hidden") == "1"
    services.template_set_hidden(
        template=template, organization=organization, hidden=hidden
    )
    messages.success(
        request,
        _("ซ่อนแม่แบบแล้ว ระบบจะไม่เลือกแม่แบบนี้เมื่อสร้างแผน") if hidden else _("แสดงแม่แบบแล้ว"),
    )
    return redirect(safe_next(request, reverse("measures:template_list")))


@login_required
@require_http_methods(["GET", "POST"])
def template_delete(request, pk):
    template = _own_template(request, pk, "delete")
    if request.method == "POST":
        services.template_delete(template=template, by=request.user)
        messages.success(request, _("ลบแม่แบบแล้ว"))
        return redirect("measures:template_list")
    return render(
        request,
        "confirm_delete.html",
        {
            "title": _("ลบแม่แบบมาตรการ"),
            "question": _("ลบแม่แบบ “{title}” ใช่หรือไม่ แผนที่เคยใช้แม่แบบนี้จะไม่เปลี่ยน").format(
                title=template.title
            ),
            "cancel_url": "measures:template_list",
        },
    )
