import pytest

from reports import services as memos


@pytest.fixture
def chain(org, people):
    """ปลัด endorses, then the mayor approves."""
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    return memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )


@pytest.fixture
def fy2566(time_machine):
    """A January day of fiscal year 2566, before the 6-month round ends."""
    time_machine.move_to("2023-01-10 09:00 +07:00", tick=False)
