"""Evidence files are served only to those who may see them, and to anyone
once a published round reports them."""

from datetime import date

import pytest
from django.urls import reverse

from measures import rules, services
from measures.models import Evidence
from tests.measures.progress_helpers import PDF, pdf, png, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(people, approved_plan, media):
    measure = approved_plan.measures.get(order=1)
    update = services.progress_update_create(
        measure=measure,
        by=people.head_a,
        status="done",
        result="ได้จัดทำคำสั่งแต่งตั้งแล้ว",
        reported_on=date(2023, 9, 1),
        files=[pdf(), png(), xlsx()],
    )
    return list(update.evidence.order_by("pk"))


def url(evidence):
    return reverse("measures:evidence", args=[evidence.pk])


@pytest.mark.parametrize("persona", ["head_a", "head_b", "staff", "mayor", "admin"])
def test_members_of_the_organisation_download_evidence(
    login, people, persona, evidence
):
    response = login(getattr(people, persona)).get(url(evidence[0]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "inline" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_download_as_attachments_with_their_own_name(login, people, evidence):
    response = login(people.staff).get(url(evidence[2]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%E0%B8%AA" in response["Content-Disposition"]  # สรุปผล


def test_other_organisations_get_404_and_visitors_the_login_page(
    client, login, people, evidence
):
    anonymous = client.get(url(evidence[0]))
    assert anonymous.status_code == 302
    assert reverse("login") in anonymous["Location"]
    assert login(people.outsider).get(url(evidence[0])).status_code == 404
    assert rules.evidence_is_public(evidence[0]) is False
    assert not Evidence.objects.public().exists()


def test_a_missing_file_is_404_not_an_error(login, people, evidence):
    evidence[0].file.storage.delete(evidence[0].file.name)
    assert login(people.staff).get(url(evidence[0])).status_code == 404


def test_evidence_becomes_public_when_its_round_is_published(
    client, login, people, approved_plan, evidence
):
    round_ = services.round_open(plan=approved_plan, period="year", by=people.staff)
    # Reported after the round's end (30 Sep 2023): not in its report.
    later = services.progress_update_create(
        measure=approved_plan.measures.get(order=1),
        by=people.head_a,
        status="done",
        result="เพิ่มภาพกิจกรรม",
        reported_on=date(2023, 10, 5),
        seen_latest_id=evidence[0].update_id,
        files=[png("หลังปิดรอบ.png")],
    ).evidence.get()
    services.round_close(round_=round_, by=people.staff)
    assert rules.evidence_is_public(evidence[0]) is False  # closed, not public
    services.round_approve(round_=round_, by=people.mayor)
    assert client.get(url(evidence[0])).status_code == 302
    services.round_publish(round_=round_, by=people.staff)

    assert all(rules.evidence_is_public(e) for e in evidence)
    assert rules.evidence_is_public(later) is False
    assert set(Evidence.objects.public()) == set(evidence)
    assert client.get(url(evidence[0])).status_code == 200
    assert client.get(url(later)).status_code == 302  # still for members only
    outsider = login(people.outsider)
    assert outsider.get(url(evidence[1])).status_code == 200
    assert outsider.get(url(later)).status_code == 404
