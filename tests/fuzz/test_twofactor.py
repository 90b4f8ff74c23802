"""Bad input on the second factor's forms: the code entry (a code from the
app or a recovery code) and the enrolment's first code. Anything typed is
refused in Thai, verifies nothing and records nothing.
Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import example, given

from tests.fuzz.helpers import IMG, SCRIPT, example_state, fuzz, submit, texts
from tests.twofactor.helpers import enrol
from twofactor.models import SecondFactorEvent
from twofactor.session import VERIFIED_AT

pytestmark = pytest.mark.django_db
TABLES = (SecondFactorEvent, TOTPDevice, StaticToken)


@pytest.fixture
def enrolled(client, people):
    enrol(people.palad)
    client.force_login(people.palad)
    return client


@pytest.fixture
def enrolling(client, people):
    client.force_login(people.staff)
    client.get(reverse("twofactor:setup"))  # the device whose QR code shows
    return client


@fuzz(30)
@given(code=texts)
@example(code="")
@example(code="๑๒๓๔๕๖")
@example(code="1234567")
@example(code="abcd-efgh")
@example(code=SCRIPT)
@example(code=IMG)
@example(code="9" * 400)
def test_the_code_entry_refuses_any_wrong_code(enrolled, code):
    with example_state(enrolled):
        response, page = submit(
            enrolled,
            reverse("twofactor:verify"),
            {"code": code},
            TABLES,
            echoed=("code",),
            status=400,
        )
        assert page is None
        assert VERIFIED_AT not in enrolled.session


@fuzz(30)
@given(code=texts)
@example(code="")
@example(code="๑๒๓๔๕๖")
@example(code="12 34 56")
@example(code=SCRIPT)
@example(code="0" * 13)
def test_the_enrolment_refuses_any_wrong_first_code(enrolling, code):
    with example_state(enrolling):
        response, page = submit(
            enrolling,
            reverse("twofactor:setup"),
            {"code": code},
            TABLES,
            echoed=("code",),
        )
        assert page is None
        assert not TOTPDevice.objects.filter(confirmed=True).exists()
