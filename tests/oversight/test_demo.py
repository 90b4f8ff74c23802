"""The demo's overseer of อุบลราชธานี sees every status of the year, and the
measures of a published round by their status."""

import pytest
from django.contrib.auth import get_user_model

from demo import oversight as demo_oversight
from oversight import selectors

pytestmark = pytest.mark.django_db


def test_the_demo_overseer_sees_every_status_and_the_published_progress():
    demo_oversight.seed()
    demo_oversight.seed()  # idempotent
    user = get_user_model().objects.get(username="ubon-overseer")
    rows = {r.name: r for r in selectors.overview(user, 2566)}
    assert {r.plan_status for r in rows.values()} == {
        key for key, _label in selectors.PlanStatus.choices
    }
    pao = rows["องค์การบริหารส่วนจังหวัดอุบลราชธานี"]
    assert pao.measures["done"] + pao.measures["in_progress"] == pao.measures["total"]
    assert pao.measures["done"] == (pao.measures["total"] + 1) // 2
    # The year is over: what is not done is overdue.
    assert pao.measures["overdue"] == pao.measures["in_progress"]
    assert [label for label, _day in pao.rounds] == ["รอบ 6 เดือน (ต.ค.–มี.ค.)"]
    assert not pao.late  # published 18 Jan 2023, the deadline 31 Jan
    assert rows["องค์การบริหารส่วนตำบลกุดลาด"].late  # published 27 Feb
    assert rows["องค์การบริหารส่วนตำบลธาตุ"].plan_status == "with_palad"
    assert rows["เทศบาลเมืองวารินชำราบ"].plan_status == "with_mayor"
    assert rows["องค์การบริหารส่วนตำบลไร่น้อย"].change is None  # one year scored
    assert rows["เทศบาลตำบลพิบูลมังสาหาร"].change is not None
