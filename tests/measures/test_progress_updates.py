"""Progress updates (O43): who may report, what is kept, files, and two
reporters at once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from ita_portal.uploads import TOO_LARGE, WRONG_TYPE
from measures import rules, services
from measures.models import Evidence, Plan, ProgressStatus, ProgressUpdate
from tests.measures.progress_helpers import (
    REPORTED_ON,
    files_under,
    html_named_pdf,
    pdf,
    png,
    progress_url,
    update_data,
    xlsx,
)

pytestmark = pytest.mark.django_db


def first(plan):
    """Measure 1: กองคลัง (division A) only."""
    return plan.measures.get(order=1)


# --- who may report ----------------------------------------------------------


@pytest.mark.parametrize("persona", ["head_a", "staff", "admin"])
def test_it_lets_the_responsible_head_and_staff_report(
    login, people, persona, approved_plan, media
):
    measure = first(approved_plan)
    client = login(getattr(people, persona))
    response = client.post(progress_url(measure), update_data())
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.measure, update.status) == (measure, ProgressStatus.IN_PROGRESS)
    assert update.reported_on == REPORTED_ON
    assert update.created_by == getattr(people, persona)


@pytest.mark.parametrize("persona", ["head_b", "mayor", "palad"])
def test_it_refuses_another_divisions_head_and_executives_with_403(
    login, people, persona, approved_plan, media
):
    measure = first(approved_plan)
    client = login(getattr(people, persona))
    page = client.get(progress_url(measure))
    assert page.status_code == 200  # every member reads progress
    assertNotContains(page, 'id="update"')
    assert client.post(progress_url(measure), update_data()).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_head_of_one_of_several_responsible_divisions_may_report(
    login, people, approved_plan, media
):
    shared = approved_plan.measures.get(order=3)  # divisions A and B
    response = login(people.head_b).post(progress_url(shared), update_data())
    assert response.status_code == 302


def test_other_organisations_get_404_and_visitors_the_login_page(
    client, login, people, approved_plan
):
    measure = first(approved_plan)
    response = client.get(progress_url(measure))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    outsider = login(people.outsider)
    assert outsider.get(progress_url(measure)).status_code == 404
    assert outsider.post(progress_url(measure), update_data()).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_nobody_reports_on_a_plan_that_is_not_approved(login, people, approved_plan):
    Plan.objects.filter(pk=approved_plan.pk).update(status=Plan.Status.DRAFT)
    measure = first(approved_plan)
    client = login(people.head_a)
    assertContains(client.get(progress_url(measure)), "ยังไม่ได้รับอนุมัติ")
    assert client.post(progress_url(measure), update_data()).status_code == 403
    with pytest.raises(ValidationError) as error:
        services.progress_update_create(
            measure=measure, by=people.staff, status="done", result="x"
        )
    assert error.value.messages == [str(rules.NOT_IN_FORCE)]


# --- what is kept ------------------------------------------------------------


def test_the_current_status_is_the_latest_update_and_history_only_grows(
    login, people, approved_plan, media
):
    measure = first(approved_plan)
    client = login(people.head_a)
    client.post(progress_url(measure), update_data())
    seen = ProgressUpdate.objects.get().pk
    client.post(
        progress_url(measure),
        update_data(status="done", result="แล้วเสร็จ", seen=seen),
    )
    assert rules.latest_update(measure).status == ProgressStatus.DONE
    assert ProgressUpdate.objects.count() == 2
    latest = rules.latest_update(measure)
    assert latest.follows_id == seen
    page = client.get(progress_url(measure))
    assertContains(page, "ได้ประชุมชี้แจงบุคลากรแล้ว")  # the history keeps both
    assertContains(page, "แล้วเสร็จ")


def test_an_update_is_never_changed_once_saved(people, approved_plan):
    update = services.progress_update_create(
        measure=first(approved_plan),
        by=people.staff,
        status="in_progress",
        result="เริ่มแล้ว",
    )
    update.result = "แก้ย้อนหลัง"
    with pytest.raises(ValueError):
        update.save()


def test_a_failed_save_keeps_what_was_typed_and_says_why_in_thai(
    login, people, approved_plan
):
    measure = first(approved_plan)
    response = login(people.head_a).post(
        progress_url(measure),
        update_data(
            status="done",
            result="",
            links="https://example.go.th/report\nไม่ใช่ลิงก์",
            reported_on="31/13/2566",
        ),
    )
    assert response.status_code == 200
    assertContains(response, str(rules.RESULT_REQUIRED))
    assertContains(response, "กรุณากรอกวันที่")
    assertContains(response, "ลิงก์ “ไม่ใช่ลิงก์” ไม่ถูกต้อง")
    assertContains(response, "https://example.go.th/report")  # kept in the form
    assert not ProgressUpdate.objects.exists()


def test_a_date_in_the_future_is_refused(login, people, approved_plan):
    response = login(people.head_a).post(
        progress_url(first(approved_plan)), update_data(reported_on="1/1/2600")
    )
    assertContains(response, str(rules.FUTURE_DATE))
    assert not ProgressUpdate.objects.exists()


def test_thai_digits_and_short_years_are_read(login, people, approved_plan, media):
    login(people.head_a).post(
        progress_url(first(approved_plan)), update_data(reported_on="๑๕ ม.ค. ๖๖")
    )
    assert ProgressUpdate.objects.get().reported_on == date(2023, 1, 15)


def test_the_form_opens_with_today_and_the_current_status(
    login, people, approved_plan, time_machine
):
    time_machine.move_to("2023-02-01 09:00 +07:00")
    measure = first(approved_plan)
    services.progress_update_create(
        measure=measure, by=people.staff, status="in_progress", result="เริ่มแล้ว"
    )
    page = login(people.head_a).get(progress_url(measure))
    assertContains(page, 'value="1/2/2566"')
    assertContains(page, 'value="in_progress" autocomplete="off" checked')


# --- two reporters at once -----------------------------------------------------


def test_a_second_reporter_sees_the_first_update_instead_of_overwriting_it(
    client, login, people, approved_plan, media
):
    measure = approved_plan.measures.get(order=3)
    # Both open the form while nothing has been reported (seen = "").
    first_reporter = login(people.head_a)
    first_reporter.post(progress_url(measure), update_data(result="ส่งคำสั่งแต่งตั้งแล้ว"))
    client.logout()
    second = login(people.head_b)
    response = second.post(
        progress_url(measure),
        update_data(status="done", result="ประชุมคณะกรรมการครั้งที่ ๑ แล้ว"),
    )
    assert response.status_code == 200
    assertContains(response, "มีผู้บันทึกความก้าวหน้าของมาตรการนี้ก่อนคุณ")
    assertContains(response, 'data-testid="stale-update"')
    assertContains(response, "ส่งคำสั่งแต่งตั้งแล้ว")  # the other update, shown
    assertContains(response, "ประชุมคณะกรรมการครั้งที่ ๑ แล้ว")  # their own text, kept
    assert ProgressUpdate.objects.count() == 1
    # The form now carries the update they have seen: saving again is deliberate.
    latest = ProgressUpdate.objects.get()
    assertContains(response, f'name="seen" value="{latest.pk}"')
    again = second.post(
        progress_url(measure),
        update_data(status="done", result="ประชุมคณะกรรมการครั้งที่ ๑ แล้ว", seen=latest.pk),
    )
    assert again.status_code == 302
    assert rules.latest_update(measure).follows == latest


def test_the_service_refuses_a_reporter_who_saw_an_older_state(people, approved_plan):
    measure = first(approved_plan)
    older = services.progress_update_create(
        measure=measure, by=people.staff, status="in_progress", result="หนึ่ง"
    )
    newer = services.progress_update_create(
        measure=measure,
        by=people.staff,
        status="in_progress",
        result="สอง",
        seen_latest_id=older.pk,
    )
    with pytest.raises(rules.StaleProgressUpdate) as error:
        services.progress_update_create(
            measure=measure,
            by=people.head_a,
            status="done",
            result="สาม",
            seen_latest_id=older.pk,
        )
    assert error.value.latest == newer
    assert ProgressUpdate.objects.count() == 2


def test_the_database_refuses_two_updates_following_the_same_one(approved_plan):
    measure = first(approved_plan)
    base = ProgressUpdate.objects.create(measure=measure, status="in_progress")
    ProgressUpdate.objects.create(measure=measure, status="done", follows=base)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(measure=measure, status="done", follows=base)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(measure=measure, status="done")  # a 2nd first


# --- evidence files ----------------------------------------------------------


def test_evidence_files_are_stored_under_the_media_store_by_content_type(
    login, people, approved_plan, media
):
    measure = first(approved_plan)
    response = login(people.head_a).post(
        progress_url(measure),
        {**update_data(), "files": [pdf(), png(), xlsx()]},
    )
    assert response.status_code == 302
    evidence = list(Evidence.objects.order_by("pk"))
    assert [e.content_type for e in evidence] == [
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    assert [e.original_name for e in evidence] == [
        "หลักฐาน.pdf",
        "ภาพกิจกรรม.png",
        "สรุปผล.xlsx",
    ]
    stored = files_under(media)
    assert len(stored) == 3
    assert all(path.relative_to(media).parts[0] == "evidence" for path in stored)
    # The server names the file; the user's name never reaches the disk.
    assert {path.suffix for path in stored} == {".pdf", ".png", ".xlsx"}
    assert not any("หลักฐาน" in str(path) for path in stored)


def test_a_file_whose_content_is_not_allowed_is_refused_and_nothing_is_stored(
    login, people, approved_plan, media
):
    response = login(people.head_a).post(
        progress_url(first(approved_plan)),
        {**update_data(), "files": [pdf(), html_named_pdf()]},
    )
    assert response.status_code == 200
    allowed = "Excel, GIF, JPEG, PDF, PNG, WebP, Word"
    assertContains(response, str(WRONG_TYPE).format(allowed=allowed))
    assertContains(response, "รายงาน.pdf")
    assertContains(response, 'data-testid="files-lost"')  # choose the files again
    assertContains(response, "ได้ประชุมชี้แจงบุคลากรแล้ว")  # the text is kept
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    assert files_under(media) == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(
    login, people, approved_plan, media, settings
):
    settings.UPLOAD_MAX_BYTES = 50
    response = login(people.head_a).post(
        progress_url(first(approved_plan)), {**update_data(), "files": [pdf()]}
    )
    assert response.status_code == 200
    assertContains(response, str(TOO_LARGE).split("{")[0].strip())
    assertContains(response, "เกินกำหนด 50")
    assert not ProgressUpdate.objects.exists()
    assert files_under(media) == []


def test_the_service_checks_files_too_and_leaves_no_file_when_saving_fails(
    people, approved_plan, media, monkeypatch
):
    measure = first(approved_plan)
    with pytest.raises(ValidationError):
        services.progress_update_create(
            measure=measure,
            by=people.staff,
            status="done",
            result="x",
            files=[html_named_pdf()],
        )
    original = Evidence.save
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise OSError("disk full")
        original(self, *args, **kwargs)

    monkeypatch.setattr(Evidence, "save", fail_on_second)
    with pytest.raises(OSError):
        services.progress_update_create(
            measure=measure,
            by=people.staff,
            status="done",
            result="x",
            files=[pdf(), png()],
        )
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    assert files_under(media) == []
