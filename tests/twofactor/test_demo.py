"""The demo's executives are enrolled with the known secret seed_demo
prints, and `totp_code` gives their current code on a development machine."""

import base64
import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo import second_factor
from twofactor.models import SecondFactorEvent

pytestmark = pytest.mark.django_db


def test_the_demo_executives_share_the_printed_secret(people):
    second_factor.seed()
    second_factor.seed()  # idempotent
    for user in (people.palad, people.mayor):
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert device.key == second_factor.demo_key_hex()
    assert not TOTPDevice.objects.filter(user=people.staff).exists()
    assert SecondFactorEvent.objects.filter(kind="enrolled").count() == 2
    out = io.StringIO()
    second_factor.print_secret(out)
    assert second_factor.demo_secret_base32() in out.getvalue()


def test_totp_code_prints_what_an_app_with_that_secret_shows(people, settings):
    second_factor.seed()
    secret = second_factor.demo_secret_base32()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    settings.DEBUG = True
    out = io.StringIO()
    call_command("totp_code", people.mayor.username, stdout=out)
    shown = out.getvalue().strip()
    assert len(shown) == 6 and shown.isdigit()
    # This time step's code, or the last one's if the step just changed.
    assert int(shown) in {TOTP(key).token(), TOTP(key, drift=-1).token()}
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("totp_code", people.mayor.username)
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("totp_code", people.staff.username)
