"""What of a plan's year the public sees now, what it will see next, and the
one step that gets it there.

Progress reaches the public page only through a reporting round: staff close
the round, its memo is approved by the executives, staff publish it. Until
then a division head's report is seen inside the portal only. The pages
where heads report and staff manage rounds say so, from this one function.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Plan, ReportingRound

Status = ReportingRound.Status


@dataclass(frozen=True)
class Publication:
    """A plan's public state, in the words the pages print."""

    plan: Plan
    public_url: str | None
    permalink: str | None
    public_round: ReportingRound | None
    pending_round: ReportingRound | None
    now: str
    next: str
    step: str
    step_url: str | None

    @property
    def is_public(self) -> bool:
        return self.public_url is not None


def _pending_round(plan: Plan, after: ReportingRound | None):
    """The plan's latest round not published yet (later than the public one)."""
    rounds = plan.rounds.exclude(status=Status.PUBLISHED).order_by("-ends_on")
    if after is not None:
        rounds = rounds.filter(ends_on__gte=after.ends_on)
    return rounds.first()


def round_name(round_: ReportingRound) -> str:
    """`รอบ 6 เดือน`: the period's name without its months."""
    return str(round_.get_period_display()).split(" (")[0]


def _round_step(round_: ReportingRound) -> tuple[str, str | None]:
    """The one step that takes a round closer to the public page."""
    url = round_.get_absolute_url()
    label = round_name(round_)
    if round_.status == Status.OPEN:
        return _("เจ้าหน้าที่ปิด{label} แล้วเสนอบันทึกข้อความรายงานผลต่อผู้บริหาร").format(
            label=label
        ), url
    if round_.status == Status.CLOSED:
        if round_.memos.filter(status="pending").exists():
            return _("รอผู้บริหารพิจารณาบันทึกข้อความรายงานผล{label}").format(label=label), url
        return _("เจ้าหน้าที่เสนอบันทึกข้อความรายงานผล{label}ต่อผู้บริหาร").format(
            label=label
        ), url
    return _("ผู้บริหารอนุมัติแล้ว เจ้าหน้าที่กดเผยแพร่ที่หน้า{label}").format(label=label), url


def plan_publication(plan: Plan) -> Publication:
    """What the public sees of `plan`'s year, and what publishes the rest."""
    published = plan.published_at is not None or plan.status == Plan.Status.PUBLISHED
    year_public = published or (
        plan.organization.plans.filter(
            fiscal_year=plan.fiscal_year,
            revision__lt=plan.revision,
            published_at__isnull=False,
        ).exists()
    )
    slug = plan.organization.slug
    public_url = (
        reverse("public:plan", args=[slug, plan.fiscal_year]) if year_public else None
    )
    permalink = (
        reverse("public:plan_revision", args=[slug, plan.fiscal_year, plan.revision])
        if published
        else None
    )
    public_round = ReportingRound.objects.public_for(plan) if year_public else None
    pending = _pending_round(plan, public_round)

    if not year_public:
        now = _("ประชาชนยังไม่เห็นแผนนี้และผลการดำเนินงาน เพราะแผนยังไม่ได้เผยแพร่")
        next_ = _("แผนและสถานะของมาตรการจะแสดงบนหน้าเว็บสาธารณะเมื่อเผยแพร่แผนแล้ว")
        if plan.status == Plan.Status.APPROVED:
            step = _("ผู้บริหารอนุมัติแผนแล้ว เจ้าหน้าที่กดเผยแพร่ที่หน้าแผน")
        elif plan.status == Plan.Status.SUBMITTED:
            step = _("รอผู้บริหารพิจารณาบันทึกข้อความเสนออนุมัติแผน")
        else:
            step = _("เจ้าหน้าที่เสนอแผนต่อผู้บริหารด้วยบันทึกข้อความเพื่ออนุมัติ แล้วจึงเผยแพร่")
        return Publication(
            plan, None, None, None, pending, now, next_, step, plan.get_absolute_url()
        )

    if public_round is None:
        now = _("ประชาชนเห็นแผนแล้ว แต่ยังไม่เห็นสถานะและผลการดำเนินงานของมาตรการ")
    else:
        now = _("ประชาชนเห็นสถานะและผลการดำเนินงานตาม{label}").format(
            label=round_name(public_round)
        )
    next_ = _(
        "สิ่งที่หัวหน้าส่วนราชการรายงานในระบบจะแสดงต่อสาธารณะเมื่อรอบรายงาน "
        "(6 เดือน หรือ 12 เดือน) ได้รับอนุมัติจากผู้บริหารและเผยแพร่แล้ว"
    )
    if pending is None:
        step = _("เจ้าหน้าที่เปิดรอบรายงานที่หน้าความก้าวหน้าของแผน")
        step_url = reverse("measures:plan_progress", args=[plan.pk])
    else:
        step, step_url = _round_step(pending)
    return Publication(
        plan, public_url, permalink, public_round, pending, now, next_, step, step_url
    )
