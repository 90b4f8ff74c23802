"""The navigation's link to the overview, for a user who oversees offices
and belongs to none (base.html asks only then, so a member's pages run no
extra query)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from organizations.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def oversight_nav(context):
    user = context.get("user")
    if user is None or not can(user, "oversight.view_overview", None):
        return ""
    return format_html(
        '<li class="nav-item"><a class="nav-link" href="{}" data-testid="nav-oversight">{}</a></li>',
        reverse("oversight:overview"),
        _("กำกับดูแล"),
    )
