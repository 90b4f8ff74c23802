"""The deployment's Garuda for memos, in the admin: a superuser uploads it
once for every organisation (reports.models.Letterhead, one row)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(SimpleHistoryAdmin):
    fields = ["garuda", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        # One row for the whole deployment.
        return self.has_module_permission(request) and not Letterhead.objects.exists()

    def has_delete_permission(self, request, obj=None):
        # Deleting it prints the project's drawing again.
        return self.has_module_permission(request)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
