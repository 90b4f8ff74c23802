"""What a newcomer stumbled on walking the whole year (issue 22), each pinned:
progress that never reached the public page without a word why, look-alike
memos in the inbox, no way from the analysis to the plan or from publishing
to the public page, generated measures with empty follow-up and every
division ticked, an English-sounding public page, a decision form at the top
of a long page, and `./run.sh` burying its address and accounts."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from measures import publication, services
from measures.generator import DEFAULT_FOLLOW_UP, map_divisions
from measures.models import MeasureTemplate, Plan, ReportingRound
from organizations.models import DivisionKind
from reports import services as memos
from reports.models import Memo
from tests.measures.factories import MeasureFactory, PlanFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(org, people):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    return memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )


def approve(memo, people):
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True, comment="")
    memo.refresh_from_db()
    memos.memo_decide(memo=memo, by=people.mayor, approve=True, comment="")
    memo.refresh_from_db()
    return memo


# --- 1. Progress and the public page ------------------------------------------


def test_each_state_of_the_year_says_what_the_public_sees_and_the_next_step(
    published, people, chain, media
):
    plan = published
    state = publication.plan_publication(plan)
    assert state.public_url == f"/public/{plan.organization.slug}/2566/"
    assert state.public_round is None
    assert "ยังไม่เห็นสถานะ" in state.now
    assert "เปิดรอบรายงาน" in state.step

    measure = plan.measures.order_by("order").first()
    services.progress_update_create(
        measure=measure,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 2, 1),
        result="เริ่มแล้ว",
        seen_latest_id=None,
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    assert "ปิดรอบ 6 เดือน" in publication.plan_publication(plan).step
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 1))
    round_.refresh_from_db()
    assert "เสนอบันทึกข้อความ" in publication.plan_publication(plan).step
    memo = memos.memo_draft_for_round(round_=round_, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    assert "รอผู้บริหารพิจารณา" in publication.plan_publication(plan).step
    memos.memo_decide(memo=memo, by=people.palad, approve=True, comment="")
    memo.refresh_from_db()
    memos.memo_decide(memo=memo, by=people.mayor, approve=True, comment="")
    round_.refresh_from_db()
    assert round_.status == ReportingRound.Status.APPROVED
    assert "กดเผยแพร่" in publication.plan_publication(plan).step
    services.round_publish(round_=round_, by=people.staff)
    done = publication.plan_publication(plan)
    assert done.public_round == round_
    assert "ตามรอบ 6 เดือน" in done.now


def test_a_draft_plan_is_not_public_and_says_what_publishes_it(plan):
    state = publication.plan_publication(plan)
    assert state.public_url is None and state.permalink is None
    assert "ยังไม่ได้เผยแพร่" in state.now


def test_the_head_reporting_is_told_the_report_is_not_public_yet(
    login, people, published, division_a
):
    measure = published.measures.filter(divisions=division_a).first()
    url = reverse("measures:measure_progress", args=[published.pk, measure.pk])
    page = login(people.head_a).get(url)
    assertContains(page, 'data-testid="publication"')
    assertContains(page, "ยังไม่เห็นสถานะและผลการดำเนินงาน")
    assertContains(page, "ได้รับอนุมัติจากผู้บริหารและเผยแพร่แล้ว")
    mine = login(people.head_a).get(reverse("measures:my_measures"))
    assertContains(mine, 'data-testid="worklist-public-note"')


def test_staff_managing_rounds_see_the_public_state(login, people, published):
    page = login(people.staff).get(
        reverse("measures:plan_progress", args=[published.pk])
    )
    assertContains(page, 'data-testid="publication-step"')
    assertContains(page, f'href="/public/{published.organization.slug}/2566/"')


def test_the_public_page_says_when_progress_will_show(client, published):
    page = client.get(f"/public/{published.organization.slug}/2566/")
    assertContains(page, 'data-testid="no-progress"')
    assertContains(page, "เมื่อหน่วยงานเผยแพร่รายงานรอบ 6 เดือนหรือ 12 เดือน")


# --- 2. Decided memos tell themselves apart -----------------------------------


def test_decided_memos_show_year_kind_sent_date_and_decision(
    login, people, org, chain, media
):
    subject = (
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
    )
    for year in (2563, 2570):
        plan = PlanFactory(organization=org, fiscal_year=year, status=Plan.Status.DRAFT)
        MeasureFactory(plan=plan)
        memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
        memo.subject = f"{subject} ประจำปีงบประมาณ พ.ศ. {year}"
        memo.save()
        approve(memo, people)
    page = login(people.mayor).get(reverse("reports:memo_inbox"))
    html = page.content.decode()
    rows = re.findall(r'data-testid="decided">(.*?)</a>', html, re.S)
    assert len(rows) == 2
    for row, year in zip(rows, (2570, 2563), strict=True):  # latest decision first
        assert f"ปีงบประมาณ {year}" in row
        assert f"พ.ศ. {year}" in row  # the whole title, not cut
        assert "เสนออนุมัติแผนมาตรการ" in row
        assert "ส่งเมื่อ" in row
        assert "อนุมัติ" in row and 'data-testid="my-decision"' in row


def test_the_inbox_query_count_does_not_grow_with_memos(
    login, people, org, chain, media, django_assert_max_num_queries
):
    for year in (2563, 2564, 2565):
        plan = PlanFactory(organization=org, fiscal_year=year, status=Plan.Status.DRAFT)
        MeasureFactory(plan=plan)
        approve(memos.memo_draft_for_plan(plan=plan, by=people.staff), people)
    client = login(people.mayor)
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:memo_inbox"))


# --- 4. From publishing to the public page ------------------------------------


def test_publishing_links_the_public_page_and_the_plan_page_gives_the_permalink(
    login, people, plan
):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    client = login(people.staff)
    response = client.post(
        reverse("measures:plan_publish", args=[plan.pk]), follow=True
    )
    public = f"/public/{plan.organization.slug}/2566/"
    assertContains(response, f'<a href="{public}" target="_blank"')
    assertContains(response, 'data-testid="permalink"')
    assertContains(response, f"http://testserver{public}r1/")


# --- 6. Generated measures are complete, and gaps are flagged ---------------


def test_generated_measures_have_a_follow_up(plan):
    measures = list(plan.measures.all())
    assert measures and all(m.follow_up.strip() for m in measures)
    from_seed_002 = [m for m in measures if not m.template.follow_up]
    for m in from_seed_002:
        assert m.follow_up == DEFAULT_FOLLOW_UP[m.reporting_frequency]


def test_a_template_shared_by_every_division_ticks_only_its_lead(org, division_a):
    divisions = list(org.divisions.order_by("name"))
    template = MeasureTemplate(
        key="t", division_kind=DivisionKind.FINANCE, also_divisions=["all"]
    )
    lead, responsible = map_divisions(template, divisions)
    assert lead.kind == DivisionKind.FINANCE
    assert responsible == [lead]
    led_by_all = MeasureTemplate(key="u", division_kind="all", also_divisions=[])
    assert set(map_divisions(led_by_all, divisions)[1]) == set(divisions)


def test_the_plan_page_and_the_send_page_flag_measures_with_empty_fields(
    login, people, plan, chain
):
    gap = plan.measures.order_by("order").first()
    gap.follow_up = ""
    gap.steps = []
    gap.save()
    page = login(people.staff).get(plan.get_absolute_url())
    assertContains(page, 'data-testid="incomplete"')
    assertContains(page, "ขั้นตอน/วิธีการดำเนินงาน, การติดตามผล")
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    send = login(people.staff).get(reverse("reports:memo_send", args=[memo.pk]))
    assertContains(send, 'data-testid="confirm-warnings"')
    assertContains(send, f"มาตรการที่ {gap.order} ยังไม่มี")


def test_a_complete_plan_has_no_flag(login, people, plan):
    assertNotContains(
        login(people.staff).get(plan.get_absolute_url()), 'data-testid="incomplete"'
    )


# --- 7. The decision: after the memo, and a plain message ------------------


def test_the_decision_form_follows_the_memo_and_asks_plainly_for_a_choice(
    login, people, plan, chain
):
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    client = login(people.palad)
    html = client.get(memo.get_absolute_url()).content.decode()
    assert html.index('class="memo-paper') < html.index('data-testid="decide-form"')
    assert 'data-testid="decide-bar"' in html
    response = client.post(reverse("reports:memo_decide", args=[memo.pk]), {})
    assert response.status_code == 400
    assertContains(response, "กรุณาเลือกความเห็น", status_code=400)
    assertNotContains(response, "ฟิลด์นี้จำเป็น", status_code=400)
    memo.refresh_from_db()
    assert memo.status == Memo.Status.PENDING


# --- 8. From the analysis to the plan -----------------------------------------


def test_the_assessment_and_its_analysis_offer_the_plan_of_the_next_year(
    login, people, assessment
):
    client = login(people.staff)
    for url in (
        assessment.get_absolute_url(),
        reverse("assessments:analysis", args=[assessment.pk]),
    ):
        page = client.get(url)
        assertContains(page, "สร้างแผนมาตรการปีงบประมาณ 2566 จากผลการประเมินนี้")
        assertContains(page, f"/plans/generate/?assessment={assessment.pk}")
    form = client.get(reverse("measures:plan_generate"), {"assessment": assessment.pk})
    assert str(form.context["form"]["assessment"].value()) == str(assessment.pk)
    # Once made, the same button opens it.
    client.post(
        reverse("measures:plan_generate"),
        {"assessment": assessment.pk, "question_threshold": "85"},
    )
    page = client.get(assessment.get_absolute_url())
    assertContains(page, "ไปที่แผนมาตรการปีงบประมาณ 2566")


def test_a_head_is_not_offered_to_make_the_plan(login, people, assessment):
    page = login(people.head_a).get(assessment.get_absolute_url())
    assertNotContains(page, 'data-testid="plan-button"')


# --- 10. The public page in plain words ---------------------------------------


def test_the_public_page_speaks_to_citizens(client, published):
    page = client.get(f"/public/{published.organization.slug}/2566/")
    assertContains(page, "ดาวน์โหลดข้อมูล (JSON)")
    assertContains(page, "ลิงก์ของฉบับนี้ สำหรับอ้างอิง")
    assertContains(page, 'data-testid="page-about"')
    assertNotContains(page, "ลิงก์ถาวร")
    assertNotContains(page, ">JSON</a>")


# --- 11. ./run.sh -----------------------------------------------------------


def fake_venv(tmp_path: Path, pip_exit: int) -> Path:
    """A folder whose .venv/bin/python answers like a pip that fills the
    screen with a machine's notes, then succeeds or fails."""
    tmp_path.mkdir(parents=True)
    (tmp_path / "requirements.txt").write_text("Django\n")
    bin_dir = tmp_path / ".venv/bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ]; then\n'
        "  for n in 1 2 3; do echo \"WARNING: Location 'file:///opt/x/$n/' is ignored\"; done\n"
        f"  exit {pip_exit}\n"
        "fi\n"
        "exit 0\n"
    )
    python.chmod(0o755)
    return tmp_path


