"""What plans, reporting rounds and memos share when approved
(ita_portal/approvals.py): who approved and when, refused from the wrong
state, and the same record for a memo as for what it proposes."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from ita_portal import approvals
from measures import services
from measures.models import Plan
from reports import services as memos
from reports.models import Memo

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(org, people):
    return memos.approval_chain_set(
        organization=org,
        memberships=[people.mayor.memberships.get(organization=org)],
        by=people.admin,
    )


def test_the_final_vote_approves_memo_and_plan_by_the_same_person_at_the_same_time(
    plan, people, chain, media
):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memo.addressee = "นายกเทศมนตรี"
    memo.save()
    memos.memo_send(memo=memo, by=people.staff)
    decision = memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    memo.refresh_from_db()
    plan.refresh_from_db()
    assert (memo.status, plan.status) == ("approved", "approved")
    assert memo.approved_by == plan.approved_by == people.mayor
    assert memo.approved_at == plan.approved_at == decision.decided_at
    assert memo.history.first().history_user == people.mayor


def test_approving_from_the_wrong_state_is_refused_in_thai(plan, people):
    with pytest.raises(ValidationError) as error:
        approvals.approve(
            plan,
            by=people.mayor,
            after=[Plan.Status.SUBMITTED],
            refusal="ทำรายการนี้ไม่ได้ เพราะแผนอยู่ในสถานะ “{status}”",
            reason="อนุมัติ",
        )
    assert error.value.messages == ["ทำรายการนี้ไม่ได้ เพราะแผนอยู่ในสถานะ “ร่าง”"]
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == ("draft", None)


def test_publishing_needs_an_approval_first(plan, people):
    services.plan_submit(plan=plan, by=people.staff)
    with pytest.raises(ValidationError, match="เสนอพิจารณา"):
        services.plan_publish(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    plan = services.plan_publish(plan=plan, by=people.staff)
    assert plan.status == "published" and plan.published_at is not None
    assert plan.history.first().history_change_reason == "เผยแพร่"


def test_memos_approved_before_the_field_existed_get_their_approver(
    plan, people, chain, media
):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memo.addressee = "นายกเทศมนตรี"
    memo.save()
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True)
    Memo.objects.filter(pk=memo.pk).update(approved_by=None)
    migration = importlib.import_module("reports.migrations.0003_memo_approved_by")
    migration.approver_from_decisions(apps, None)
    memo.refresh_from_db()
    assert memo.approved_by == people.mayor
