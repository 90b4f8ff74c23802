from django.urls import path

from . import setup_views, views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_detail, name="detail"),
    path("edit/", views.organization_edit, name="edit"),
    path("switch/", views.switch_organization, name="switch"),
    path("divisions/", views.division_list, name="division_list"),
    path("divisions/add/", views.division_add, name="division_add"),
    path("divisions/<int:pk>/edit/", views.division_edit, name="division_edit"),
    path("divisions/<int:pk>/delete/", views.division_delete, name="division_delete"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("setup/<slug:slug>/", setup_views.setup, name="setup"),
    path("setup/<slug:slug>/details/", setup_views.setup_details, name="setup_details"),
    path(
        "setup/<slug:slug>/divisions/",
        setup_views.setup_divisions,
        name="setup_divisions",
    ),
    path("setup/<slug:slug>/members/", setup_views.setup_members, name="setup_members"),
    path(
        "setup/<slug:slug>/members/template.xlsx",
        setup_views.setup_members_template,
        name="setup_members_template",
    ),
    path(
        "setup/<slug:slug>/invitations/",
        setup_views.setup_invitations,
        name="setup_invitations",
    ),
]
