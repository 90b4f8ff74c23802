"""Themes (ประเด็น), seed 002's grouping of measures: entered on the measure
form, kept in the history and in a revision, grouped by one rule."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from measures import services
from measures.themes import theme_groups
from tests.measures.test_views import measure_data

pytestmark = pytest.mark.django_db

SERVICE = "(1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"
E_SERVICE = "(2) การให้บริการและระบบ E-Service"


def test_themes_group_consecutive_measures_in_the_plans_order():
    a1, a2, b1, blank, a3 = (
        SimpleNamespace(theme=t) for t in ("A", "A ", "B", "", "A")
    )
    assert theme_groups([a1, a2, b1, blank, a3]) == [
        ("A", [a1, a2]),
        ("B", [b1]),
        ("", [blank]),
        ("A", [a3]),
    ]
    assert theme_groups([]) == []


def test_staff_give_a_measure_a_theme_offered_from_the_plans_themes(
    login, people, plan
):
    first, second = plan.measures.order_by("order")[:2]
    first.theme = SERVICE
    first.save()
    client = login(people.staff)
    url = reverse("measures:measure_edit", args=[plan.pk, second.pk])

    form = client.get(url)
    assertContains(form, 'list="id_theme-suggestions"')
    assertContains(
        form,
        f'<datalist id="id_theme-suggestions"><option value="{SERVICE}"></option>'
        "</datalist>",
        html=True,
    )

    response = client.post(url, measure_data(second, theme=f" {SERVICE} "))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.theme == SERVICE
    page = client.get(plan.get_absolute_url())
    assertContains(page, SERVICE, count=2)


def test_the_history_tells_a_change_of_theme(login, people, plan):
    measure = plan.measures.first()
    measure.theme = E_SERVICE
    services.measure_save(
        measure=measure,
        divisions=list(measure.divisions.all()),
        answers=list(measure.answers.all()),
        by=people.staff,
    )
    page = login(people.staff).get(reverse("measures:plan_history", args=[plan.pk]))
    assertContains(page, "แก้ไขมาตรการ")
    assertContains(page, "ประเด็น")
    assertContains(page, E_SERVICE)


def test_a_revision_keeps_the_themes(published, people):
    measures = list(published.measures.order_by("order"))
    for measure, theme in zip(measures, [SERVICE, E_SERVICE, SERVICE], strict=False):
        measure.theme = theme
        measure.save()
    new = services.plan_revise(plan=published, by=people.staff)
    assert list(new.measures.order_by("order").values_list("theme", flat=True)) == [
        m.theme for m in measures
    ]
