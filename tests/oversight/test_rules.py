"""The database's view of "the timeframe has ended" agrees with the rule
(Measure.timeframe_bounds, measures.rules.is_overdue) for every timeframe."""

from datetime import date

import pytest

from measures import rules
from measures.models import Measure

pytestmark = pytest.mark.django_db


def test_timeframe_ended_q_agrees_with_is_overdue(plan):
    measures = []
    for quarter in range(1, 5):
        measures.append(dict(timeframe_kind="quarter", quarter=quarter))
    for start in range(1, 13):
        measures.append(dict(timeframe_kind="months", start_month=start))
        measures.append(dict(timeframe_kind="months", start_month=start, end_month=9))
    measures.append(dict(timeframe_kind="year"))
    made = [
        Measure.objects.create(plan=plan, order=100 + n, title=f"m{n}", **fields)
        for n, fields in enumerate(measures)
    ]
    ids = [m.pk for m in made]
    for today in [date(2022, 11, 15), date(2023, 1, 1), date(2023, 4, 1),
                  date(2023, 9, 30), date(2023, 10, 1)]:  # fmt: skip
        ended = set(
            Measure.objects.filter(
                rules.timeframe_ended_q(plan.fiscal_year, today), pk__in=ids
            ).values_list("pk", flat=True)
        )
        expected = {m.pk for m in made if rules.is_overdue(m, None, today)}
        assert ended == expected, today
