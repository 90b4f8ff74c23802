"""A memo's way through the executives: draft → pending → (returned →
pending …) → approved. The one place these rules live; views, seed_demo and
tests call these functions.

Sending snapshots the organisation's approval chain onto the memo, so a
change of chain later does not move a memo already on its way. Each step is
one person's decision; a “no” returns the memo (and its plan) to the author
with the reason, and the decisions of that submission stay in the history.
The final “yes” approves the plan and freezes the approved PDFs.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ita_portal import approvals, thai
from ita_portal.approvals import save_with_reason
from measures import services as measures
from measures.models import Plan, ReportingRound

from . import drafting, jobs
from .models import ApprovalStep, Memo, MemoDecision

log = logging.getLogger(__name__)


_save = save_with_reason
NOT_PENDING = gettext_lazy("ทำรายการนี้ไม่ได้ เพราะบันทึกอยู่ในสถานะ “{status}”")


def _locked(memo: Memo) -> Memo:
    return (
        Memo.objects.select_for_update().select_related("organization").get(pk=memo.pk)
    )


def _require_editable(memo: Memo) -> None:
    if not memo.is_editable:
        raise ValidationError(
            _("บันทึกนี้อยู่ในสถานะ “{status}” แก้ไขไม่ได้").format(
                status=memo.get_status_display()
            ),
            code="not_editable",
        )


# --- the approval chain -----------------------------------------------------


@transaction.atomic
def approval_chain_set(*, organization, memberships, by) -> list[ApprovalStep]:
    """Replace the organisation's chain with `memberships`, in order."""
    memberships = list(memberships)
    if any(m.organization_id != organization.pk for m in memberships):
        raise ValidationError(_("ผู้พิจารณาต้องเป็นสมาชิกของหน่วยงาน"))
    if any(m.role != m.Role.EXECUTIVE for m in memberships):
        raise ValidationError(_("ผู้พิจารณาต้องมีบทบาทผู้บริหาร"))
    if len({m.pk for m in memberships}) != len(memberships):
        raise ValidationError(_("ผู้พิจารณาคนเดียวกันอยู่ในลำดับการเสนอได้ครั้งเดียว"))
    for step in organization.approval_steps.all():
        step._history_user = by
        step.delete()
    steps = []
    for order, membership in enumerate(memberships, start=1):
        step = ApprovalStep(
            organization=organization, order=order, membership=membership
        )
        step._history_user = by
        step.save()
        steps.append(step)
    return steps


def _chain_snapshot(organization) -> list[dict]:
    steps = organization.approval_steps.select_related("membership__user")
    return [
        {
            "user": step.membership.user_id,
            "name": step.membership.user.get_full_name()
            or step.membership.user.get_username(),
            "position": step.membership.position,
        }
        for step in steps
    ]


# --- drafting and editing ---------------------------------------------------


@transaction.atomic
def memo_draft_for_plan(*, plan: Plan, by) -> Memo:
    """The plan's memo: the one on its way or being revised, else a new draft."""
    return _open_or_draft(
        plan.memos,
        allowed=plan.status == Plan.Status.DRAFT,
        refusal=_("เสนอบันทึกได้เฉพาะแผนที่ยังเป็นร่าง"),
        draft=lambda: drafting.plan_memo(plan, by=by),
        by=by,
        reason=_("ร่างบันทึกจากแผน"),
    )


@transaction.atomic
def memo_draft_for_round(*, round_: ReportingRound, by) -> Memo:
    """The progress report's memo: the open one, else a new draft."""
    return _open_or_draft(
        round_.memos,
        allowed=round_.status == ReportingRound.Status.CLOSED,
        refusal=_("เสนอรายงานได้เมื่อปิดรอบรายงานแล้วและยังไม่อนุมัติ"),
        draft=lambda: drafting.progress_memo(round_, by=by),
        by=by,
        reason=_("ร่างบันทึกจากรอบรายงาน"),
    )


def _open_or_draft(memos, *, allowed: bool, refusal, draft, by, reason) -> Memo:
    open_memo = memos.exclude(status=Memo.Status.APPROVED).first()
    if open_memo is not None:
        return open_memo
    if not allowed:
        raise ValidationError(refusal)
    memo = Memo(**draft())
    memo.full_clean()
    return _save(memo, by=by, reason=reason)


@transaction.atomic
def memo_save(*, memo: Memo, by) -> Memo:
    """Save the author's edits of a draft or returned memo."""
    current = _locked(memo)
    _require_editable(current)
    memo.full_clean()
    return _save(memo, by=by)


def _fiscal_year(memo: Memo) -> int:
    return thai.fiscal_year(memo.date)


