import pytest

from reports import memos


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_place(media):
    return media


@pytest.fixture
def chain(org, people):
    """ปลัด endorses, then the mayor approves."""
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    return memos.chain_set(org, [palad, mayor], by=people.admin)


@pytest.fixture
def memo(plan, people, chain):
    return memos.memo_for_plan(plan, by=people.staff)
