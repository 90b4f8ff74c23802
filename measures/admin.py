from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnalysisParagraph, Measure, MeasureTemplate, Plan, Weakness


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
    fields = ["order", "title", "steps", "lead_division", "timeframe_kind", "follow_up"]
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
