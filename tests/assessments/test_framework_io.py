"""A superuser's work on a year's framework (issue 18, part 3): copying a year
to the next, exporting and importing it as JSON or XLSX, and what an import
refuses, in Thai, without saving anything."""

import copy
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.catalogue import EDITED_IN_ADMIN
from assessments.framework_data import (
    FrameworkDataError,
    clean_framework,
    framework_export,
    structure,
)
from assessments.framework_xlsx import framework_from_xlsx, framework_to_xlsx
from assessments.models import FrameworkYear, GradeBand, Indicator, Item
from tests.factories import UserFactory
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db

THAI = "\u0e00-\u0e7f"


def year(fiscal_year: int) -> FrameworkYear:
    return FrameworkYear.objects.get(fiscal_year=fiscal_year)


def counts() -> tuple:
    return (
        FrameworkYear.objects.count(),
        Indicator.objects.count(),
        Item.objects.count(),
        GradeBand.objects.count(),
    )


def renumbered(data: dict, fiscal_year: int) -> dict:
    data = copy.deepcopy(data)
    data["fiscal_year"] = fiscal_year
    return data


def assert_refused(data, *words):
    before = counts()
    with pytest.raises(FrameworkDataError) as caught:
        services.framework_import(data=data)
    assert counts() == before
    text = " ".join(caught.value.messages)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in text), text
    for word in words:
        assert word in text
    return caught.value.messages


def test_fy2570_exists_after_migrate_and_is_provisional():
    fy2570 = year(2570)
    assert fy2570.provisional
    assert fy2570.measures_item.code == "O25"
    assert fy2570.progress_item.code == "O26"
    assert not year(2566).provisional


def test_copying_a_year_gives_an_equal_and_independent_new_year():
    source = year(2566)
    copied = services.framework_copy(source=source, fiscal_year=2580)
    assert copied.provisional
    assert copied.source_digest == EDITED_IN_ADMIN
    before, after = framework_export(source), framework_export(copied)
    assert structure(after) == structure(renumbered(before, 2580))
    assert after["instruments"] == before["instruments"]
    assert after["notes"][0].startswith("Copied from FY2566")
    # The rows are the new year's own: editing them leaves the source alone.
    item = copied.items.get(code="O42")
    item.text_th = "ข้อความใหม่"
    item.save()
    copied.indicators.filter(number=1).update(name_th="ชื่อใหม่")
    assert framework_export(year(2566)) == before
    assert copied.items.filter(role="measures").get().code == "O42"


def test_a_year_cannot_be_copied_onto_an_existing_one():
    before = counts()
    with pytest.raises(FrameworkDataError) as caught:
        services.framework_copy(source=year(2569), fiscal_year=2570)
    assert "2570" in caught.value.messages[0]
    assert counts() == before


def test_json_export_then_import_gives_an_equal_framework():
    data = framework_export(year(2569))
    imported = services.framework_import(data=renumbered(data, 2590))
    assert framework_export(imported) == renumbered(data, 2590)
    assert imported.source_digest == EDITED_IN_ADMIN


def test_xlsx_export_then_import_gives_an_equal_framework():
    data = framework_export(year(2562))
    read = framework_from_xlsx(framework_to_xlsx(renumbered(data, 2591)))
    assert clean_framework(read) == clean_framework(renumbered(data, 2591))
    imported = services.framework_import(data=read)
    assert framework_export(imported) == renumbered(data, 2591)


def test_the_shipped_files_pass_the_import_checks():
    for fiscal_year in range(2562, 2571):
        data = framework_export(year(fiscal_year))
        assert clean_framework(data) == data


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["instruments"][0]["indicators"][0].update(weight="7.00"), ["IIT"]),
        (lambda d: d["instruments"][2].update(weight="41.00"), ["100"]),
        (
            lambda d: d["instruments"][0]["indicators"][1]["items"][0].update(
                code="i1"
            ),
            ["i1", "ซ้ำ"],
        ),
        (lambda d: d["grade_bands"][2].update(min="96.00"), ["ระดับ"]),
        (lambda d: d["grade_bands"][-1].update(min="10.00"), ["0"]),
        (lambda d: d.update(measures_item="O99"), ["O99"]),
        (lambda d: d.update(progress_item=d["measures_item"]), ["คนละข้อ"]),
        (lambda d: d.update(fiscal_year="2590"), ["ปีงบประมาณ"]),
        (lambda d: d["instruments"][0].update(code="X" * 20), ["8"]),
        (lambda d: d["instruments"][2]["indicators"][0].pop("name_th"), ["name_th"]),
        (
            lambda d: d["instruments"][2]["indicators"][1]["sub_indicators"][0][
                "items"
            ].append("O1"),
            ["O1"],
        ),
    ],
    ids=[
        "indicator-weights",
        "total-weight",
        "duplicate-code",
        "bands-out-of-order",
        "bands-not-to-zero",
        "missing-role-item",
        "same-role-item",
        "year-as-text",
        "code-too-long",
        "missing-name",
        "stray-sub-item",
    ],
)
def test_an_invalid_import_is_refused_in_thai_and_saves_nothing(change, words):
    data = renumbered(framework_export(year(2566)), 2595)
    change(data)
    assert_refused(data, *words)
    assert not FrameworkYear.objects.filter(fiscal_year=2595).exists()


