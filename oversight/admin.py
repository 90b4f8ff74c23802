from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Deadline, Grant, Reminder


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    """A superuser gives a user the standing of overseer here."""

    list_display = ("user", "scope", "province", "district", "granted_by", "granted_at")
    list_filter = ("scope", "province")
    search_fields = ("user__username", "province", "district")
    autocomplete_fields = ("user", "organizations")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(Deadline)
class DeadlineAdmin(SimpleHistoryAdmin):
    list_display = ("user", "fiscal_year", "due_on")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("organization", "fiscal_year", "sent_by", "sent_at", "recipients")
    readonly_fields = list_display
