import pytest

from measures import workflow
from tests.measures import conftest as measures

assessment, plan = measures.assessment, measures.plan  # the same fixtures


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def published(plan, people):
    workflow.plan_submit(plan, by=people.staff)
    workflow.plan_approve(plan, by=people.mayor)
    return workflow.plan_publish(plan, by=people.staff)
