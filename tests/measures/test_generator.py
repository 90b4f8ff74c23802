import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from assessments import services as scores
from assessments.scoring import ItemEntry, WeaknessRules
from measures import services
from measures.generator import plan_summary, uncovered
from measures.models import Plan
from organizations.models import Division
from tests.assessments.seeds import CHAEMAE_2564, NONGPHAILOM_2565
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]


@pytest.fixture
def nongphailom():
    organization = OrganizationFactory(
        name="องค์การบริหารส่วนตำบลหนองไผ่ล้อม", slug="nongphailom", kind="sao"
    )
    for name in DIVISIONS:
        Division.objects.create(organization=organization, name=name)
    assessment = scores.assessment_create(
        organization=organization, fiscal_year=2565, by=None
    )
    scores.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=NONGPHAILOM_2565,
        items={"O24": ItemEntry(passed=False, note="ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง")},
    )
    return assessment


@pytest.fixture
def chaemae():
    organization = OrganizationFactory(
        name="เทศบาลเมืองแฉะแม", slug="chaemae", kind="town"
    )
    for name in ("สำนักปลัดเทศบาล", "กองคลัง"):
        Division.objects.create(organization=organization, name=name)
    assessment = scores.assessment_create(
        organization=organization, fiscal_year=2564, by=None
    )
    scores.assessment_set_scores(
        assessment=assessment, by=None, indicators=CHAEMAE_2564
    )
    return assessment


def weakness_codes(plan):
    return [w.code for w in plan.weaknesses.order_by("order")]


def test_it_picks_the_weaknesses_seed_003_picked_and_answers_each(nongphailom):
    plan = services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    assert weakness_codes(plan) == ["2", "6", "9", "O24"]
    assert uncovered(plan) == []
    answered = {w.code for m in plan.measures.all() for w in m.answers.all()}
    assert answered == {"2", "6", "9", "O24"}
    assert plan.status == Plan.Status.DRAFT


def test_it_picks_every_indicator_seed_000_found_under_85(chaemae):
    plan = services.plan_generate(assessment=chaemae, fiscal_year=2565)
    codes = weakness_codes(plan)
    assert {"7", "8", "9"} <= set(codes)
    assert [w.code for w in uncovered(plan)] == []
    below = [w.code for w in plan.weaknesses.all() if "below_pass_mark" in w.reasons]
    assert sorted(below) == ["6", "7", "8", "9"]


def test_the_analysis_is_written_in_the_seeds_words(nongphailom):
    plan = services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    texts = [p.text for p in plan.analysis.all()]
    assert texts[0] == (
        "จากผลการประเมิน ITA ในปีงบประมาณ พ.ศ. 2565 ขององค์การบริหารส่วนตำบลหนองไผ่ล้อม "
        "พบว่า มีผลคะแนน 96.62 คะแนน อยู่ในระดับ AA"
    )
    iit = next(p.text for p in plan.analysis.all() if p.instrument == "IIT")
    assert "ด้าน IIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การใช้งบประมาณ มีค่าต่ำสุด เท่ากับ 91.40" in iit
    oit = next(p.text for p in plan.analysis.all() if p.instrument == "OIT")
    assert "O24" in oit and "ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง" in oit


def test_measures_go_to_the_organisations_real_divisions(nongphailom):
    plan = services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    names = set(
        Division.objects.filter(organization=plan.organization).values_list(
            "name", flat=True
        )
    )
    for measure in plan.measures.all():
        assert measure.lead_division is not None
        assert measure.lead_division.name in names
        assert {d.name for d in measure.divisions.all()} <= names
        assert measure.steps and measure.timeframe_label()


def test_the_same_input_gives_the_same_plan(nongphailom):
    first = plan_summary(
        services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    )
    Plan.objects.all().delete()
    second = plan_summary(
        services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    )
    first.pop("plan"), second.pop("plan")
    assert first == second


def test_rules_are_configurable(nongphailom):
    plan = services.plan_generate(
        assessment=nongphailom,
        fiscal_year=2566,
        rules=WeaknessRules(lowest_per_instrument=False, failed_items=False),
    )
    assert weakness_codes(plan) == []
    assert plan.measures.count() == 0


def test_it_refuses_the_wrong_year_and_a_second_plan(nongphailom):
    with pytest.raises(ValidationError):
        services.plan_generate(assessment=nongphailom, fiscal_year=2567)
    services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    with pytest.raises(ValidationError):
        services.plan_generate(assessment=nongphailom, fiscal_year=2566)


def test_it_refuses_an_incomplete_assessment(nongphailom):
    scores.assessment_set_scores(assessment=nongphailom, by=None, indicators={3: None})
    with pytest.raises(ValidationError):
        services.plan_generate(assessment=nongphailom, fiscal_year=2566)


def test_the_command_prints_the_plan_as_json(nongphailom):
    out = io.StringIO()
    call_command("generate_plan", "--org", "nongphailom", "--fy", "2566", stdout=out)
    summary = json.loads(out.getvalue())
    plan = Plan.objects.get()
    assert summary["plan"] == plan.pk
    assert [w["code"] for w in summary["weaknesses"]] == ["2", "6", "9", "O24"]
    assert summary["weaknesses"][0]["score"] == str(Decimal("91.40"))
    assert summary["uncovered"] == []
    assert all(
        m["answers"] and m["divisions"] and m["timeframe"] for m in summary["measures"]
    )


def test_findings_are_the_assessors_notes_not_another_organisations(nongphailom):
    plan = services.plan_generate(assessment=nongphailom, fiscal_year=2566)
    o24 = plan.measures.get(answers__code="O24")
    assert o24.finding == "ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง"
    assert all(m.finding == "" for m in plan.measures.exclude(pk=o24.pk))
