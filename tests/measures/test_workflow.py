"""A plan's life: submitted, approved, published, revised; and its history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from measures import services
from measures.models import Measure, Plan

pytestmark = pytest.mark.django_db


def test_the_happy_path_records_who_and_when(plan, people):
    plan = services.plan_submit(plan=plan, by=people.staff)
    assert plan.status == "submitted" and plan.submitted_at
    plan = services.plan_approve(plan=plan, by=people.mayor)
    assert (plan.status, plan.approved_by) == ("approved", people.mayor)
    plan = services.plan_publish(plan=plan, by=people.staff)
    assert plan.status == "published" and plan.published_at
    reasons = [
        (h.history_change_reason, h.history_user)
        for h in plan.history.order_by("history_date")
        if h.history_change_reason
    ]
    assert reasons == [
        ("เสนอพิจารณา", people.staff),
        ("อนุมัติ", people.mayor),
        ("เผยแพร่", people.staff),
    ]


def test_steps_out_of_order_are_refused_in_thai(plan, people):
    with pytest.raises(ValidationError, match="สถานะ “ร่าง”"):
        services.plan_publish(plan=plan, by=people.staff)
    with pytest.raises(ValidationError):
        services.plan_approve(plan=plan, by=people.mayor)
    plan.measures.all().delete()
    with pytest.raises(ValidationError, match="ยังไม่มีมาตรการ"):
        services.plan_submit(plan=plan, by=people.staff)


def test_a_rejection_returns_the_plan_to_draft_with_the_reason(plan, people):
    services.plan_submit(plan=plan, by=people.staff)
    plan = services.plan_return(plan=plan, by=people.palad, reason="ระยะเวลาไม่ชัด")
    assert plan.status == "draft" and plan.submitted_at is None
    assert plan.history.first().history_change_reason == "ส่งกลับแก้ไข: ระยะเวลาไม่ชัด"


def test_a_submitted_plan_is_not_edited(plan, people):
    services.plan_submit(plan=plan, by=people.staff)
    measure = plan.measures.first()
    measure.title = "แก้ระหว่างรอพิจารณา"
    with pytest.raises(ValidationError):
        services.measure_save(measure=measure, divisions=[], answers=[])


def test_revising_copies_the_plan_and_leaves_the_published_one_alone(
    published, people, division_a
):
    old_measures = list(published.measures.values_list("pk", "title"))
    Plan.objects.filter(pk=published.pk).update(
        report_preface="คำนำ", report_background="ความเป็นมา"
    )
    published.refresh_from_db()
    new = services.plan_revise(plan=published, by=people.staff)
    published.refresh_from_db()

    assert (new.revision, new.status, new.is_current) == (2, "draft", True)
    assert (published.status, published.is_current) == ("published", False)
    assert list(new.measures.values_list("previous_id", "title")) == old_measures
    assert new.weaknesses.count() == published.weaknesses.count()
    assert new.analysis.count() == published.analysis.count()
    assert (new.report_preface, new.report_background) == ("คำนำ", "ความเป็นมา")
    copied = new.measures.first()
    assert set(copied.answers.values_list("plan_id", flat=True)) == {new.pk}
    assert list(copied.divisions.all()) == list(copied.previous.divisions.all())

    copied.title = "มาตรการที่ปรับใหม่"
    services.measure_save(
        measure=copied, divisions=[division_a], answers=[], by=people.staff
    )
    assert list(published.measures.values_list("pk", "title")) == old_measures
    with pytest.raises(ValidationError, match="ใหม่กว่า"):
        services.plan_revise(plan=published, by=people.staff)


def test_deleting_a_draft_revision_brings_back_the_previous_one(published, people):
    new = services.plan_revise(plan=published, by=people.staff)
    services.plan_delete(plan=new, by=people.staff)
    published.refresh_from_db()
    assert published.is_current
    assert Plan.objects.filter(pk=new.pk).exists() is False
    with pytest.raises(ValidationError):
        services.plan_delete(plan=published, by=people.staff)


def test_staff_publish_an_approved_plan_from_its_page(login, people, plan):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    client = login(people.staff)
    url = reverse("measures:plan_publish", args=[plan.pk])
    assertContains(client.get(plan.get_absolute_url()), url)
    assertContains(client.get(url), "เผยแพร่")
    assertRedirects(client.post(url), plan.get_absolute_url())
    plan.refresh_from_db()
    assert plan.status == "published"
    assertContains(client.get(plan.get_absolute_url()), "เผยแพร่เมื่อ")


@pytest.mark.parametrize("persona", ["head_a", "mayor", "palad"])
def test_only_staff_publish_revise_and_delete(login, people, published, persona):
    client = login(getattr(people, persona))
    for name in ("plan_publish", "plan_revise", "plan_delete"):
        url = reverse(f"measures:{name}", args=[published.pk])
        assert client.post(url).status_code == 403
    assert Plan.objects.get().status == "published"


def test_outsiders_get_404_on_workflow_pages(login, people, published):
    client = login(people.outsider)
    for name in ("plan_publish", "plan_revise", "plan_delete", "plan_history"):
        url = reverse(f"measures:{name}", args=[published.pk])
        assert client.get(url).status_code == 404


def test_editing_a_published_plan_goes_through_a_new_revision(login, people, published):
    client = login(people.staff)
    measure = published.measures.first()
    edit = reverse("measures:measure_edit", args=[published.pk, measure.pk])
    assert client.post(edit, {"title": "แก้ตรง ๆ"}).status_code == 403

    page = client.get(published.get_absolute_url())
    assertNotContains(page, edit)
    revise = reverse("measures:plan_revise", args=[published.pk])
    assertContains(page, revise)
    response = client.post(revise)
    new = Plan.objects.get(revision=2)
    assertRedirects(response, new.get_absolute_url())
    page = client.get(new.get_absolute_url())
    assertContains(
        page, reverse("measures:measure_edit", args=[new.pk, new.measures.first().pk])
    )
    measure.refresh_from_db()
    assert measure.title != "แก้ตรง ๆ"


def test_the_history_page_tells_who_changed_what(login, people, plan, division_a):
    measure = plan.measures.first()
    old_title = measure.title
    measure.title = "จัดทำคู่มือการใช้ทรัพย์สินของราชการ"
    measure.timeframe_kind, measure.quarter = "quarter", 2
    services.measure_save(
        measure=measure,
        divisions=[division_a],
        answers=list(measure.answers.all()),
        by=people.staff,
    )
    services.measure_delete(measure=plan.measures.last())
    services.plan_submit(plan=plan, by=people.staff)

    client = login(people.head_a)
    page = client.get(reverse("measures:plan_history", args=[plan.pk]))
    assertContains(page, "แก้ไขมาตรการ")
    assertContains(page, "จัดทำคู่มือการใช้ทรัพย์สินของราชการ")
    assertContains(page, old_title[:40])
    assertContains(page, "ไตรมาสที่ 2")
    assertContains(page, "ลบมาตรการ")
    assertContains(page, "เสนอพิจารณา")
    assertContains(page, people.staff.get_full_name())


def test_the_history_page_runs_a_fixed_number_of_queries(
    login, people, plan, django_assert_max_num_queries
):
    client = login(people.staff)
    url = reverse("measures:plan_history", args=[plan.pk])
    client.get(url)
    for measure in plan.measures.all():
        measure.follow_up = "รายงานผลทุกไตรมาส"
        services.measure_save(
            measure=measure,
            divisions=list(measure.divisions.all()),
            answers=list(measure.answers.all()),
            by=people.staff,
        )
    # 16: the page's own 12, and the few the navigation's task badge costs
    # (desk.context_processors), however long the history.
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    assert Measure.history.filter(plan_id=plan.pk).count() > 2 * plan.measures.count()


def test_a_plan_sent_to_the_executives_is_not_deleted(plan, people, org):
    from reports import services as memos

    palad = people.palad.memberships.get(organization=org)
    memos.approval_chain_set(organization=org, memberships=[palad], by=people.admin)
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=False, comment="แก้ไขก่อน")
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="เคยเสนอผู้บริหารแล้ว"):
        services.plan_delete(plan=plan, by=people.staff)
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_deleting_a_draft_takes_its_unsent_memo_along(plan, people):
    from reports import services as memos
    from reports.models import Memo

    memos.memo_draft_for_plan(plan=plan, by=people.staff)
    services.plan_delete(plan=plan, by=people.staff)
    assert not Memo.objects.exists()
