"""A session whose user entered a right second-factor code just now, for the
tests of the pages that sign (the code step itself: tests/twofactor/)."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor.session import VERIFIED_AT

# A known secret (20 bytes, hex) for the test devices.
KEY = "3132333435363738393031323334353637383930"


def enrol(user, key: str = KEY) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="authenticator", key=key, confirmed=True
    )


def verify_session(client, user):
    """Mark the logged-in client's session verified by `user`'s device now."""
    device = enrol(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT] = time.time()
    session.save()
    return client


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the app would show for `device` now (or at `at`), one time
    step on if the current one was already used (a code is good once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() if at is None else at
    if totp.t() <= device.last_t:
        totp.drift = device.last_t + 1 - totp.t()
    return f"{totp.token():06d}"
