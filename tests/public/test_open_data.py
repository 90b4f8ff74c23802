"""The national open data: exactly what the public pages show, nothing
unpublished, as CSV with a BOM and JSON, with DCAT metadata."""

import csv
import io
import json

import pytest
from django.urls import reverse

from measures import services
from public import opendata
from public.models import OpenDataFile

pytestmark = pytest.mark.django_db


def files(client, year):
    csv_response = client.get(reverse("public:data_file", args=[year, "csv"]))
    json_response = client.get(reverse("public:data_file", args=[year, "json"]))
    return csv_response, json_response


def test_the_files_hold_what_the_public_page_shows(client, published, org):
    csv_response, json_response = files(client, 2566)
    assert csv_response.status_code == 200
    assert csv_response.content.startswith(b"\xef\xbb\xbf")  # Excel reads the Thai
    page = client.get(reverse("public:plan_json", args=[org.slug, 2566])).json()
    data = json.loads(json_response.content)
    (plan,) = data["plans"]
    for key in ("title", "revision", "approved_at", "published_at", "assessment"):
        assert plan[key] == page[key]
    assert plan["measures"] == [
        {**m, "evidence": m["evidence"]} for m in page["measures"]
    ]
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert [r["measure_title"] for r in rows] == [m["title"] for m in page["measures"]]
    assert {r["organization_name"] for r in rows} == {org.name}
    assert rows[0]["assessment_overall"] == page["assessment"]["overall"]
    assert rows[0]["divisions"] == " | ".join(page["measures"][0]["divisions"])
    assert list(rows[0]) == [name for name, _ in opendata.COLUMNS]


def test_a_draft_a_returned_plan_and_an_unpublished_revision_never_appear(
    client, published, people, org, other_org, assessment
):
    # An unpublished revision of the published plan, with a changed measure.
    draft = services.plan_revise(plan=published, by=people.staff)
    measure = draft.measures.first()
    measure.title = "มาตรการในฉบับที่ยังไม่เผยแพร่"
    services.measure_save(
        measure=measure,
        divisions=list(measure.divisions.all()),
        answers=list(measure.answers.all()),
    )
    # Another office's plan, sent to the executives and sent back (withdrawn).
    from assessments import services as scores
    from tests.assessments.seeds import NONGPHAILOM_2565

    other = scores.assessment_create(organization=other_org, fiscal_year=2565, by=None)
    scores.assessment_set_scores(assessment=other, by=None, indicators=NONGPHAILOM_2565)
    returned = services.plan_generate(assessment=other, fiscal_year=2566)
    services.plan_submit(plan=returned, by=people.staff)
    services.plan_return(plan=returned, by=people.mayor, reason="แก้ไข")
    opendata.build_year(2566)
    csv_response, json_response = files(client, 2566)
    text = csv_response.content.decode("utf-8-sig") + json_response.content.decode()
    assert "มาตรการในฉบับที่ยังไม่เผยแพร่" not in text
    assert other_org.name not in text
    data = json.loads(json_response.content)
    assert [p["revision"] for p in data["plans"]] == [1]


def test_nothing_published_is_no_file(client, plan):
    csv_response, json_response = files(client, 2566)
    assert csv_response.status_code == json_response.status_code == 404
    assert (
        client.get(reverse("public:data_file", args=[2566, "xml"])).status_code == 404
    )


def test_publishing_rebuilds_the_year(
    client, plan, people, django_capture_on_commit_callbacks
):
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(plan=plan, by=people.staff)
    built = OpenDataFile.objects.get(fiscal_year=2566, format="json")
    assert built.plans == 1 and built.rows == plan.measures.count()


def test_the_catalogue_describes_each_distribution(client, published, settings):
    settings.OPEN_DATA_LICENSE = "https://opendefinition.org/licenses/odc-by/"
    opendata.build_year(2566)
    catalogue = client.get(reverse("public:data_catalog")).json()
    (dataset,) = catalogue["dcat:dataset"]
    assert dataset["dct:license"] == settings.OPEN_DATA_LICENSE
    assert (
        dataset["dct:title"] and dataset["dct:description"] and dataset["dct:modified"]
    )
    urls = [d["dcat:downloadURL"] for d in dataset["dcat:distribution"]]
    assert urls == [
        "http://testserver/public/data/2566.csv",
        "http://testserver/public/data/2566.json",
    ]
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    page = client.get(reverse("public:data"))
    assert "measure_title" in page.content.decode()
    assert "2566.csv" in page.content.decode()
