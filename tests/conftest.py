"""Test personas (STYLE.md, 9): one municipality with a staff member, the
heads of two divisions, the ปลัด, the mayor and an org admin, and an outsider
who works for another municipality."""

from types import SimpleNamespace

import pytest

from assessments import services as scores
from assessments.scoring import ItemEntry
from measures import services
from organizations.models import Membership
from tests.assessments.seeds import NONGPHAILOM_2565
from tests.celery_support import celery_redis_worker, redis_url  # noqa: F401
from tests.factories import DivisionFactory, MembershipFactory, OrganizationFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: primary keys and frozen clocks
    repeat between tests, and cached pages are keyed by them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def thai_after_each_test():
    """Each test ends in Thai: the locale middleware activates the language of
    a request and leaves it active in the thread, so a test on the English
    pages would otherwise turn the next test's model labels English."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def org(db):
    return OrganizationFactory(
        name="เทศบาลตำบลคลองพน", slug="klongphon", memo_prefix="กบ ๕๒๔๐๑"
    )


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="เทศบาลเมืองอื่น", slug="other-town")


@pytest.fixture
def division_a(org):
    return DivisionFactory(organization=org, name="กองคลัง")


@pytest.fixture
def division_b(org):
    return DivisionFactory(organization=org, name="กองช่าง")


@pytest.fixture
def people(org, other_org, division_a, division_b):
    """Every persona as a user, by name."""

    def member(username, role, organization=org, divisions=(), position=""):
        return MembershipFactory(
            user__username=username,
            organization=organization,
            role=role,
            divisions=list(divisions),
            position=position,
        ).user

    return SimpleNamespace(
        staff=member("staff", Role.STAFF),
        head_a=member("head_a", Role.DIVISION_HEAD, divisions=[division_a]),
        head_b=member("head_b", Role.DIVISION_HEAD, divisions=[division_b]),
        palad=member("palad", Role.EXECUTIVE, position="ปลัดเทศบาลตำบลคลองพน"),
        mayor=member("mayor", Role.EXECUTIVE, position="นายกเทศมนตรีตำบลคลองพน"),
        admin=member("orgadmin", Role.ORG_ADMIN),
        outsider=member("outsider", Role.STAFF, organization=other_org),
    )


@pytest.fixture
def login(client):
    """Log the test client in as a user; returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def login_signer(client):
    """Log the test client in as a user who entered a second-factor code
    just now, as signing (deciding, sending a memo) needs; returns it."""
    from tests.twofactor.helpers import verify_session

    def _login(user):
        client.force_login(user)
        return verify_session(client, user)

    return _login


@pytest.fixture
def assessment(org, people, division_a, division_b):
    """The personas' organisation with seed 003's FY2565 scores."""
    assessment = scores.assessment_create(organization=org, fiscal_year=2565, by=None)
    scores.assessment_set_scores(
        assessment=assessment,
        by=None,
        indicators=NONGPHAILOM_2565,
        items={"O24": ItemEntry(passed=False, note="ไม่มีข้อมูลผลการจัดซื้อจัดจ้าง")},
    )
    return assessment


@pytest.fixture
def plan(assessment):
    """The draft FY2566 plan generated from `assessment`."""
    return services.plan_generate(assessment=assessment, fiscal_year=2566)


@pytest.fixture
def published(plan, people):
    """`plan`, approved by the mayor and published."""
    services.plan_submit(plan=plan, by=people.staff)
    services.plan_approve(plan=plan, by=people.mayor)
    return services.plan_publish(plan=plan, by=people.staff)


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT; returns its path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd) on a free port, and the
    portal sending to it over SMTP; `.messages` is what arrived."""
    from tests.mailserver import MailServer

    with MailServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield server
