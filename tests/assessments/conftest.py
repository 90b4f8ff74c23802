from decimal import Decimal

import pytest

from assessments import services
from assessments.scoring import ItemEntry

from .seeds import NONGPHAILOM_2565


@pytest.fixture
def assessment_2565(org, people):
    """The staff persona's organisation with seed 003's FY2565 scores."""
    assessment = services.assessment_create(organization=org, fiscal_year=2565, by=None)
    services.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=NONGPHAILOM_2565,
        items={"O24": ItemEntry(passed=False, note="ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง")},
        reported_overall=Decimal("96.62"),
        reported_grade="AA",
    )
    return assessment
