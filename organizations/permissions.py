"""Who may do what: the one place the portal's permission rules live.

Every object the rules see answers `.organization`. A rule is a `rules`
predicate over (user, object); permissions are registered under Django's usual
names (`<app>.<action>_<model>`) so that `user.has_perm(...)` and the
`{% has_perm %}` template tag answer the same as `can()`. Views never test
roles themselves: they call `can()` or an access helper below.

Roles (DESIGN.md): staff enter scores and draft plans and memos; division
heads report progress for their own divisions; executives decide memos; org
admins manage divisions and members and may also do staff work, since in a
small office the same person often does both. Overseers of many offices hold
no membership; their rules are registered by oversight/permissions.py and
answered by `can` and `require` here too.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership

Role = Membership.Role


def membership_of(user, organization) -> Membership | None:
    """The user's membership in `organization`, cached on the user per request."""
    if user is None or not user.is_authenticated or organization is None:
        return None
    cache = user.__dict__.setdefault("_membership_cache", {})
    if organization.pk not in cache:
        cache[organization.pk] = (
            Membership.objects.filter(user=user, organization=organization)
            .prefetch_related("divisions")
            .first()
        )
    return cache[organization.pk]


def _organization_of(obj):
    return getattr(obj, "organization", None)


def has_role(*roles):
    """A predicate: the user holds one of `roles` in the object's organisation."""

    @rules.predicate(name="has_role({})".format(",".join(roles)))
    def predicate(user, obj):
        membership = membership_of(user, _organization_of(obj))
        return membership is not None and membership.role in roles

    return predicate


is_member = has_role(*Role.values)
is_staff = has_role(Role.STAFF, Role.ORG_ADMIN)
is_division_head = has_role(Role.DIVISION_HEAD)
is_executive = has_role(Role.EXECUTIVE)
is_org_admin = has_role(Role.ORG_ADMIN)


@rules.predicate
def heads_a_division_of(user, obj):
    """The user heads one of the divisions responsible for `obj`.

    `obj` lists them as `responsible_divisions()` (a measure) or is a Division.
    """
    membership = membership_of(user, _organization_of(obj))
    if membership is None or membership.role != Role.DIVISION_HEAD:
        return False
    headed = {division.pk for division in membership.divisions.all()}
    if hasattr(obj, "responsible_divisions"):
        return any(d.pk in headed for d in obj.responsible_divisions())
    return getattr(obj, "pk", None) in headed


# Organisations, divisions and members.
rules.add_perm("organizations.view_organization", is_member)
rules.add_perm("organizations.change_organization", is_org_admin)
rules.add_perm("organizations.manage_organization", is_org_admin)
rules.add_perm("organizations.view_division", is_member)
rules.add_perm("organizations.change_division", is_org_admin)
rules.add_perm("organizations.delete_division", is_org_admin)
rules.add_perm("organizations.change_membership", is_org_admin)
rules.add_perm("organizations.delete_membership", is_org_admin)
# The guided setup of an office (setup_views.py): its org admin, or the
# superuser who created it and has no membership yet (the one place a
# superuser has standing in the portal's pages).
rules.add_perm("organizations.setup_organization", is_org_admin | rules.is_superuser)

# ITA scores. `add_assessment` is asked of the organisation.
rules.add_perm("assessments.add_assessment", is_staff)
rules.add_perm("assessments.view_assessment", is_member)
rules.add_perm("assessments.change_assessment", is_staff)


@rules.predicate
def is_draft(user, obj):
    """A plan, or the plan of a measure, is still a draft."""
    plan = getattr(obj, "plan", obj)
    return getattr(plan, "status", None) == "draft"


@rules.predicate
def is_own_template(user, obj):
    """A template of the user's organisation, not one of the shared library."""
    return getattr(obj, "organization_id", None) is not None


@rules.predicate
def is_approved(user, obj):
    """An approved plan or reporting round, not yet published."""
    return getattr(obj, "status", None) == "approved"


@rules.predicate
def is_current_in_force(user, obj):
    """The current revision of a plan, approved (published or not)."""
    return getattr(obj, "is_current", False) and getattr(obj, "is_in_force", False)


