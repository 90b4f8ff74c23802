import io

import openpyxl
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from measures.models import Measure, Plan
from measures.services.measures import NOT_A_DRAFT
from public import serializers
from reports import renderers
from tests.reports.helpers import assert_in_order, pdftotext, squeeze
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db


def test_staff_generate_a_plan_from_the_page(login, people, assessment):
    client = login(people.staff)
    response = client.post(
        reverse("measures:plan_generate"),
        {
            "assessment": assessment.pk,
            "below_pass_mark": "on",
            "lowest_per_instrument": "on",
            "question_threshold": "85",
            "failed_items": "on",
        },
    )
    plan = Plan.objects.get()
    assertRedirects(response, plan.get_absolute_url())
    page = client.get(plan.get_absolute_url())
    assertContains(page, 'data-testid="all-covered"')
    assertContains(page, "มีค่าต่ำสุด เท่ากับ 91.40")
    for measure in plan.measures.all():
        assertContains(page, measure.title)


@pytest.mark.parametrize("persona", ["head_a", "mayor"])
def test_other_roles_read_the_plan_but_cannot_change_it(login, people, persona, plan):
    client = login(getattr(people, persona))
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert client.get(reverse("measures:plan_generate")).status_code == 403
    measure = plan.measures.first()
    url = reverse("measures:measure_edit", args=[plan.pk, measure.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "แก้โดยไม่มีสิทธิ์"}).status_code == 403
    measure.refresh_from_db()
    assert measure.title != "แก้โดยไม่มีสิทธิ์"


def test_another_organisation_cannot_see_the_plan(login, people, plan):
    client = login(people.outsider)
    assert client.get(plan.get_absolute_url()).status_code == 404
    measure = plan.measures.first()
    assert (
        client.post(
            reverse("measures:measure_delete", args=[plan.pk, measure.pk])
        ).status_code
        == 404
    )
    assert Measure.objects.filter(pk=measure.pk).exists()


def measure_data(measure, **changes):
    data = {
        "title": measure.title,
        "steps": "\n".join(measure.steps),
        "lead_division": measure.lead_division_id,
        "divisions": [d.pk for d in measure.divisions.all()],
        "timeframe_kind": "months",
        "start_month": 10,
        "end_month": 3,
        "follow_up": measure.follow_up,
        "reporting_frequency": "quarterly",
        "finding": "",
        "answers": [w.pk for w in measure.answers.all()],
    }
    data.update(changes)
    return data


