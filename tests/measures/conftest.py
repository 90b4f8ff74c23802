import pytest

from assessments import services
from assessments.scoring import ItemEntry
from measures.generator import generate_plan
from tests.assessments.seeds import NONGPHAILOM_2565


@pytest.fixture
def assessment(org, people, division_a, division_b):
    """The personas' organisation with seed 003's FY2565 scores."""
    assessment = services.assessment_create(organization=org, fiscal_year=2565, by=None)
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=NONGPHAILOM_2565,
        items={"O24": ItemEntry(passed=False, note="ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง")},
    )
    return assessment


@pytest.fixture
def plan(assessment):
    return generate_plan(assessment, 2566)
