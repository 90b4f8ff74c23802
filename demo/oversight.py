"""The overseer of จังหวัดอุบลราชธานี and the province's further demo
offices (demo/data/oversight.json), each taken through the portal's services
as far as its `state` says, so that the overview shows every status of the
year. Idempotent: an office whose plan of the year exists is left as it is."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from assessments.models import Assessment
from assessments.services import assessment_create, assessment_set_scores
from measures import services as plans
from measures.models import Plan, ProgressStatus, ReportingRound
from organizations.models import Division, Membership, Organization
from oversight import services as oversight
from oversight.models import Deadline, Grant
from reports import services as memos
from reports.models import Memo

from . import files
from .organizations import DemoPerson, _get_or_create, _membership, _person, _user

BANGKOK = ZoneInfo("Asia/Bangkok")
DIVISIONS = ("สำนักปลัด", "กองคลัง", "กองช่าง")
Role = Membership.Role


def data() -> dict:
    return files.read("oversight")


def _at(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(10, 0), BANGKOK)


def _people(organization, spec) -> dict:
    titles = {
        "staff": ("นางสาวเจ้าหน้าที่", Role.STAFF, "นักวิเคราะห์นโยบายและแผน"),
        "head": ("นางหัวหน้า", Role.DIVISION_HEAD, "ผู้อำนวยการกองคลัง"),
        "palad": ("นายปลัด", Role.EXECUTIVE, f"ปลัด{spec['name']}"),
        "mayor": ("นายผู้บริหาร", Role.EXECUTIVE, f"นายก{spec['name']}"),
        "admin": ("นายผู้ดูแล", Role.ORG_ADMIN, "ผู้ดูแลระบบของหน่วยงาน"),
    }
    people = {}
    for key, (first_name, role, position) in titles.items():
        person = DemoPerson(
            username=f"{spec['slug']}-{key}",
            first_name=first_name,
            last_name=f"{spec['slug']} (ตัวอย่าง)",
            role=role,
            position=position,
            divisions=("กองคลัง",) if role == Role.DIVISION_HEAD else (),
        )
        people[key] = _membership(_person(person), organization, person)
    return people


def _assessment(organization, year: int, scores: list) -> Assessment:
    found = Assessment.objects.filter(
        organization=organization, framework__fiscal_year=year
    ).first()
    if found is not None:
        return found
    assessment = assessment_create(organization=organization, fiscal_year=year, by=None)
    indicators = {n: Decimal(str(v)) for n, v in enumerate(scores, start=1)}
    return assessment_set_scores(assessment=assessment, by=None, indicators=indicators)


def _office(spec: dict, fiscal_year: int, province: str) -> Organization:
    organization = _get_or_create(
        Organization,
        {"slug": spec["slug"]},
        {
            "name": spec["name"],
            "kind": spec["kind"],
            "district": spec["district"],
            "province": province,
        },
    )
    for name in DIVISIONS:
        Division.objects.get_or_create(organization=organization, name=name)
    people = _people(organization, spec)
    if not organization.approval_steps.exists():
        memos.approval_chain_set(
            organization=organization,
            memberships=[people["palad"], people["mayor"]],
            by=people["staff"].user,
        )
    assessments = {
        int(year): _assessment(organization, int(year), scores)
        for year, scores in spec["scores"].items()
    }
    state = spec["state"]
    if (
        state == "none"
        or Plan.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exists()
    ):
        return organization
    staff, palad, mayor = (people[k].user for k in ("staff", "palad", "mayor"))
    plan = plans.plan_generate(
        assessment=assessments[fiscal_year - 1], fiscal_year=fiscal_year, by=staff
    )
    if state == "draft":
        return organization
    if state in ("with_palad", "with_mayor"):
        memo = memos.memo_draft_for_plan(plan=plan, by=staff)
        memo = memos.memo_send(memo=memo, by=staff)
        Memo.objects.filter(pk=memo.pk).update(sent_at=_at(spec["sent_on"]))
        Plan.objects.filter(pk=plan.pk).update(submitted_at=_at(spec["sent_on"]))
        if state == "with_mayor":
            memos.memo_decide(memo=memo, by=palad, approve=True)
        return organization
    approved_at = _at(spec["approved_on"])
    plan = plans.plan_submit(plan=plan, by=staff)
    Plan.objects.filter(pk=plan.pk).update(submitted_at=approved_at)
    plan = plans.plan_approve(plan=plan, by=mayor, at=approved_at)
    if state == "approved":
        return organization
    plan = plans.plan_publish(plan=plan, by=staff, at=_at(spec["published_on"]))
    if state == "reported":
        _report_half_year(plan, staff, mayor, _at(spec["round_published_on"]))
    return organization


def _report_half_year(plan, staff, mayor, published_at) -> None:
    """Every other measure done, the rest in progress, by the end of March;
    the 6-month round closed, approved and published."""
    round_end = ReportingRound.period_bounds(plan.fiscal_year, "half")[1]
    for index, measure in enumerate(plan.measures.order_by("order", "pk")):
        done = index % 2 == 0
        plans.progress_update_create(
            measure=measure,
            by=staff,
            status=ProgressStatus.DONE if done else ProgressStatus.IN_PROGRESS,
            reported_on=round_end - timedelta(days=10),
            result="ดำเนินการครบทุกขั้นตอนแล้ว"
            if done
            else "อยู่ระหว่างดำเนินการ คาดว่าจะแล้วเสร็จตามกำหนด",
        )
    round_ = plans.round_open(plan=plan, period="half", by=staff)
    round_ = plans.round_close(round_=round_, by=staff, today=round_end + timedelta(1))
    round_ = plans.round_approve(round_=round_, by=mayor, at=published_at)
    plans.round_publish(round_=round_, by=staff, at=published_at)


@transaction.atomic
def seed(stdout=None) -> None:
    spec = data()
    fiscal_year, overseer = spec["fiscal_year"], spec["overseer"]
    for office in spec["organizations"]:
        _office(office, fiscal_year, overseer["province"])
    user = _user(
        overseer["username"],
        first_name=overseer["first_name"],
        last_name=overseer["last_name"],
        email=f"{overseer['username']}@demo.ita.local",
    )
    if not Grant.objects.filter(user=user, province=overseer["province"]).exists():
        oversight.grant_create(
            user=user,
            scope=Grant.Scope.PROVINCE,
            province=overseer["province"],
            by=None,
        )
    if not Deadline.objects.filter(user=user, fiscal_year=fiscal_year).exists():
        oversight.deadline_set(
            user=user,
            fiscal_year=fiscal_year,
            due_on=date.fromisoformat(overseer["deadline"]),
            by=user,
        )
    if stdout is not None:
        stdout.write(
            "หน่วยงานในการกำกับดูแลของจังหวัด{}: {}".format(
                overseer["province"],
                ", ".join(o["name"] for o in spec["organizations"]),
            )
        )


def print_accounts(stdout) -> None:
    """The overseer's account, printed after the other demo accounts (in
    their format) by `seed_demo`."""
    overseer = data()["overseer"]
    stdout.write(
        f"  {overseer['username']:<22} {'ผู้กำกับดูแล':<18} จังหวัด{overseer['province']}"
    )
