from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .catalogue import EDITED_IN_ADMIN
from .models import (
    Assessment,
    FrameworkYear,
    GradeBand,
    Indicator,
    IndicatorScore,
    Instrument,
    Item,
    ItemResult,
    SubIndicator,
    SubIndicatorScore,
)

IN_USE_WARNING = _(
    "ปีงบประมาณนี้มีผลการประเมินใช้อยู่แล้ว โครงสร้าง น้ำหนัก และรหัสข้อแก้ไขไม่ได้ "
    "เพื่อไม่ให้คะแนนที่บันทึกไว้เปลี่ยนไปโดยไม่รู้ตัว แก้ได้เฉพาะข้อความและหมายเหตุ"
)


class FrozenWhenUsed:
    """Inlines of a year that assessments use may not add, delete or change
    the structure: the scores already stored depend on it."""

    structural_fields: tuple[str, ...] = ()

    def _used(self, obj):
        return obj is not None and obj.is_used

    def has_add_permission(self, request, obj=None):
        return not self._used(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._used(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self._used(obj):
            return self.structural_fields
        return ()


class InstrumentInline(FrozenWhenUsed, admin.TabularInline):
    model = Instrument
    extra = 0
    structural_fields = ("code", "weight", "order")


class IndicatorInline(FrozenWhenUsed, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = [
        "number",
        "instrument",
        "name_th",
        "name_en",
        "weight",
        "confidence",
        "note",
    ]
    structural_fields = ("number", "instrument", "weight")


class ItemInline(FrozenWhenUsed, admin.TabularInline):
    model = Item
    extra = 0
    fields = [
        "code",
        "indicator",
        "sub_indicator",
        "kind",
        "role",
        "text_th",
        "text_en",
        "confidence",
    ]
    structural_fields = ("code", "indicator", "sub_indicator", "kind")
    show_change_link = False


class GradeBandInline(FrozenWhenUsed, admin.TabularInline):
    model = GradeBand
    extra = 0
    structural_fields = ("grade", "min_score")


@admin.register(FrameworkYear)
class FrameworkYearAdmin(SimpleHistoryAdmin):
    list_display = [
        "fiscal_year",
        "provisional",
        "pass_mark",
        "measures_item_code",
        "in_use",
        "open_doubts",
    ]
    readonly_fields = ["doubts_list", "source_digest"]
    inlines = [InstrumentInline, IndicatorInline, GradeBandInline, ItemInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("คัดลอกเป็นปีถัดไป"))
    def copy_to_next_year(self, request, queryset):
        """The copy page of the latest year chosen, its next year proposed."""
        latest = queryset.order_by("-fiscal_year").first()
        return redirect(
            reverse("assessments:framework_copy", args=[latest.fiscal_year])
        )

    @admin.display(description=_("ข้อมาตรการ"))
    def measures_item_code(self, obj):
        item = obj.measures_item
        return item.code if item else "—"

    @admin.display(boolean=True, description=_("มีผลการประเมินใช้อยู่"))
    def in_use(self, obj):
        return obj.is_used

    @admin.display(description=_("ข้อสงสัยที่ยังค้าง"))
    def open_doubts(self, obj):
        return len(obj.doubts)

    @admin.display(description=_("ข้อสงสัยที่ยังค้าง"))
    def doubts_list(self, obj):
        return format_html_join("", "<p>• {}</p>", ((d,) for d in obj.doubts)) or "—"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_used:
            fields += ["fiscal_year", "pass_mark"]
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.is_used and request.method == "GET":
            messages.warning(request, IN_USE_WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # From now on the loader leaves this year as the superuser made it.
        obj.source_digest = EDITED_IN_ADMIN
        super().save_model(request, obj, form, change)


@admin.register(SubIndicator)
class SubIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "indicator"]
    list_filter = ["indicator__framework"]


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    extra = 0


class SubIndicatorScoreInline(admin.TabularInline):
    model = SubIndicatorScore
    extra = 0


class ItemResultInline(admin.TabularInline):
    model = ItemResult
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "framework", "reported_overall", "reported_grade"]
    list_filter = ["framework"]
    search_fields = ["organization__name"]
    inlines = [IndicatorScoreInline, SubIndicatorScoreInline, ItemResultInline]
