"""The one write of the audit app: append an entry to an organisation's
chain. Nothing here, or anywhere, updates or deletes an entry."""

import json

from django.db import transaction
from django.utils import timezone

from organizations.models import Organization

from .chain import GENESIS, canonical_json, entry_hash
from .models import AuditEntry, ChainHead


def target_of(obj) -> tuple[str, str]:
    """("reports.memo", "12") for a model instance."""
    return obj._meta.label_lower, str(obj.pk)


@transaction.atomic
def audit_record(
    *, organization, actor, action: str, target, payload: dict
) -> AuditEntry:
    """Append `action` by `actor` on `target` (a model instance, or a
    (type, id) pair) to `organization`'s chain, with `payload` stored as
    canonical JSON."""
    # One writer at a time per organisation (PostgreSQL); the unique
    # (organization, sequence) constraint refuses a fork everywhere.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    last = (
        AuditEntry.objects.filter(organization=organization)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    head = ChainHead.objects.filter(organization=organization).first()
    # The chain goes on from its head, even when rows were cut from its end:
    # the gap stays for verify_audit to name, and the head only moves forward.
    newest = [(0, GENESIS)]
    if last:
        newest.append(tuple(last))
    if head:
        newest.append((head.sequence, head.hash))
    sequence, previous = max(newest, key=lambda pair: pair[0])
    sequence += 1
    target_type, target_id = target if isinstance(target, tuple) else target_of(target)
    entry = AuditEntry(
        organization=organization,
        sequence=sequence,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        # What the database gives back is what is hashed: canonical JSON, read back.
        payload=json.loads(canonical_json(payload)),
        previous_hash=previous,
    )
    entry.hash = entry_hash(entry)
    entry.save(force_insert=True)
    if head is None:
        ChainHead.objects.create(
            organization=organization, sequence=sequence, hash=entry.hash
        )
    else:
        head.sequence, head.hash = sequence, entry.hash
        head.save(update_fields=["sequence", "hash"])
    return entry
