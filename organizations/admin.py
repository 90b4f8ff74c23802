from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin

from .models import Division, Membership, Organization, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_superuser"]


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "province", "district", "slug"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "slug", "province"]
    prepopulated_fields = {}
    inlines = [DivisionInline]

    def response_add(self, request, obj, post_url_continue=None):
        """A new organisation goes on to its guided setup (setup_views.py)."""
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return redirect("organizations:setup", slug=obj.slug)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "position"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__first_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    filter_horizontal = ["divisions"]
