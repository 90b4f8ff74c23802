"""The audit chain: each memo event is appended with the previous entry's
hash; `verify_audit` passes on the untouched chain and names the first
broken row when one was altered, removed (from the end too: the chain's
head says where it ended) or inserted with raw SQL; on PostgreSQL triggers
refuse UPDATE and DELETE outright, and a head moved back."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.chain import GENESIS, entry_hash
from audit.models import AuditEntry
from audit.services import audit_record
from reports import services as memos

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


@pytest.fixture
def chain(org, people):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )


@pytest.fixture
def approved(plan, people, chain, media):
    """A memo sent, returned, sent again, endorsed and approved."""
    memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=False, comment="แก้ไขก่อน")
    memos.memo_send(memo=memo, by=people.staff)
    memos.memo_decide(memo=memo, by=people.palad, approve=True)
    memos.memo_decide(memo=memo, by=people.mayor, approve=True, second_factor=True)
    return memo


def _verify(org=None) -> str:
    args = ["--org", org.slug] if org else []
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def test_the_memo_events_are_chained_in_order(org, people, approved):
    entries = list(AuditEntry.objects.filter(organization=org).order_by("sequence"))
    assert [e.action for e in entries] == [
        "submitted",
        "rejected",
        "submitted",
        "endorsed",
        "approved",
    ]
    assert entries[0].previous_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.previous_hash == before.hash
        assert after.sequence == before.sequence + 1
    assert all(entry_hash(e) == e.hash for e in entries)
    assert (
        entries[1].actor == people.palad and entries[1].payload["comment"] == "แก้ไขก่อน"
    )
    assert entries[-1].payload["second_factor"] is True
    assert "intact" in _verify(org)


def test_each_organisation_has_its_own_chain(org, other_org, people, approved):
    entry = audit_record(
        organization=other_org,
        actor=people.outsider,
        action="submitted",
        target=("reports.memo", "999"),
        payload={"x": 1},
    )
    assert entry.sequence == 1 and entry.previous_hash == GENESIS
    assert _verify().count("intact") == 2


def _raw(sql, params, tables=("audit_auditentry",)):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What someone with the database's owner rights would do first.
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def test_a_row_altered_with_raw_sql_is_named(org, approved):
    """Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""
    entry = AuditEntry.objects.get(organization=org, sequence=2)
    _raw(
        "UPDATE audit_auditentry SET payload = %s WHERE id = %s",
        ['{"comment": "ไม่มีอะไร"}', entry.pk],
    )
    with pytest.raises(CommandError) as error:
        _verify(org)
    message = str(error.value)
    assert f"row id {entry.pk} (sequence 2, rejected)" in message
    assert "altered" in message


def test_a_row_removed_is_named(org, approved):
    entry = AuditEntry.objects.get(organization=org, sequence=3)
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(CommandError) as error:
        _verify(org)
    assert "sequence 4" in str(error.value) and "removed or inserted" in str(
        error.value
    )


def test_rows_removed_from_the_end_are_named(org, approved):
    """A chain cut short still holds link by link; its head says where it
    ended."""
    newest = AuditEntry.objects.filter(organization=org).order_by("-sequence")
    last = newest[0].sequence
    _raw(
        "DELETE FROM audit_auditentry WHERE organization_id = %s AND sequence >= %s",
        [org.pk, last - 1],
    )
    with pytest.raises(CommandError) as error:
        _verify(org)
    message = str(error.value)
    assert f"ends at sequence {last - 2}" in message
    assert f"written at {last}" in message and "removed from its end" in message


def test_after_rows_cut_from_the_end_the_chain_goes_on_from_its_head(
    org, people, approved
):
    """A new entry neither hides the cut (the head stays ahead of the rows)
    nor fails (the head only moves forward, as PostgreSQL's trigger asks)."""
    last = AuditEntry.objects.filter(organization=org).order_by("-sequence")[0]
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    entry = audit_record(
        organization=org,
        actor=people.admin,
        action="key_issued",
        target=org,
        payload={},
    )
    assert entry.sequence == last.sequence + 1 and entry.previous_hash == last.hash
    with pytest.raises(CommandError) as error:
        _verify(org)
    assert f"sequence {entry.sequence} where {last.sequence} was expected" in str(
        error.value
    )


def test_a_head_removed_or_moved_back_with_the_rows_is_named(org, approved):
    last = AuditEntry.objects.filter(organization=org).order_by("-sequence")[0]
    _raw(
        "DELETE FROM audit_auditentry WHERE id = %s",
        [last.pk],
    )
    _raw(
        "UPDATE audit_chainhead SET sequence = %s WHERE organization_id = %s",
        [last.sequence - 1, org.pk],
        tables=("audit_chainhead",),
    )
    with pytest.raises(CommandError) as error:
        _verify(org)
    assert "does not match its newest row" in str(error.value)
    _raw(
        "DELETE FROM audit_chainhead WHERE organization_id = %s",
        [org.pk],
        tables=("audit_chainhead",),
    )
    with pytest.raises(CommandError) as error:
        _verify(org)
    assert "head (its newest entry as written) is missing" in str(error.value)


def test_a_row_inserted_is_named(org, people, approved):
    """A forged entry slipped in as number 3, the rest renumbered: its
    neighbour's previous hash no longer matches."""
    last = AuditEntry.objects.filter(organization=org).order_by("-sequence")
    for entry in last:
        if entry.sequence >= 3:
            _raw(
                "UPDATE audit_auditentry SET sequence = %s WHERE id = %s",
                [entry.sequence + 1, entry.pk],
            )
    previous = AuditEntry.objects.get(organization=org, sequence=2)
    forged = AuditEntry(
        organization=org,
        sequence=3,
        at=previous.at,
        actor=people.mayor,
        actor_name="x",
        action="approved",
        target_type="reports.memo",
        target_id=str(approved.pk),
        payload={},
        previous_hash=previous.hash,
    )
    forged.hash = entry_hash(forged)
    forged.save(force_insert=True)
    with pytest.raises(CommandError) as error:
        _verify(org)
    assert "sequence 4" in str(error.value)


def test_an_unknown_organisation_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("verify_audit", "--org", "no-such-org")


@postgresql_only
def test_postgresql_refuses_update_and_delete(org, approved):
    entry = AuditEntry.objects.filter(organization=org).first()
    for sql in (
        "UPDATE audit_auditentry SET action = 'approved' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])


@postgresql_only
def test_postgresql_keeps_a_chain_head_moving_forward(org, approved):
    for sql in (
        "UPDATE audit_chainhead SET sequence = sequence - 1 WHERE organization_id = %s",
        "DELETE FROM audit_chainhead WHERE organization_id = %s",
    ):
        with pytest.raises(DatabaseError, match="only move forward"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [org.pk])


def test_the_memo_page_shows_its_chain_entries(client, org, people, approved):
    client.force_login(people.staff)
    response = client.get(reverse("reports:memo_detail", args=[approved.pk]))
    entries = list(response.context["audit_entries"])
    assert [e.action for e in entries] == [
        "submitted",
        "rejected",
        "submitted",
        "endorsed",
        "approved",
    ]
    html = response.content.decode()
    assert entries[-1].hash[:16] in html
    assert 'data-testid="audit-chain"' in html
