"""งานของฉัน: what waits for the member, by role, and how many.

- An executive: the memos waiting for their decision, oldest first (in every
  organisation, as the inbox has them).
- A division head: the measures of their divisions that still need a report
  in an open round, overdue first.
- Staff (and org admins): plans and memos to finish, memos returned with the
  reason, rounds whose end has passed and that wait to be closed.

Each costs a fixed number of queries however many rows there are; the count
for the navigation badge costs no more than the list.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import Plan, ReportingRound
from measures.selectors import worklist, worklist_order
from organizations.models import Membership
from reports.models import Memo, MemoDecision

Role = Membership.Role
EDITABLE = [Memo.Status.DRAFT, Memo.Status.RETURNED]


@dataclass
class Task:
    kind: str  # "decide", "report", "plan", "memo", "returned", "close"
    title: str
    url: str
    note: str = ""
    date: datetime.date | None = None
    overdue: bool = False


def _decide(user) -> list[Task]:
    memos = (
        Memo.objects.awaiting(user)
        .select_related("organization")
        .order_by("sent_at", "pk")
    )
    return [
        Task(
            kind="decide",
            title=memo.subject,
            url=memo.get_absolute_url(),
            note=memo.organization.name,
            date=timezone.localdate(memo.sent_at) if memo.sent_at else None,
        )
        for memo in memos
    ]


def _open_rounds(organization) -> dict[int, ReportingRound]:
    """The open rounds of the plans reported on, by fiscal year."""
    rounds = ReportingRound.objects.filter(
        plan__organization=organization,
        plan__in=Plan.objects.reporting(),
        status=ReportingRound.Status.OPEN,
    ).select_related("plan")
    found = {}
    for round_ in rounds.order_by("ends_on"):
        found.setdefault(round_.plan.fiscal_year, round_)
    return found


def _report(membership, today) -> list[Task]:
    """The head's measures needing a report in the open round: not done, and
    no update since the round was opened."""
    rounds = _open_rounds(membership.organization)
    if not rounds:
        return []
    rows = []
    for row in worklist(membership, today):
        round_ = rounds.get(row.measure.plan.fiscal_year)
        if round_ is None or row.is_done:
            continue
        if row.update is not None and row.update.created_at >= round_.created_at:
            continue
        rows.append(row)
    rows.sort(key=worklist_order)
    return [
        Task(
            kind="report",
            title=row.measure.title,
            url=reverse(
                "measures:measure_progress", args=[row.measure.plan_id, row.measure.pk]
            ),
            note=row.status_label,
            date=row.end,
            overdue=row.overdue,
        )
        for row in rows
    ]


def _staff(organization, today) -> list[Task]:
    tasks = []
    memos = (
        organization.memos.filter(status__in=EDITABLE)
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=MemoDecision.objects.filter(approve=False).order_by(
                    "-submission", "-step"
                ),
            )
        )
        .order_by("updated_at", "pk")
    )
    for memo in memos:
        returned = memo.status == Memo.Status.RETURNED
        no = next(iter(memo.decisions.all()), None) if returned else None
        tasks.append(
            Task(
                kind="returned" if returned else "memo",
                title=memo.subject,
                url=memo.get_absolute_url(),
                note=_("{name} ส่งกลับแก้ไข: {reason}").format(
                    name=no.name, reason=no.comment
                )
                if no
                else _("ร่างบันทึกข้อความ ยังไม่ได้ส่ง"),
                date=timezone.localdate(memo.updated_at),
            )
        )
    # A draft plan whose memo is open is the memo's task already.
    plans = (
        organization.plans.filter(is_current=True, status=Plan.Status.DRAFT)
        .exclude(memos__status__in=EDITABLE)
        .order_by("fiscal_year")
    )
    for plan in plans:
        tasks.append(
            Task(
                kind="plan",
                title=plan.title,
                url=plan.get_absolute_url(),
                note=_("ร่างแผน ยังไม่ได้เสนอผู้บริหาร"),
                date=timezone.localdate(plan.updated_at),
            )
        )
    rounds = ReportingRound.objects.filter(
        plan__organization=organization,
        status=ReportingRound.Status.OPEN,
        ends_on__lt=today,
    ).select_related("plan")
    for round_ in rounds.order_by("ends_on"):
        tasks.append(
            Task(
                kind="close",
                title=_("ปิด{label} ปีงบประมาณ {year}").format(
                    label=str(round_.get_period_display()).split(" (")[0],
                    year=round_.plan.fiscal_year,
                ),
                url=round_.get_absolute_url(),
                note=_("รอบนี้สิ้นสุดแล้ว ปิดรอบเพื่อทำรายงานเสนอผู้บริหาร"),
                date=round_.ends_on,
                overdue=True,
            )
        )
    return tasks


def my_tasks(membership: Membership | None, user, today=None) -> list[Task]:
    """The member's tasks, as the home page lists them."""
    if membership is None:
        return []
    today = today or timezone.localdate()
    if membership.role == Role.EXECUTIVE:
        return _decide(user)
    if membership.role == Role.DIVISION_HEAD:
        return _report(membership, today)
    return _staff(membership.organization, today)


def tasks_for(request) -> list[Task]:
    """The tasks of the request's member, read once per request (the home
    page lists them, the navigation counts them)."""
    if not hasattr(request, "_my_tasks"):
        request._my_tasks = my_tasks(
            getattr(request, "membership", None) or None, request.user
        )
    return request._my_tasks


def task_count(request) -> int:
    """How many tasks the navigation badge shows."""
    if hasattr(request, "_my_tasks"):
        return len(request._my_tasks)
    membership = getattr(request, "membership", None) or None
    if membership is None:
        return 0
    if membership.role == Role.EXECUTIVE:
        return Memo.objects.awaiting(request.user).count()
    return len(tasks_for(request))
