from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AnalysisParagraph,
    Evidence,
    Measure,
    MeasureTemplate,
    Plan,
    ProgressUpdate,
    ReportingRound,
    RoundEntry,
    Weakness,
)


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "division_kind", "indicators", "organization"]
    list_filter = ["division_kind", "organization"]
    search_fields = ["key", "title", "source"]
    filter_horizontal = ["hidden_by"]


class AnalysisInline(admin.StackedInline):
    model = AnalysisParagraph
    extra = 0


class WeaknessInline(admin.TabularInline):
    model = Weakness
    extra = 0


class MeasureInline(admin.StackedInline):
    model = Measure
    extra = 0
    fields = [
        "order",
        "theme",
        "title",
        "steps",
        "lead_division",
        "timeframe_kind",
        "follow_up",
    ]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "fiscal_year", "revision", "status", "is_current"]
    list_filter = ["status", "fiscal_year"]
    search_fields = ["organization__name", "title"]
    inlines = [AnalysisInline, WeaknessInline, MeasureInline]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "order", "lead_division"]
    search_fields = ["title", "plan__organization__name"]
    filter_horizontal = ["divisions", "answers"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Progress history is only added to, through the portal's pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size", "file", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["measure", "status", "reported_on", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["measure__title", "measure__plan__organization__name", "result"]
    inlines = [EvidenceInline]


class RoundEntryInline(admin.TabularInline):
    model = RoundEntry
    extra = 0
    fields = ["measure", "status", "result", "reported_on", "update"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "period", "ends_on", "status"]
    list_filter = ["status", "period"]
    readonly_fields = [
        "plan",
        "period",
        "starts_on",
        "ends_on",
        "status",
        "closed_at",
        "closed_by",
        "approved_at",
        "approved_by",
        "published_at",
        "created_by",
    ]
    inlines = [RoundEntryInline]

    def has_add_permission(self, request, obj=None):
        return False