# Measures plans. `add_plan` is asked of the organisation. A plan's status
# changes through measures/services/workflow.py; these say who may ask for each.
rules.add_perm("measures.add_plan", is_staff)
rules.add_perm("measures.view_plan", is_member)
rules.add_perm("measures.change_plan", is_staff & is_draft)
rules.add_perm("measures.delete_plan", is_staff & is_draft)
rules.add_perm("measures.publish_plan", is_staff & is_approved)
rules.add_perm("measures.revise_plan", is_staff & is_current_in_force)
rules.add_perm("measures.view_measure", is_member)
rules.add_perm("measures.view_analysisparagraph", is_member)
rules.add_perm("measures.change_measure", is_staff & is_draft)
rules.add_perm("measures.delete_measure", is_staff & is_draft)
rules.add_perm("measures.add_measuretemplate", is_staff)
rules.add_perm("measures.view_measuretemplate", is_member)
rules.add_perm("measures.change_measuretemplate", is_staff & is_own_template)
rules.add_perm("measures.delete_measuretemplate", is_staff & is_own_template)


@rules.predicate
def memo_is_editable(user, obj):
    return getattr(obj, "is_editable", False)


@rules.predicate
def decides_now(user, obj):
    """The memo waits for this user's decision."""
    return obj.step_of(user) is not None


# Memos. `add_memo` and `change_approvalstep` are asked of the organisation.
rules.add_perm("reports.add_memo", is_staff)
rules.add_perm("reports.view_memo", is_member)
rules.add_perm("reports.change_memo", is_staff & memo_is_editable)
rules.add_perm("reports.decide_memo", is_executive & decides_now)
rules.add_perm("reports.change_approvalstep", is_staff)
rules.add_perm("reports.view_approveddocument", is_member)


@rules.predicate
def is_in_force(user, obj):
    """A plan, or the plan of a measure, is approved (published or not)."""
    plan = getattr(obj, "plan", obj)
    return getattr(plan, "is_in_force", False)


@rules.predicate
def is_open(user, obj):
    """A reporting round still gathering updates."""
    return getattr(obj, "status", None) == "open"


# Progress (O43). Every member reads progress; a measure's own division heads
# and staff report on it ("report" is asked of the measure); staff run the
# reporting rounds (`add_reportinground` is asked of the plan). A round is
# approved through its memo (reports), not here.
rules.add_perm(
    "measures.report_measure", (is_staff | heads_a_division_of) & is_in_force
)
rules.add_perm("measures.view_progressupdate", is_member)
rules.add_perm("measures.view_evidence", is_member)
rules.add_perm("measures.view_reportinground", is_member)
rules.add_perm("measures.add_reportinground", is_staff & is_in_force)
rules.add_perm("measures.close_reportinground", is_staff & is_open)
rules.add_perm("measures.publish_reportinground", is_staff & is_approved)


def can(user, action: str, obj) -> bool:
    """Whether `user` may do `action` ("view", "change", "approve" …) on `obj`.

    The permission checked is `<app_label>.<action>_<model_name>` of `obj`.
    A superuser has no special standing here: the portal's pages follow
    memberships, and superusers work in Django admin.
    """
    if "." in action:  # a full permission name, e.g. "assessments.add_assessment"
        return rules.has_perm(action, user, obj)
    meta = obj._meta
    return rules.has_perm(f"{meta.app_label}.{action}_{meta.model_name}", user, obj)


def require(user, action: str, obj):
    """Raise PermissionDenied (403) unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied
    return obj


def get_for_user(user, queryset, action: str = "view", **lookup):
    """Fetch one object for `user`: 404 outside the user's organisations,
    403 when the user is a member but their role may not do `action`.
    """
    obj = get_object_or_404(queryset, **lookup)
    if not can(user, "view", obj):
        # Don't reveal that it exists to someone outside the organisation.
        raise Http404
    return require(user, action, obj)


@rules.predicate
def memo_stands_approved(user, obj):
    """An approved memo not yet withdrawn."""
    return getattr(obj, "status", None) == "approved" and not hasattr(obj, "withdrawal")


# Signing keys are the org admin's (asked of the organisation); so is the
# withdrawal of an approved memo.
rules.add_perm("reports.manage_signingkey", is_org_admin)
rules.add_perm("reports.withdraw_memo", is_org_admin & memo_stands_approved)
