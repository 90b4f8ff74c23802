"""The superuser's pages for a year's framework: copy it to a new year, and
export or import it as JSON or XLSX. Editing a year's rows is Django admin's
(assessments/admin.py), which links here."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import FrameworkCopyForm, FrameworkImportForm
from .framework_data import FrameworkDataError, framework_export
from .framework_xlsx import framework_from_xlsx, framework_to_xlsx
from .models import FrameworkYear
from .views import _xlsx_response


def _superuser(request) -> None:
    """The framework is the whole portal's: only a superuser changes it."""
    if not request.user.is_superuser:
        raise PermissionDenied


def _year(request, fiscal_year) -> FrameworkYear:
    _superuser(request)
    return get_object_or_404(FrameworkYear, fiscal_year=fiscal_year)


@login_required
def framework_export_json(request, fiscal_year):
    framework = _year(request, fiscal_year)
    content = json.dumps(framework_export(framework), ensure_ascii=False, indent=1)
    response = HttpResponse(content + "\n", content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="ITA-framework-{fiscal_year}.json"'
    )
    return response


@login_required
def framework_export_xlsx(request, fiscal_year):
    framework = _year(request, fiscal_year)
    return _xlsx_response(
        framework_to_xlsx(framework_export(framework)),
        f"ITA-framework-{fiscal_year}.xlsx",
    )


@login_required
def framework_copy(request, fiscal_year):
    source = _year(request, fiscal_year)
    form = FrameworkCopyForm(
        request.POST or None, initial={"fiscal_year": source.fiscal_year + 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.framework_copy(
                source=source,
                fiscal_year=form.cleaned_data["fiscal_year"],
                by=request.user,
            )
        except FrameworkDataError as error:
            for message in error.messages:
                form.add_error("fiscal_year", message)
        else:
            messages.success(
                request,
                _(
                    "คัดลอกกรอบการประเมินปี {source} เป็นปี {year} แล้ว "
                    "ปีใหม่ยังไม่ได้ตรวจทานกับคู่มือ แก้ไขได้ในหน้านี้"
                ).format(source=source.fiscal_year, year=copy.fiscal_year),
            )
            return redirect(copy.get_absolute_url())
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("คัดลอกกรอบการประเมินปี {year} เป็นปีใหม่").format(
                year=source.fiscal_year
            ),
            "intro": _(
                "ปีใหม่ได้ตัวชี้วัด ข้อ น้ำหนัก ระดับผลการประเมิน และบทบาทของข้อ "
                "เหมือนปีต้นทาง เป็นข้อมูลของปีใหม่เอง และถูกทำเครื่องหมายว่า"
                "ยังไม่ได้ตรวจทานกับคู่มือการประเมินของ ป.ป.ช."
            ),
            "cancel_href": source.get_absolute_url(),
        },
    )


def _read_upload(upload) -> dict:
    content = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise FrameworkDataError([_("ไฟล์ใหญ่เกินกำหนด")])
    if content.startswith(b"PK"):
        return framework_from_xlsx(content)
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FrameworkDataError(
            [_("ไฟล์ต้องเป็น JSON (UTF-8) หรือ Excel (.xlsx) ของกรอบการประเมิน")]
        ) from exc


@login_required
def framework_import(request):
    _superuser(request)
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            data = _read_upload(form.cleaned_data["file"])
            framework = services.framework_import(data=data, by=request.user)
        except FrameworkDataError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("นำเข้ากรอบการประเมินปี {year} แล้ว").format(year=framework.fiscal_year),
            )
            return redirect(framework.get_absolute_url())
    return render(
        request,
        "assessments/framework_import.html",
        {"form": form, "problems": problems},
        status=400 if request.method == "POST" else 200,
    )
