"""Recovery codes stored in clear before migration twofactor 0002 keep
working after it, and are no longer in the database."""

import importlib

import pytest
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.twofactor.helpers import enrol
from twofactor import services

pytestmark = pytest.mark.django_db
migration = importlib.import_module("twofactor.migrations.0002_recovery_codes_hashed")


def test_codes_kept_in_clear_are_hashed_and_still_work(people):
    enrol(people.mayor)  # the app enrolled, as before the migration
    device = StaticDevice.objects.create(user=people.mayor, name="recovery")
    StaticToken.objects.create(device=device, token="abcd2345")
    migration.hash_plain_codes(apps, None)
    assert not StaticToken.objects.filter(token="abcd2345").exists()
    assert services.code_check(user=people.mayor, code="ABCD 2345") == device
    assert not StaticToken.objects.filter(device=device).exists()  # spent