def test_staff_edit_a_measure_and_the_history_says_who(login, people, plan):
    client = login(people.staff)
    measure = plan.measures.first()
    response = client.post(
        reverse("measures:measure_edit", args=[plan.pk, measure.pk]),
        measure_data(
            measure, title="จัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณ", steps="ขั้นหนึ่ง\n\nขั้นสอง "
        ),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "จัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณ"
    assert measure.steps == ["ขั้นหนึ่ง", "ขั้นสอง"]
    assert measure.timeframe_label() == "ต.ค. 65 – มี.ค. 66"
    assert measure.history.first().history_user == people.staff


def test_staff_name_the_people_responsible_and_every_document_shows_them(
    login, people, plan
):
    """Seed 004's column (๑): the divisions, then people by position."""
    client = login(people.staff)
    measure = plan.measures.first()
    response = client.post(
        reverse("measures:measure_edit", args=[plan.pk, measure.pk]),
        measure_data(measure, responsible_people="1. ผอ.ทุกกอง\n\n2. นิติกร "),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert_in_order(
        pdftotext(renderers.plan_pdf(plan)),
        [measure.lead_division.name, "1. ผอ.ทุกกอง", "2. นิติกร"],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(plan))).active
    cells = [c.value or "" for c in sheet[renderers.XLSX_HEADER_ROW + 1]]
    assert any("1. ผอ.ทุกกอง\n2. นิติกร" in c for c in cells)
    public = {m["title"]: m for m in serializers.build_payload(plan)["measures"]}
    assert public[measure.title]["responsible_people"] == ["1. ผอ.ทุกกอง", "2. นิติกร"]


def test_staff_write_the_reports_preface_and_background_in_their_own_words(
    login, people, plan
):
    """Seed 001's preface tells its office's story; left blank, the analysis
    report keeps the standard text."""
    standard = pdftotext(renderers.analysis_pdf(plan))
    assert squeeze("ได้ดำเนินการการประเมินคุณธรรม") in squeeze(standard)
    client = login(people.staff)
    response = client.post(
        reverse("measures:plan_edit", args=[plan.pk]),
        {
            "title": plan.title,
            "introduction": "",
            "layout": plan.layout,
            "report_preface": "คำนำของเราเอง ย่อหน้าแรก\n\nย่อหน้าที่สอง",
            "report_background": "ความเป็นมาตามที่เราเขียน",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    text = pdftotext(renderers.analysis_pdf(plan))
    assert_in_order(
        text,
        [
            "คำนำ",
            "คำนำของเราเอง ย่อหน้าแรก",
            "ย่อหน้าที่สอง",
            "ความเป็นมาของการประเมิน",
            "ความเป็นมาตามที่เราเขียน",
        ],
    )
    assert squeeze("ได้ดำเนินการการประเมินคุณธรรม") not in squeeze(text)
    history = client.get(reverse("measures:plan_history", args=[plan.pk]))
    assertContains(history, "คำนำของเราเอง")


def test_a_timeframe_that_runs_backwards_is_refused_in_thai(login, people, plan):
    client = login(people.staff)
    measure = plan.measures.first()
    before = measure.title
    response = client.post(
        reverse("measures:measure_edit", args=[plan.pk, measure.pk]),
        measure_data(measure, title="ชื่อใหม่", start_month=3, end_month=10),
    )
    assert response.status_code == 200
    assertContains(response, "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม")
    assertContains(response, "ชื่อใหม่")  # what was typed is kept
    measure.refresh_from_db()
    assert measure.title == before


def test_deleting_a_measure_asks_first_and_shows_what_is_left_uncovered(
    login, people, plan
):
    client = login(people.staff)
    measure = plan.measures.get(answers__code="O24")
    url = reverse("measures:measure_delete", args=[plan.pk, measure.pk])
    assertContains(client.get(url), "ใช่หรือไม่")
    assertRedirects(client.post(url), plan.get_absolute_url())
    page = client.get(plan.get_absolute_url())
    assertContains(page, 'data-testid="uncovered"')
    assert list(plan.measures.values_list("order", flat=True)) == list(
        range(1, plan.measures.count() + 1)
    )


def test_measures_reorder_in_place(login, people, plan):
    client = login(people.staff)
    first, second = plan.measures.order_by("order")[:2]
    response = client.post(
        reverse("measures:measure_move", args=[plan.pk, second.pk, "up"]),
        HTTP_HX_REQUEST="true",
    )
    assertNotContains(response, "<html")
    assert list(plan.measures.order_by("order").values_list("pk", flat=True))[:2] == [
        second.pk,
        first.pk,
    ]


def test_the_analysis_text_is_edited_in_place(login, people, plan):
    client = login(people.staff)
    paragraph = plan.analysis.first()
    url = reverse("measures:analysis_edit", args=[plan.pk, paragraph.pk])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assertNotContains(form, "<html")
    response = client.post(url, {"text": "ข้อความใหม่ของหน่วยงาน"}, HTTP_HX_REQUEST="true")
    assertContains(response, "ข้อความใหม่ของหน่วยงาน")
    paragraph.refresh_from_db()
    assert paragraph.text == "ข้อความใหม่ของหน่วยงาน"


def test_an_approved_plan_is_not_edited_in_place(login, people, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    client = login(people.staff)
    measure = plan.measures.first()
    url = reverse("measures:measure_edit", args=[plan.pk, measure.pk])
    assert client.post(url, measure_data(measure, title="เปลี่ยน")).status_code == 403
    measure.refresh_from_db()
    assert measure.title != "เปลี่ยน"
    assert str(NOT_A_DRAFT)


def test_a_superuser_edits_the_template_library_in_admin(client, django_user_model):
    from measures.models import MeasureTemplate

    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    verify_session(client, root)  # Django admin asks for a second factor
    template = MeasureTemplate.objects.library().first()
    assert template is not None
    page = client.get(
        reverse("admin:measures_measuretemplate_change", args=[template.pk])
    )
    assertContains(page, template.title)


def test_staff_word_the_measures_tables_headers_as_their_seed_does(login, people, plan):
    """Seed 003 heads two columns its own way: the form shows the layout's
    headers, one a line, to be changed in place; the PDF and the history
    follow; a header too few is refused in Thai on its field."""
    client = login(people.staff)
    url = reverse("measures:plan_edit", args=[plan.pk])
    page = client.get(url)
    assertContains(page, "หัวตารางมาตรการ")
    assertContains(page, "พิมพ์ชื่อมาตรการในช่องแรกของตาราง")
    form = page.context["form"]
    shown = {
        bound.html_name: bound.value()
        for bound in form
        if bound.value() not in (None, False)
    }
    assert shown["column_headers"].splitlines() == [
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินงาน",
        "ผู้รับผิดชอบ",
        "ระยะเวลา ดำเนินการ",
        "การติดตามผล",
    ]
    assert shown["measure_titles_shown"] is True

    short = {**shown, "column_headers": "มาตรการ/แนวทาง\nวิธีการดำเนินการ"}
    refused = client.post(url, short)
    assert refused.status_code == 200
    assertContains(refused, "ตารางของรูปแบบเอกสารนี้มี 5 ช่อง")
    plan.refresh_from_db()
    assert plan.column_headers == ""

    seed_003 = (
        "มาตรการ/แนวทาง\r\nวิธีการดำเนินการ\r\nผู้รับผิดชอบ\r\n"
        "ระยะเวลาในการดำเนินการ\r\nการติดตามผล"
    )
    response = client.post(url, {**shown, "column_headers": seed_003})
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    text = pdftotext(renderers.plan_pdf(plan))
    assert_in_order(
        text,
        ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาในการดำเนินการ"],
    )
    assert squeeze("วิธีการดำเนินงาน") not in squeeze(text)
    history = client.get(reverse("measures:plan_history", args=[plan.pk]))
    assertContains(history, "หัวตารางมาตรการ")
    assertContains(history, "ระยะเวลาในการดำเนินการ")
    # The page shows the office's headers next time.
    again = client.get(url).context["form"]["column_headers"].value()
    assert again.splitlines()[3] == "ระยะเวลาในการดำเนินการ"