def _next_number(memo: Memo) -> int:
    start, end = thai.fiscal_year_bounds(_fiscal_year(memo))
    last = Memo.objects.filter(
        organization=memo.organization, date__range=(start, end)
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


# --- sending and deciding ---------------------------------------------------


def _notify(user_id: int, memo: Memo, subject: str, body: str) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return
    url = settings.PORTAL_URL + memo.get_absolute_url()
    # A mail server that is down must not undo a decision already recorded.
    transaction.on_commit(
        lambda: _send(subject, f"{body}\n\n{memo.subject}\n{url}", user.email)
    )


def _send(subject, body, address):
    try:
        send_mail(subject, body, None, [address])
    except OSError:
        log.exception("could not e-mail %s", address)


@transaction.atomic
def memo_send(*, memo: Memo, by) -> Memo:
    """Send the memo to the first person of the chain (and its plan to
    “submitted”)."""
    memo = _locked(memo)
    _require_editable(memo)
    if not memo.addressee.strip():
        raise ValidationError({"addressee": _("กรุณาระบุว่าเรียนผู้ใด")}, code="no_addressee")
    chain = _chain_snapshot(memo.organization)
    if not chain:
        raise ValidationError(
            _("หน่วยงานยังไม่ได้กำหนดลำดับการเสนอ กรุณากำหนดผู้พิจารณาก่อนส่ง"),
            code="no_chain",
        )
    if memo.plan_id and memo.plan.status == Plan.Status.DRAFT:
        measures.plan_submit(plan=memo.plan, by=by)
    if not memo.reference and memo.number is None:
        memo.number = _next_number(memo)
    memo.chain = chain
    memo.current_step = 0
    memo.current_approver_id = chain[0]["user"]
    memo.submission += 1
    memo.status = Memo.Status.PENDING
    memo.sent_at = timezone.now()
    _save(memo, by=by, reason=_("ส่งเสนอครั้งที่ {n}").format(n=memo.submission))
    _notify(
        chain[0]["user"],
        memo,
        _("[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา"),
        _("มีบันทึกข้อความรอท่านพิจารณา"),
    )
    return memo


@transaction.atomic
def memo_decide(*, memo: Memo, by, approve: bool, comment: str = "") -> MemoDecision:
    """Record `by`'s decision at the memo's current step: a "no" returns the
    memo, a "yes" passes it to the next person or, at the last step,
    approves it."""
    memo = _locked(memo)
    step = memo.step_of(by)
    if step is None:
        raise PermissionDenied(_("บันทึกนี้ไม่ได้อยู่ในขั้นที่ท่านต้องพิจารณา"))
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(
            {"comment": _("กรุณาระบุเหตุผลที่ไม่เห็นชอบ")}, code="reason_required"
        )
    decision = _record_decision(memo, step, by=by, approve=approve, comment=comment)
    if not approve:
        _return_to_author(memo, decision, by=by)
    elif not decision.final:
        _pass_on(memo, decision, by=by)
    else:
        _approve(memo, decision, by=by)
    return decision


def _record_decision(memo: Memo, step: dict, *, by, approve, comment) -> MemoDecision:
    """The decision as cast, with the name and position the chain showed."""
    return MemoDecision.objects.create(
        memo=memo,
        submission=memo.submission,
        step=memo.current_step,
        final=memo.is_final_step(memo.current_step),
        user=by,
        name=step["name"],
        position=step["position"],
        approve=approve,
        comment=comment,
    )


def _return_to_author(memo: Memo, decision: MemoDecision, *, by) -> None:
    """A "no": the memo, and its plan, go back to the author with the reason."""
    memo.status = Memo.Status.RETURNED
    memo.current_approver = None
    _save(memo, by=by, reason=f"{decision.label}: {decision.comment}")
    if memo.plan_id and memo.plan.status == Plan.Status.SUBMITTED:
        measures.plan_return(plan=memo.plan, by=by, reason=decision.comment)
    if memo.author_id:
        _notify(
            memo.author_id,
            memo,
            _("[ระบบ ITA] บันทึกข้อความถูกส่งกลับแก้ไข"),
            _("{name} ส่งบันทึกกลับแก้ไข เหตุผล: {reason}").format(
                name=decision.name, reason=decision.comment
            ),
        )


def _pass_on(memo: Memo, decision: MemoDecision, *, by) -> None:
    """A "yes" before the last step: the next person of the chain decides."""
    memo.current_step = decision.step + 1
    memo.current_approver_id = memo.chain[memo.current_step]["user"]
    _save(memo, by=by, reason=decision.label)
    _notify(
        memo.current_approver_id,
        memo,
        _("[ระบบ ITA] บันทึกข้อความรอท่านพิจารณา"),
        _("มีบันทึกข้อความรอท่านพิจารณา"),
    )


def _approve(memo: Memo, decision: MemoDecision, *, by) -> None:
    """The last "yes": the memo and what it proposes (the plan, or the
    round's report) are approved at the moment of the vote, and the approved
    PDFs are frozen."""
    memo.current_approver = None
    approvals.approve(
        memo,
        by=by,
        at=decision.decided_at,
        after=[Memo.Status.PENDING],
        refusal=NOT_PENDING,
        reason=decision.label,
    )
    if memo.plan_id:
        measures.plan_approve(plan=memo.plan, by=by, at=decision.decided_at)
    if memo.round_id:
        measures.round_approve(round_=memo.round, by=by, at=decision.decided_at)
    jobs.freeze_approved(memo)
    if memo.author_id:
        _notify(
            memo.author_id,
            memo,
            _("[ระบบ ITA] บันทึกข้อความได้รับอนุมัติแล้ว"),
            _("{name} อนุมัติบันทึกข้อความแล้ว").format(name=decision.name),
        )
