from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was sent to whom and when; written only by the portal."""

    list_display = ["created_at", "kind", "to", "subject", "status", "sent_at"]
    list_filter = ["kind", "status", "day"]
    search_fields = ["to", "subject", "user__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["user", "email", "updated_at"]
    list_filter = ["email"]
    search_fields = ["user__username", "user__email"]
