"""How an entry's hash is computed: SHA-256 over the canonical JSON of its
fields and the previous entry's hash. The one definition `audit_record`
writes with and `verify_audit` checks with."""

import hashlib
import json
from datetime import UTC

GENESIS = "0" * 64


def canonical_json(value) -> str:
    """Sorted keys, no spaces, UTF-8 as is: one text for one value."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def entry_hash(entry) -> str:
    fields = {
        "organization": entry.organization_id,
        "sequence": entry.sequence,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": str(entry.target_id),
        "payload": entry.payload,
        "previous_hash": entry.previous_hash,
    }
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def first_break(entries, head=None) -> tuple[object, str] | None:
    """The first entry (in sequence order) where the chain does not hold,
    with what is wrong (the entry is None when the chain holds but does not
    end at `head`, the newest entry as it was written); None when it holds."""
    previous = GENESIS
    expected = 1
    entry = None
    for entry in entries:
        if entry.sequence != expected:
            return entry, (
                f"sequence {entry.sequence} where {expected} was expected "
                "(a row was removed or inserted)"
            )
        if entry.previous_hash != previous:
            return entry, "its previous hash is not the hash of the row before it"
        if entry_hash(entry) != entry.hash:
            return entry, "its content does not match its hash (the row was altered)"
        previous = entry.hash
        expected += 1
    last = expected - 1
    if head is None:
        if last:
            return entry, "the chain's head (its newest entry as written) is missing"
        return None
    if head.sequence > last:
        return entry, (
            f"the chain ends at sequence {last} but its head was written at "
            f"{head.sequence} (rows were removed from its end)"
        )
    if head.sequence < last or head.hash != previous:
        return entry, (
            f"the chain's head (sequence {head.sequence}) does not match its "
            f"newest row (sequence {last}): the head or the rows were altered"
        )
    return None