def ensure_venv(folder: Path):
    return subprocess.run(
        [
            "bash",
            "-c",
            f"source {ROOT}/scripts/bootstrap.sh; ensure_venv requirements.txt",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
        timeout=120,
    )


def test_pip_is_quiet_unless_it_fails(tmp_path):
    quiet = ensure_venv(fake_venv(tmp_path / "ok", 0))
    assert quiet.returncode == 0, quiet.stderr
    assert "installing Python packages" in quiet.stdout
    assert "Location" not in quiet.stdout + quiet.stderr

    failed = ensure_venv(fake_venv(tmp_path / "bad", 1))
    assert failed.returncode != 0
    assert "Location 'file:///opt/x/3/'" in failed.stderr
    assert "pip install failed" in failed.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="run.sh is for Debian")
def test_run_sh_prints_its_real_address_and_the_accounts_last(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PORT_BIND": f"127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        ["bash", str(ROOT / "run.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if "the portal runs on" in line:
                break
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    output = "\n".join(lines)
    assert (
        f"==> the portal runs on http://127.0.0.1:{port}/ (Ctrl+C stops it)" in lines
    ), output
    assert "127.0.0.1:8000" not in output
    assert "Location" not in output
    accounts = [n for n, line in enumerate(lines) if "klongphon-staff" in line]
    plans = [n for n, line in enumerate(lines) if line.startswith("แผนมาตรการตัวอย่าง")]
    assert accounts and plans and accounts[0] > plans[-1], output
