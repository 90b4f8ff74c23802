"""Recovery codes stored before they were hashed are replaced by their keyed
hash (twofactor.services._recovery_stored): the codes people wrote down keep
working, and the database no longer holds them."""

from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "twofactor.recovery-code"  # twofactor.services.RECOVERY_SALT
PLAIN_LENGTH = 8  # django-otp's StaticToken.random_token(); a stored hash has 16


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.filter(device__name="recovery"):
        if len(token.token) == PLAIN_LENGTH:
            token.token = salted_hmac(
                SALT, token.token.lower(), algorithm="sha256"
            ).hexdigest()[:16]
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("twofactor", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