def test_an_invalid_import_over_an_unused_year_leaves_it_as_it_was():
    before = framework_export(year(2567))
    data = copy.deepcopy(before)
    data["instruments"][0]["weight"] = "31.00"
    assert_refused(data, "IIT")
    assert framework_export(year(2567)) == before


def test_a_year_in_use_refuses_a_structural_import(assessment_2565):
    before = framework_export(year(2565))
    data = copy.deepcopy(before)
    data["instruments"][2]["indicators"][0]["sub_indicators"].pop()
    assert_refused(data, "2565", "มีผลการประเมินใช้อยู่แล้ว")
    data = copy.deepcopy(before)
    data["grade_bands"][1]["min"] = "86.00"
    assert_refused(data, "2565")
    assert framework_export(year(2565)) == before


def test_a_year_in_use_takes_new_texts_from_an_import(assessment_2565):
    data = framework_export(year(2565))
    data["instruments"][2]["indicators"][0]["items"][0]["text_th"] = "ชื่อตามคู่มือ"
    data["provisional"] = True
    services.framework_import(data=data)
    fy2565 = year(2565)
    assert fy2565.items.get(code="O1").text_th == "ชื่อตามคู่มือ"
    assert fy2565.provisional
    assert framework_export(fy2565) == data


def test_an_unused_year_is_replaced_by_an_import():
    data = framework_export(year(2568))
    data["measures_item"], data["progress_item"] = "O25", "O26"
    data["grade_bands"][0]["min"] = "96.00"
    services.framework_import(data=data)
    fy2568 = year(2568)
    assert fy2568.measures_item.code == "O25"
    assert fy2568.grade_bands.first().min_score == Decimal("96.00")


# --- The pages ----------------------------------------------------------------


@pytest.fixture
def superuser(client):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user)
    return verify_session(client, user)  # Django admin needs the second factor


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content)


def test_the_superuser_copies_a_year_on_its_page(superuser):
    url = reverse("assessments:framework_copy", args=[2569])
    response = superuser.get(url)
    assert response.status_code == 200
    assert 'value="2570"' in response.content.decode()
    response = superuser.post(url, {"fiscal_year": "2570"})
    assert response.status_code == 200  # 2570 exists already
    assert "มีกรอบการประเมินของปีงบประมาณ 2570 อยู่แล้ว" in response.content.decode()
    response = superuser.post(url, {"fiscal_year": "2571"})
    assert response.status_code == 302
    assert year(2571).provisional


def test_the_superuser_exports_and_imports_on_the_pages(superuser):
    response = superuser.get(reverse("assessments:framework_export_json", args=[2566]))
    data = json.loads(response.content)
    assert data == framework_export(year(2566))
    data["fiscal_year"] = 2596
    response = superuser.post(
        reverse("assessments:framework_import"),
        {"file": upload("2596.json", json.dumps(data).encode())},
    )
    assert response.status_code == 302
    xlsx = superuser.get(reverse("assessments:framework_export_xlsx", args=[2596]))
    assert xlsx.content.startswith(b"PK")
    year(2596).delete()
    response = superuser.post(
        reverse("assessments:framework_import"),
        {"file": upload("2596.xlsx", xlsx.content)},
    )
    assert response.status_code == 302
    assert framework_export(year(2596)) == data | {"provisional": False}


def test_the_import_page_shows_the_problems_in_thai(superuser):
    data = framework_export(year(2566))
    data["fiscal_year"] = 2597
    data["instruments"][1]["weight"] = "20.00"
    response = superuser.post(
        reverse("assessments:framework_import"),
        {"file": upload("bad.json", json.dumps(data).encode())},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ยังไม่ได้บันทึก" in page
    assert "น้ำหนักของตัวชี้วัดในเครื่องมือ EIT" in page
    assert not FrameworkYear.objects.filter(fiscal_year=2597).exists()
    response = superuser.post(
        reverse("assessments:framework_import"),
        {"file": upload("bad.json", b"\xff\xfe not json")},
    )
    assert response.status_code == 400
    assert "ไฟล์ต้องเป็น JSON" in response.content.decode()


def test_the_admin_pages_link_to_copy_export_and_import(superuser):
    fy = year(2569)
    page = superuser.get(
        reverse("admin:assessments_frameworkyear_change", args=[fy.pk])
    ).content.decode()
    assert reverse("assessments:framework_copy", args=[2569]) in page
    assert reverse("assessments:framework_export_xlsx", args=[2569]) in page
    page = superuser.get(
        reverse("admin:assessments_frameworkyear_changelist")
    ).content.decode()
    assert reverse("assessments:framework_import") in page


def test_the_history_says_who_copied_and_who_imported_a_year():
    superuser = UserFactory(username="root2", is_superuser=True, is_staff=True)
    copied = services.framework_copy(source=year(2569), fiscal_year=2580, by=superuser)
    entry = copied.history.first()
    assert entry.history_user == superuser
    assert entry.history_change_reason == "คัดลอกจากกรอบการประเมินปี 2569"
    data = framework_export(copied)
    data["name_th"] = data.get("name_th", "") + " (แก้ไข)"
    services.framework_import(data=data, by=superuser)
    entry = copied.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        superuser,
        "นำเข้ากรอบการประเมิน",
    )
