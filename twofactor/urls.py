from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("resume/", views.resume, name="resume"),
    path("recovery-codes/", views.recovery_renew, name="recovery_renew"),
    path("members/<int:pk>/reset/", views.member_reset, name="member_reset"),
]
