from django.urls import path

from . import signing_views, views

app_name = "reports"

urlpatterns = [
    path("", views.memo_list, name="memo_list"),
    path("inbox/", views.memo_inbox, name="memo_inbox"),
    path("chain/", views.chain_edit, name="chain_edit"),
    path("verify/", views.verify, name="verify"),
    path("signing/", signing_views.signing_keys, name="signing_keys"),
    path("signing/issue/", signing_views.signing_key_issue, name="signing_key_issue"),
    path("from-plan/<int:plan_pk>/", views.memo_from_plan, name="memo_from_plan"),
    path("from-round/<int:round_pk>/", views.memo_from_round, name="memo_from_round"),
    path("<int:pk>/", views.memo_detail, name="memo_detail"),
    path("<int:pk>/edit/", views.memo_edit, name="memo_edit"),
    path("<int:pk>/send/", views.memo_send, name="memo_send"),
    path("<int:pk>/decide/", views.memo_decide, name="memo_decide"),
    path("<int:pk>/withdraw/", signing_views.memo_withdraw, name="memo_withdraw"),
    path("<int:pk>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("documents/<int:pk>.pdf", views.document_download, name="document"),
    path(
        "plans/<int:plan_pk>/analysis.pdf",
        views.plan_analysis_pdf,
        name="plan_analysis_pdf",
    ),
    path("plans/<int:plan_pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:plan_pk>/plan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("rounds/<int:round_pk>/progress.pdf", views.progress_pdf, name="progress_pdf"),
    path(
        "rounds/<int:round_pk>/progress.xlsx", views.progress_xlsx, name="progress_xlsx"
    ),
]
