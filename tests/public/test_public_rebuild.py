"""Publishing, or publishing a progress round, rebuilds the public plan
page's cached parts in a task (public/tasks.py) once the change commits: the
first visitor then costs what a repeat visitor costs, no query."""

from datetime import date

import pytest
from django.urls import reverse

from measures import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(settings):
    settings.PORTAL_URL = "http://testserver"


def plan_url(plan):
    return reverse("public:plan", args=[plan.organization.slug, plan.fiscal_year])


def publish(plan, people):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    services.plan_publish(plan=plan, by=people.staff)


def test_the_first_view_after_publishing_runs_no_query(
    client,
    plan,
    people,
    portal,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(plan, people)
    with django_assert_num_queries(0):
        page = client.get(plan_url(plan))
    assert page.status_code == 200
    assert plan.measures.first().title in page.content.decode()
    english = reverse(
        "public:plan_revision",
        args=[plan.organization.slug, plan.fiscal_year, plan.revision],
    )
    with django_assert_num_queries(0):
        assert client.get(english, HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_a_published_round_shows_on_the_first_view_without_a_query(
    client,
    plan,
    people,
    portal,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(plan, people)
    client.get(plan_url(plan))
    first = plan.measures.order_by("order").first()
    services.progress_update_create(
        measure=first,
        by=people.staff,
        status="done",
        reported_on=date(2023, 3, 1),
        result="จัดประชุมชี้แจงบุคลากรแล้ว",
    )
    round_ = services.round_open(plan=plan, period="half", by=people.staff)
    services.round_close(round_=round_, by=people.staff, today=date(2023, 4, 2))
    services.round_approve(round_=round_, by=people.mayor)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_publish(round_=round_, by=people.staff)
    with django_assert_num_queries(0):
        page = client.get(plan_url(plan))
    assert "จัดประชุมชี้แจงบุคลากรแล้ว" in page.content.decode()


def test_a_rebuild_that_fails_does_not_undo_the_publication(
    client, plan, people, portal, django_capture_on_commit_callbacks, monkeypatch
):
    from public import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(tasks.views, "plan", broken)
    with django_capture_on_commit_callbacks(execute=True):
        publish(plan, people)
    plan.refresh_from_db()
    assert plan.status == plan.Status.PUBLISHED
    assert client.get(plan_url(plan)).status_code == 200
