import pytest

from reports import memos
from tests.measures import conftest as measures

assessment, plan = measures.assessment, measures.plan  # the same fixtures


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def chain(org, people):
    """ปลัด endorses, then the mayor approves."""
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    return memos.chain_set(org, [palad, mayor], by=people.admin)


@pytest.fixture
def memo(plan, people, chain):
    return memos.memo_for_plan(plan, by=people.staff)
