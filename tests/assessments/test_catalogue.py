import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments import services
from assessments.catalogue import (
    EDITED_IN_ADMIN,
    framework_files,
    framework_spec,
    load_all,
    read_year,
)
from assessments.models import FrameworkYear, Indicator, Item, SubIndicator
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db


def structure(year):
    framework = FrameworkYear.objects.get(fiscal_year=year)
    return (
        framework.pass_mark,
        list(framework.indicators.values_list("number", "name_th", "weight")),
        list(
            framework.items.values_list("code", "kind", "role", "sub_indicator__code")
        ),
        list(framework.grade_bands.values_list("grade", "min_score")),
    )


def test_every_year_file_is_loaded_after_migrate():
    years = {read_year(path)["fiscal_year"] for path in framework_files()}
    assert set(FrameworkYear.objects.values_list("fiscal_year", flat=True)) == years
    assert {2562, 2563, 2564, 2565, 2566} <= years


def test_the_measures_and_progress_items_come_from_the_data_not_the_code():
    assert FrameworkYear.objects.get(fiscal_year=2566).measures_item.code == "O42"
    assert FrameworkYear.objects.get(fiscal_year=2566).progress_item.code == "O43"
    assert FrameworkYear.objects.get(fiscal_year=2568).measures_item is None


def test_loading_twice_changes_nothing(capsys):
    before = {year: structure(year) for year in (2562, 2565, 2566)}
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    call_command("load_framework")
    out = capsys.readouterr().out
    assert "เป็นปัจจุบันอยู่แล้ว" in out
    assert {year: structure(year) for year in before} == before
    assert list(Item.objects.order_by("pk").values_list("pk", flat=True)) == ids


def test_a_year_in_use_is_not_rewritten_by_a_changed_file(org, monkeypatch):
    services.assessment_create(organization=org, fiscal_year=2565, by=None)
    before = structure(2565)
    framework = FrameworkYear.objects.get(fiscal_year=2565)
    framework.source_digest = "an older release"
    framework.save()
    outcomes = {o.fiscal_year: o.status for o in load_all({2565})}
    assert outcomes == {2565: "kept-in-use"}
    assert structure(2565) == before


def test_an_unused_year_follows_a_changed_file():
    framework = FrameworkYear.objects.get(fiscal_year=2566)
    framework.source_digest = "an older release"
    framework.save()
    Indicator.objects.filter(framework=framework, number=1).update(name_th="ผิด")
    assert {o.status for o in load_all({2566})} == {"updated"}
    assert framework.indicators.get(number=1).name_th == "การปฏิบัติหน้าที่"


def test_a_year_corrected_in_admin_is_left_as_the_superuser_made_it(
    client, django_user_model
):
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    verify_session(client, root)  # Django admin needs the second factor
    framework = FrameworkYear.objects.get(fiscal_year=2567)
    page = client.get(
        reverse("admin:assessments_frameworkyear_change", args=[framework.pk])
    )
    assert page.status_code == 200
    for doubt in framework.doubts[:2]:
        assert doubt.split("'")[0][:40] in page.content.decode()
    framework.refresh_from_db()
    framework.source_digest = EDITED_IN_ADMIN
    framework.save()
    assert {o.status for o in load_all({2567})} == {"kept-edited"}


def test_admin_freezes_the_structure_of_a_year_in_use(client, django_user_model, org):
    services.assessment_create(organization=org, fiscal_year=2565, by=None)
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    verify_session(client, root)  # Django admin needs the second factor
    framework = FrameworkYear.objects.get(fiscal_year=2565)
    page = client.get(
        reverse("admin:assessments_frameworkyear_change", args=[framework.pk])
    )
    content = page.content.decode()
    assert "มีผลการประเมินใช้อยู่แล้ว" in content
    assert 'name="pass_mark"' not in content
    assert 'name="indicators-0-weight"' not in content


# --- English names (issue 22) ------------------------------------------------


def english(year):
    framework = FrameworkYear.objects.get(fiscal_year=year)
    return (
        list(framework.instruments.values_list("code", "name_en")),
        list(framework.indicators.values_list("number", "name_en")),
        list(
            SubIndicator.objects.filter(indicator__framework=framework)
            .order_by("code")
            .values_list("code", "name_en")
        ),
        list(framework.items.values_list("code", "text_en")),
    )


def test_a_loaded_year_has_the_files_english_names():
    framework = FrameworkYear.objects.get(fiscal_year=2566)
    assert framework.instruments.get(code="IIT").name_en == (
        "Internal Integrity and Transparency Assessment"
    )
    assert framework.indicators.get(number=1).name_en == "Performance of duties"
    sub = SubIndicator.objects.get(indicator__framework=framework, code="9.1")
    assert sub.name_en == "Basic information"
    assert framework.items.get(code="O42").text_en.startswith("Measures to promote")
    assert framework.items.get(code="i7").text_en == ""  # no English made up


def test_a_year_in_use_gains_the_english_names_and_nothing_else(org):
    """A year loaded before the files had English names, and used since,
    gets them from the next load; its structure and its rows stay."""
    services.assessment_create(organization=org, fiscal_year=2565, by=None)
    expected = english(2565)
    framework = FrameworkYear.objects.get(fiscal_year=2565)
    framework.source_digest = "a release without English names"
    framework.save()
    Indicator.objects.filter(framework=framework).update(name_en="")
    SubIndicator.objects.filter(indicator__framework=framework).update(name_en="")
    Item.objects.filter(framework=framework).update(text_en="")
    before = structure(2565)
    ids = list(framework.items.order_by("pk").values_list("pk", flat=True))
    framework.refresh_from_db()
    assert framework_spec(framework).indicator(1).name_en == ""  # cached

    assert {o.status for o in load_all({2565})} == {"translated"}
    assert english(2565) == expected
    spec = framework_spec(FrameworkYear.objects.get(fiscal_year=2565))
    assert spec.indicator(1).name_en == "Performance of duties"
    assert structure(2565) == before
    assert list(framework.items.order_by("pk").values_list("pk", flat=True)) == ids
    assert {o.status for o in load_all({2565})} == {"kept-in-use"}  # idempotent


def test_an_english_name_is_given_only_to_the_thai_text_it_translates(org):
    services.assessment_create(organization=org, fiscal_year=2565, by=None)
    framework = FrameworkYear.objects.get(fiscal_year=2565)
    framework.source_digest = "an older release"
    framework.save()
    Indicator.objects.filter(framework=framework).update(name_en="")
    Indicator.objects.filter(framework=framework, number=2).update(name_th="อื่น")
    load_all({2565})
    assert framework.indicators.get(number=1).name_en == "Performance of duties"
    assert framework.indicators.get(number=2).name_en == ""


def test_a_year_corrected_in_admin_keeps_its_english_names_too():
    framework = FrameworkYear.objects.get(fiscal_year=2567)
    framework.source_digest = EDITED_IN_ADMIN
    framework.save()
    Indicator.objects.filter(framework=framework, number=1).update(name_en="Duty")
    assert {o.status for o in load_all({2567})} == {"kept-edited"}
    assert framework.indicators.get(number=1).name_en == "Duty"
