from .models import AuditEntry
from .services import target_of


def entries_for(obj):
    """The chain's entries about one object, oldest first."""
    target_type, target_id = target_of(obj)
    return AuditEntry.objects.filter(
        target_type=target_type, target_id=target_id
    ).order_by("organization", "sequence")
