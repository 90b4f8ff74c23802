import pytest

from reports import services as memos


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
def pending(memo, people):
    return memos.memo_send(memo=memo, by=people.staff)
