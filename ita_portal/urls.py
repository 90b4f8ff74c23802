from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from desk import views as desk_views
from organizations import views as organization_views
from reports import verification_views

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
    # Forgotten password: a link by e-mail (Django's own views); the link
    # opens the same page as an invitation's.
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
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
    path("accounts/notifications/", include("notifications.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/two-factor/", include("twofactor.urls")),
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
    # An approved document's public permalink, printed with its QR code on
    # every page (reports/verification.py): no login.
    path(
        "verify/<str:code>/",
        verification_views.verify_document,
        name="verify_document",
    ),
    path(
        "verify/<str:code>/original.pdf",
        verification_views.verify_download,
        name="verify_download",
    ),
    path("admin/", admin.site.urls),
]
