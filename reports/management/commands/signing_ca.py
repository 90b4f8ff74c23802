"""The deployment's own certification authority, for organisations that
have no certificate from a CA of their choice.

    manage.py signing_ca                  create the CA (once)
    manage.py signing_ca --issue SLUG     issue SLUG a signing certificate

It is this deployment's CA only: PDF readers do not know it, and the
portal never presents it as a public CA; a document's verification page is
what tells a reader who approved it.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from reports import services
from reports.models import CertificateAuthority
from reports.signing import certificates_of


class Command(BaseCommand):
    help = "Create the deployment's own signing CA, or issue an organisation a certificate."

    def add_arguments(self, parser):
        parser.add_argument(
            "--name",
            default="ITA Portal deployment CA (not a public CA)",
            help="the CA's common name",
        )
        parser.add_argument(
            "--issue", metavar="SLUG", help="issue this organisation a certificate"
        )

    def handle(self, *args, name, issue=None, **options):
        authority = CertificateAuthority.objects.first()
        if authority is None:
            authority = services.certificate_authority_create(name=name)
            self.stdout.write(f"created the deployment CA: {authority.name}")
        else:
            self.stdout.write(f"the deployment CA exists: {authority.name}")
        certificate = certificates_of(authority.certificate)[0]
        self.stdout.write(
            f"  subject {certificate.subject.rfc4514_string()}, "
            f"valid until {certificate.not_valid_after_utc:%Y-%m-%d}"
        )
        if issue:
            organization = Organization.objects.filter(slug=issue).first()
            if organization is None:
                raise CommandError(f"no organisation with the slug {issue!r}")
            try:
                key = services.signing_key_issue(organization=organization, by=None)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"issued {organization.slug}: {key.subject}")
