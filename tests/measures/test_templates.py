"""An organisation's own measure templates and the library it hides."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from measures import services
from measures.models import MeasureTemplate

pytestmark = pytest.mark.django_db

LIST = reverse("measures:template_list")


def template_data(**changes):
    data = {
        "title": "ประชุมชี้แจงแนวทางการใช้รถยนต์ส่วนกลาง",
        "steps": "จัดทำแนวทาง\nประชุมชี้แจงพนักงาน",
        "indicators": ["4"],
        "items": "",
        "items_year": "",
        "division_kind": "clerk",
        "timeframe_kind": "months",
        "start_month": "10",
        "end_month": "12",
        "quarter": "",
        "follow_up": "รายงานผลในการประชุมประจำเดือน",
        "reporting_frequency": "monthly",
        "finding": "",
    }
    data.update(changes)
    return data


def test_staff_add_their_own_template(login, people, org):
    client = login(people.staff)
    response = client.post(reverse("measures:template_add"), template_data())
    assertRedirects(response, LIST)
    template = MeasureTemplate.objects.get(organization=org)
    assert template.steps == ["จัดทำแนวทาง", "ประชุมชี้แจงพนักงาน"]
    assert template.timeframe == {"kind": "months", "start_month": 10, "end_month": 12}
    assertContains(client.get(LIST + "?q=รถยนต์"), template.title)


def test_a_bad_template_is_refused_in_thai_and_keeps_the_typing(login, people, org):
    client = login(people.staff)
    response = client.post(
        reverse("measures:template_add"),
        template_data(items="O24, X9", timeframe_kind="quarter", quarter=""),
    )
    assert response.status_code == 200
    assertContains(response, "รหัสข้อไม่ถูกต้อง: X9")
    assertContains(response, "กรุณาเลือกไตรมาส")
    assertContains(response, "ประชุมชี้แจงแนวทางการใช้รถยนต์ส่วนกลาง")
    assert not MeasureTemplate.objects.filter(organization=org).exists()


def test_hidden_library_templates_are_not_chosen(login, people, org, assessment):
    first = services.plan_generate(assessment=assessment, fiscal_year=2566)
    chosen = first.measures.exclude(template=None).first().template
    first.delete()

    client = login(people.staff)
    client.post(reverse("measures:template_hide", args=[chosen.pk]), {"hidden": "1"})
    assert org in chosen.hidden_by.all()
    page = client.get(LIST + f"?q={chosen.title[:20]}")
    assertContains(page, "ซ่อนอยู่")

    plan = services.plan_generate(assessment=assessment, fiscal_year=2566)
    assert chosen.pk not in plan.measures.values_list("template", flat=True)

    client.post(reverse("measures:template_hide", args=[chosen.pk]), {"hidden": "0"})
    assert org not in chosen.hidden_by.all()


def test_copying_a_library_template_makes_an_editable_own_one(login, people, org):
    library = MeasureTemplate.objects.library().first()
    client = login(people.staff)
    response = client.post(reverse("measures:template_copy", args=[library.pk]))
    copy = MeasureTemplate.objects.get(organization=org)
    assertRedirects(response, reverse("measures:template_edit", args=[copy.pk]))
    assert (copy.title, copy.steps) == (library.title, library.steps)
    assert org in library.hidden_by.all()
    response = client.post(
        reverse("measures:template_edit", args=[copy.pk]),
        template_data(title="ฉบับของเทศบาล"),
    )
    copy.refresh_from_db()
    library.refresh_from_db()
    assert copy.title == "ฉบับของเทศบาล" and library.title != "ฉบับของเทศบาล"


@pytest.mark.parametrize("persona", ["head_a", "mayor"])
def test_only_staff_manage_templates(login, people, org, persona):
    library = MeasureTemplate.objects.library().first()
    own = MeasureTemplate.objects.create(
        organization=org, key="own-1", title="ของหน่วยงาน", division_kind="all"
    )
    client = login(getattr(people, persona))
    assert client.get(LIST).status_code == 200
    assertNotContains(client.get(LIST), reverse("measures:template_add"))
    assert (
        client.post(reverse("measures:template_add"), template_data()).status_code
        == 403
    )
    assert (
        client.post(
            reverse("measures:template_hide", args=[library.pk]), {"hidden": "1"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("measures:template_copy", args=[library.pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("measures:template_delete", args=[own.pk])).status_code
        == 403
    )
    assert not library.hidden_by.exists()
    assert MeasureTemplate.objects.filter(organization=org).count() == 1


def test_another_organisations_templates_are_404(login, people, other_org):
    theirs = MeasureTemplate.objects.create(
        organization=other_org, key="own-1", title="ของเมืองอื่น", division_kind="all"
    )
    client = login(people.staff)
    assertNotContains(client.get(LIST), "ของเมืองอื่น")
    for name in ("template_edit", "template_delete"):
        assert (
            client.get(reverse(f"measures:{name}", args=[theirs.pk])).status_code == 404
        )


def test_staff_delete_their_template_after_confirming(login, people, org):
    own = MeasureTemplate.objects.create(
        organization=org, key="own-1", title="ของหน่วยงาน", division_kind="all"
    )
    client = login(people.staff)
    url = reverse("measures:template_delete", args=[own.pk])
    assertContains(client.get(url), "ลบแม่แบบ “ของหน่วยงาน” ใช่หรือไม่")
    assert MeasureTemplate.objects.filter(pk=own.pk).exists()
    assertRedirects(client.post(url), LIST)
    assert not MeasureTemplate.objects.filter(pk=own.pk).exists()


def test_the_library_filters_by_indicator_and_keeps_the_filter_across_pages(
    login, people
):
    client = login(people.staff)
    page = client.get(LIST + "?indicator=4")
    titles = [t.title for t in page.context["page"]]
    assert titles and all(
        4 in t.indicators for t in MeasureTemplate.objects.filter(title__in=titles)
    )
    everything = client.get(LIST + "?q=&indicator=")
    assertContains(everything, "?q=&amp;indicator=&amp;page=2")
