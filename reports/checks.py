from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def signing_key_secret(app_configs, **kwargs):
    """Without SIGNING_KEY_SECRET, production keeps no signing keys: an
    organisation with a certificate could not have its approvals signed."""
    if settings.DEBUG or settings.SIGNING_KEY_SECRET:
        return []
    return [
        Warning(
            "SIGNING_KEY_SECRET is not set: approved PDFs cannot be signed.",
            hint="Set it to a long random secret and keep it (README, 'Signed approvals').",
            id="reports.W001",
        )
    ]
