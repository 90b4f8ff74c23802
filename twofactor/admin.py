from django.contrib import admin

from .models import SecondFactorEvent


@admin.register(SecondFactorEvent)
class SecondFactorEventAdmin(admin.ModelAdmin):
    """Read only: the events are a record, written by the services alone."""

    list_display = ["at", "user", "kind", "by", "organization"]
    list_filter = ["kind"]
    search_fields = ["user__username", "by__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
