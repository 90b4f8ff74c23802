from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from desk import views as desk_views
from organizations import views as organization_views

from . import views

urlpatterns = [
    path("", desk_views.home, name="home"),
    path("desk/", include("desk.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # An invitation's link (organizations/services.py, invitation_send): the
    # person sets their own password; Django's password-reset token.
    path(
        "accounts/welcome/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/welcome/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("organization/", include("organizations.urls")),
    path("assessments/", include("assessments.urls")),
    path("plans/", include("measures.urls")),
    path("memos/", include("reports.urls")),
    path("public/", include("public.urls")),
    path("oversight/", include("oversight.urls")),
    path(
        "o/<slug:slug>/emblem/",
        organization_views.organization_emblem,
        name="organization_emblem",
    ),
    path("admin/", admin.site.urls),
]
