from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures import services
from measures.models import Measure
from reports import services as memos
from tests.reports.helpers import LATER, LONG_STEP, PDF


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_place(media):
    return media


@pytest.fixture
def chain(org, people):
    """ปลัด endorses, then the mayor approves."""
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    return memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )


@pytest.fixture
def memo(plan, people, chain):
    return memos.memo_draft_for_plan(plan=plan, by=people.staff)


@pytest.fixture
def long_plan(plan, division_a, division_b):
    """The generated plan and nine more measures with long steps: enough for
    the measures table to run over several pages."""
    first = plan.measures.first()
    for n in range(1, 10):
        measure = Measure.objects.create(
            plan=plan,
            order=100 + n,
            title=f"มาตรการเพิ่มเติมที่ {n} ส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
            steps=[f"{LONG_STEP} ขั้นที่ {k}" for k in range(1, 5)],
            lead_division=division_a,
            follow_up="รายงานผลในการประชุมประจำเดือน",
            indicators=first.indicators,
        )
        measure.divisions.set([division_a, division_b])
        measure.answers.set(first.answers.all())
    return plan


@pytest.fixture
def closed_round(plan, people):
    """The plan approved; its first measure done, its second in progress (and
    done only after the round ended), the others never reported; the 6-month
    round closed."""
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    first, second = plan.measures.order_by("order", "pk")[:2]
    services.progress_update_create(
        measure=first,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result="ประกาศเจตนารมณ์แล้วและเผยแพร่ทางเว็บไซต์",
        links=["https://klongphon.go.th/ita/o-forty-three"],
        files=[SimpleUploadedFile("ประกาศเจตนารมณ์.pdf", PDF)],
    )
    update = services.progress_update_create(
        measure=second,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 2, 1),
        result="อยู่ระหว่างจัดทำคู่มือการให้บริการ",
    )
    services.progress_update_create(
        measure=second,
        by=people.staff,
        status="done",
        reported_on=date(2023, 4, 20),
        result=LATER,
        seen_latest_id=update.pk,
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    return services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 2))
