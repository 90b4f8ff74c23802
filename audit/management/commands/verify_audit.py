"""Walk each organisation's audit chain; exit non-zero naming the first
broken row when a row was altered, removed or inserted."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from audit.chain import first_break
from audit.models import AuditEntry, ChainHead
from organizations.models import Organization


class Command(BaseCommand):
    help = "Check the tamper-evident audit chain of every organisation (or one)."

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="SLUG", help="only this organisation")

    def handle(self, *args, org=None, **options):
        organizations = Organization.objects.order_by("slug")
        if org:
            organizations = organizations.filter(slug=org)
            if not organizations.exists():
                raise CommandError(f"no organisation with the slug {org!r}")
        broken = []
        for organization in organizations:
            found, count = self._check(organization)
            if found is None:
                self.stdout.write(f"{organization.slug}: {count} entries, intact")
            else:
                entry, why = found
                where = (
                    f"row id {entry.pk} (sequence {entry.sequence}, {entry.action})"
                    if entry is not None
                    else "the chain (no rows left)"
                )
                broken.append(f"{organization.slug}: {where} is broken: {why}")
        if broken:
            raise CommandError("\n".join(broken))

    @staticmethod
    def _check(organization):
        """The chain's first break (or None) and its length, read as one
        moment: under the lock `audit_record` takes, so that an entry
        appended meanwhile is not taken for a broken head."""
        with transaction.atomic():
            Organization.objects.select_for_update().filter(pk=organization.pk).first()
            head = ChainHead.objects.filter(organization=organization).first()
            entries = list(
                AuditEntry.objects.filter(organization=organization).order_by(
                    "sequence", "pk"
                )
            )
        return first_break(entries, head), len(entries)
