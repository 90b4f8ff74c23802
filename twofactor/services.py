"""Every write about a person's second factor: enrolment, a code checked,
recovery codes, a reset by the org admin. Each event is recorded by
`_event_record`, the one place that writes SecondFactorEvent.

Wrong codes are counted per user in the cache: OTP_FAILURE_LIMIT of them
lock the user's code entry for OTP_LOCKOUT_SECONDS, with a Thai message that
says how long to wait. (django-otp's own per-device throttle is switched off
in settings, OTP_TOTP_THROTTLE_FACTOR = 0: it would refuse a right code a
second after a wrong one without saying why.)

Recovery codes are shown once and stored only as a keyed hash
(`_recovery_stored`: an HMAC of the code with a key derived from
SECRET_KEY), in django-otp's StaticToken rows: a copy of the database does
not give them away. Changing SECRET_KEY makes them stop working; the
people then sign in with their app and renew them.
"""

import math
import re
import time
from base64 import b32encode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from audit.services import audit_record
from organizations.models import Organization

from .models import SecondFactorEvent

Kind = SecondFactorEvent.Kind
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"
RECOVERY_SALT = "twofactor.recovery-code"  # never change: the stored codes use it
RECOVERY_CODES = 10
WRONG_CODE = _("รหัสไม่ถูกต้องหรือหมดอายุแล้ว กรุณาใส่รหัสล่าสุดจากแอป หรือรหัสสำรอง")
LOCKED = _("ใส่รหัสผิดหลายครั้งเกินไป กรุณารออีก {minutes} นาทีแล้วลองใหม่")


@transaction.atomic
def _event_record(*, user, kind: str, by, organization=None) -> SecondFactorEvent:
    """Record what happened to `user`'s second factor, who did it and when,
    here and in the audit chain of the organisation it happened in (or of
    every organisation the user belongs to). The one writer of these events."""
    event = SecondFactorEvent.objects.create(
        user=user, kind=kind, by=by, organization=organization
    )
    organizations = (
        [organization]
        if organization is not None
        else Organization.objects.filter(memberships__user=user).distinct()
    )
    for each in organizations:
        audit_record(
            organization=each,
            actor=by,
            action=AuditEntry.Action.SECOND_FACTOR,
            target=event,
            payload={"event": kind, "user": user.get_username()},
        )
    return event


# --- wrong codes, per user -----------------------------------------------------


def _failures_key(user) -> str:
    return f"twofactor:failures:{user.pk}"


def _locked_key(user) -> str:
    return f"twofactor:locked:{user.pk}"


def wait_seconds(user) -> int:
    """Seconds before `user` may enter a code again; 0 when they may now."""
    until = cache.get(_locked_key(user))
    if until is None:
        return 0
    return max(0, math.ceil(until - time.time()))


def _refuse_while_locked(user) -> None:
    wait = wait_seconds(user)
    if wait:
        raise ValidationError(str(LOCKED).format(minutes=math.ceil(wait / 60)))


def _count_failure(user) -> None:
    key = _failures_key(user)
    window = settings.OTP_LOCKOUT_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        failures = 1
    if failures >= settings.OTP_FAILURE_LIMIT:
        cache.set(_locked_key(user), time.time() + window, timeout=window)
        cache.delete(key)
        _refuse_while_locked(user)
    raise ValidationError(WRONG_CODE)


def _count_success(user) -> None:
    cache.delete(_failures_key(user))


def _normalized(code: str) -> str:
    return re.sub(r"[\s-]+", "", code or "").lower()


# --- devices ---------------------------------------------------------------------


def totp_device(user) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_NAME
    ).count()


@transaction.atomic
def totp_enrolment_start(*, user) -> TOTPDevice:
    """The unconfirmed device whose QR code the enrolment page shows: the same
    one on a reload, a new secret after enrolment is complete."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _recovery_stored(code: str) -> str:
    """What a recovery code is kept as: 16 hex digits (64 bits) of an HMAC,
    as long as StaticToken's field takes."""
    return salted_hmac(
        RECOVERY_SALT, _normalized(code), algorithm="sha256"
    ).hexdigest()[:16]


def _recovery_codes_new(user) -> list[str]:
    StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=_recovery_stored(c)) for c in codes
    )
    return codes


@transaction.atomic
def totp_enrolment_confirm(*, device: TOTPDevice, code: str, by) -> list[str]:
    """Confirm the enrolment with a code from the app: the device becomes the
    user's one authenticator (an older one is removed) and a new set of
    recovery codes is made and returned, to be shown once."""
    user = device.user
    _refuse_while_locked(user)
    if not device.verify_token(_normalized(code)):
        _count_failure(user)
    _count_success(user)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_new(user)
    _event_record(user=user, kind=Kind.ENROLLED, by=by)
    return codes


@transaction.atomic
def code_check(*, user, code: str):
    """The device that `code` (from the app, or a recovery code) verifies for
    `user`; a ValidationError with a Thai message otherwise. A recovery code
    is spent. Raises while the user is locked out for wrong codes."""
    _refuse_while_locked(user)
    code = _normalized(code)
    device = totp_device(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        _count_success(user)
        _event_record(user=user, kind=Kind.VERIFIED, by=user)
        return device
    recovery = StaticDevice.objects.filter(
        user=user, name=RECOVERY_NAME, confirmed=True
    ).first()
    if (
        device is not None
        and recovery is not None
        and recovery.verify_token(_recovery_stored(code))
    ):
        _count_success(user)
        _event_record(user=user, kind=Kind.RECOVERY_USED, by=user)
        return recovery
    _count_failure(user)


@transaction.atomic
def recovery_codes_renew(*, user, by) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    codes = _recovery_codes_new(user)
    _event_record(user=user, kind=Kind.RECOVERY_RENEWED, by=by)
    return codes


@transaction.atomic
def second_factor_reset(*, membership, by) -> None:
    """The org admin clears a member's second factor (a lost phone): the app
    and the recovery codes stop working and the member enrols again."""
    user = membership.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    cache.delete_many([_failures_key(user), _locked_key(user)])
    _event_record(
        user=user, kind=Kind.RESET, by=by, organization=membership.organization
    )


@transaction.atomic
def totp_enrol_known(*, user, key_hex: str, by) -> TOTPDevice:
    """Enrol `user` with a given secret (the demo's executives, whose secret
    seed_demo prints), replacing any device; no recovery codes are made."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, key=key_hex, confirmed=True
    )
    _event_record(user=user, kind=Kind.ENROLLED, by=by)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it typed, in groups of four."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now for `device` (the demo's totp_code command)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
