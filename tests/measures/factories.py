"""Plans and measures for the progress tests: a measure's divisions belong to
its plan's organisation (STYLE.md, 11)."""

import factory

from measures.models import Measure, Plan
from tests.factories import OrganizationFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2566
    title = factory.LazyAttribute(
        lambda p: f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {p.fiscal_year}"
    )
    status = Plan.Status.APPROVED


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure; `divisions` defaults to the lead division."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"มาตรการทดสอบที่ {n + 1}")
    timeframe_kind = "year"
    indicators = [1]

    @factory.post_generation
    def divisions(self, create, extracted, **kwargs):
        if not create:
            return
        divisions = list(extracted or [])
        if self.lead_division and self.lead_division not in divisions:
            divisions.insert(0, self.lead_division)
        self.divisions.set(divisions)
