"""Every URL of the portal × every role × every method it accepts, pinned.

A world holds one object in each state a page needs (a draft plan, an
approved one, a published one, memos waiting and approved, a round open and
one approved, evidence, templates). Each URL gets its arguments from that
world and an expected answer per role for GET and POST: 200 (or another
success), 302 to the login page, 403, 404, 405. A new URL without an entry
here fails `test_every_url_is_in_the_matrix`.

Roles: anonymous, staff of another organisation (outsider), the overseer of
the organisation's province (overseer, oversight/), staff, org admin, the
head of the measure's division (head_a), the head of another division
(head_b), and an executive (palad). An overseer holds no membership: every
page of an office answers them as it answers the outsider unless a row says.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from measures import services
from measures.models import Measure, MeasureTemplate, Plan, ReportingRound
from organizations.models import Division, Membership
from oversight import exports as oversight_exports
from oversight import services as oversight
from reports import services as memos
from reports.models import ApprovedDocument, Memo
from tests.factories import UserFactory
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db

ROLES = ["anon", "outsider", "overseer", "head_b", "head_a", "palad", "staff", "admin"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Shorthands for rows of expected answers, in ROLES order.
OK = "ok"  # any 2xx or a redirect that is not to the login page


def row(anon, outsider, head_b, head_a, palad, staff, admin, *, overseer=None):
    """The overseer answers as the outsider unless told."""
    overseer = outsider if overseer is None else overseer
    answers = [anon, outsider, overseer, head_b, head_a, palad, staff, admin]
    return dict(zip(ROLES, answers, strict=True))


PUBLIC = row(OK, OK, OK, OK, OK, OK, OK)
LOGGED_IN = row(302, OK, OK, OK, OK, OK, OK)
MEMBERS = row(302, 404, OK, OK, OK, OK, OK)  # an object of the organisation
STAFF = row(302, 404, 403, 403, 403, OK, OK)  # staff work on an object
# Pages of one's own organisation: a user of none (the overseer) gets 404.
OWN_ORG = row(302, OK, OK, OK, OK, OK, OK, overseer=404)
STAFF_ORG = row(302, OK, 403, 403, 403, OK, OK, overseer=404)  # staff, own org
ADMIN_ORG = row(302, 403, 403, 403, 403, 403, OK, overseer=404)
SETUP = row(302, 404, 403, 403, 403, 403, OK)  # an org named in the URL
# The framework of a year is the whole portal's: superusers only, none here.
SUPERUSER = row(302, 403, 403, 403, 403, 403, 403)
# Staff act first, so the org admin after them meets the object as staff left
# it: deleted (404) or no longer in a state the action needs (403).
STAFF_THEN_GONE = row(302, 404, 403, 403, 403, OK, 404)
STAFF_THEN_DONE = row(302, 404, 403, 403, 403, OK, 403)
REPORTERS = row(302, 404, 403, OK, 403, OK, OK)
# Only the person at the memo's step reaches the decision; an empty one is 400.
DECIDER = row(302, 404, 403, 403, 400, 403, 403)
NO_POST = row(405, 405, 405, 405, 405, 405, 405)
NO_GET = NO_POST
POST_ONLY = row(302, 405, 405, 405, 405, 405, 405)  # login first, then the method
SAME = "same as GET"  # a read-only view that answers POST as it answers GET
# A form of one's own that answers an empty POST with its errors (400).
OWN_FORM_REFUSED = row(302, 400, 400, 400, 400, 400, 400)
# The oversight pages: their overseer only (no member of an office is one).
OVERSEER = row(302, 403, 403, 403, 403, 403, 403, overseer=OK)
OVERSEER_POST = row(
    302, 403, 403, 403, 403, 403, 403, overseer=OK
)  # a read-only view that answers POST as it answers GET


def _user(username, org, role, divisions=()):
    user = UserFactory(username=username)
    membership = Membership.objects.create(user=user, organization=org, role=role)
    membership.divisions.set(divisions)
    return user


@pytest.fixture
def world(plan, people, org, division_a, division_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = type("World", (), {})()
    w.org, w.people, w.assessment = org, people, plan.source_assessment
    w.draft = plan
    w.measure = plan.measures.first()
    w.paragraph = plan.analysis.first()

    def in_force(year, status):
        p = Plan.objects.create(
            organization=org, fiscal_year=year, title=f"แผน {year}", status=status
        )
        m = Measure.objects.create(plan=p, order=1, title=f"มาตรการ {year}")
        m.divisions.set([division_a])
        return p, m

    w.approved, w.approved_measure = in_force(2567, "approved")
    w.published, _ = in_force(2568, "published")
    update = services.progress_update_create(
        measure=w.approved_measure,
        by=people.staff,
        status="in_progress",
        reported_on=date(2023, 11, 1),
        result="เริ่มดำเนินการแล้ว",
        files=[SimpleUploadedFile("หลักฐาน.pdf", PDF)],
    )
    w.evidence = update.evidence.get()
    w.round = services.round_open(plan=w.approved, period="year", by=people.staff)
    w.closed_round = ReportingRound.objects.create(
        plan=w.approved,
        period="q1",
        starts_on=date(2023, 10, 1),
        ends_on=date(2023, 12, 31),
        status="closed",
    )
    w.approved_round = ReportingRound.objects.create(
        plan=w.approved,
        period="q2",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 3, 31),
        status="approved",
    )

    palad = people.palad.memberships.get(organization=org)
    memos.approval_chain_set(organization=org, memberships=[palad], by=people.admin)
    w.memo = memos.memo_draft_for_plan(plan=plan, by=people.staff)
    w.pending = Memo.objects.create(
        organization=org,
        department="สำนักปลัด",
        date=date(2023, 1, 5),
        subject="เรื่องที่รอพิจารณา",
        addressee="นายก",
        signer_name="ก",
        status="pending",
        submission=1,
        chain=[{"user": people.palad.pk, "name": "ปลัด", "position": "ปลัด"}],
        current_approver=people.palad,
    )
    approved_memo = Memo.objects.create(
        organization=org,
        plan=w.published,
        department="สำนักปลัด",
        date=date(2023, 1, 6),
        subject="เรื่องที่อนุมัติแล้ว",
        addressee="นายก",
        signer_name="ก",
        status="approved",
    )
    w.approved_memo = approved_memo
    w.document = ApprovedDocument(
        memo=approved_memo,
        kind="plan",
        sha256="0" * 64,
        size=len(PDF),
        code="matrix-verification-0",
    )
    w.document.file.save("plan.pdf", ContentFile(PDF))

    w.library = MeasureTemplate.objects.library().first()
    w.own = MeasureTemplate.objects.create(
        organization=org, key="own-1", title="ของหน่วยงาน", division_kind="all"
    )
    w.spare_division = Division.objects.create(organization=org, name="กองทดลอง")
    w.spare_member = Membership.objects.get(
        user=_user("spare", org, "staff"), organization=org
    )
    w.overseer = UserFactory(username="overseer")
    oversight.grant_create(
        user=w.overseer, scope="province", province=org.province, by=None
    )
    w.district_grant = oversight.grant_create(
        user=UserFactory(username="district-overseer"),
        scope="district",
        province=org.province,
        district=org.district,
        by=w.overseer,
    )
    w.overseer_export = oversight_exports.export_start(
        user=w.overseer, fiscal_year=plan.fiscal_year, query="", base_url=""
    )
    return w


# name: (kwargs from the world, expected GET, expected POST)
MATRIX = {
    "home": (lambda w: {}, PUBLIC, SAME),
    # The due dates of one's own organisation's year: its staff and admin.
    "desk:deadlines": (lambda w: {"year": 2566}, STAFF_ORG, STAFF_ORG),
    "healthz": (lambda w: {}, PUBLIC, NO_POST),
    "login": (lambda w: {}, PUBLIC, row(OK, OK, OK, OK, OK, OK, OK)),
    "logout": (lambda w: {}, NO_GET, PUBLIC),
    "password_change": (lambda w: {}, LOGGED_IN, LOGGED_IN),
    "password_change_done": (lambda w: {}, LOGGED_IN, POST_ONLY),
    # One's own notification mail: the page names nobody else.
    "notifications:preferences": (lambda w: {}, LOGGED_IN, LOGGED_IN),
    # An invitation's link: a bad one shows "this link no longer works".
    "password_reset_confirm": (
        lambda w: {"uidb64": "MQ", "token": "set-password"},
        PUBLIC,
        SAME,
    ),
    "password_reset_complete": (lambda w: {}, PUBLIC, NO_POST),
    # A forgotten password: anyone asks for the e-mail (an empty form: its
    # errors); the page after it.
    "password_reset": (lambda w: {}, PUBLIC, PUBLIC),
    "password_reset_done": (lambda w: {}, PUBLIC, NO_POST),
    # One's own second factor (every role here has entered a code: see
    # _client_for): enrolled, so the enrolment page leads to the overview.
    "twofactor:manage": (lambda w: {}, LOGGED_IN, SAME),
    "twofactor:setup": (lambda w: {}, LOGGED_IN, LOGGED_IN),
    "twofactor:verify": (lambda w: {}, LOGGED_IN, OWN_FORM_REFUSED),
    "twofactor:resume": (lambda w: {}, POST_ONLY, LOGGED_IN),
    "twofactor:recovery_renew": (lambda w: {}, POST_ONLY, LOGGED_IN),
    # The org admin clears a member's second factor.
    "twofactor:member_reset": (
        lambda w: {"pk": w.spare_member.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, OK),
    ),
    "set_language": (lambda w: {}, PUBLIC, PUBLIC),
    "organization_emblem": (lambda w: {"slug": w.org.slug}, PUBLIC, SAME),
    "organizations:detail": (lambda w: {}, OWN_ORG, SAME),
    "organizations:edit": (lambda w: {}, ADMIN_ORG, ADMIN_ORG),
    # Without an organisation chosen, switching answers 404.
    "organizations:switch": (lambda w: {}, NO_GET, row(302, *[404] * 6)),
    "organizations:division_list": (lambda w: {}, OWN_ORG, SAME),
    "organizations:division_add": (lambda w: {}, ADMIN_ORG, ADMIN_ORG),
    "organizations:division_edit": (
        lambda w: {"pk": w.spare_division.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, OK),
    ),
    "organizations:division_delete": (
        lambda w: {"pk": w.spare_division.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, OK),
    ),
    "organizations:member_list": (lambda w: {}, ADMIN_ORG, SAME),
    "organizations:member_add": (lambda w: {}, ADMIN_ORG, ADMIN_ORG),
    "organizations:member_edit": (
        lambda w: {"pk": w.spare_member.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, OK),
    ),
    "organizations:member_remove": (
        lambda w: {"pk": w.spare_member.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, OK),
    ),
    # The guided setup (setup_views.py), by the organisation's slug: its org
    # admin only (and a superuser, tests/organizations/test_setup.py).
    "organizations:setup": (lambda w: {"slug": w.org.slug}, SETUP, SAME),
    "organizations:setup_details": (lambda w: {"slug": w.org.slug}, SETUP, SETUP),
    "organizations:setup_divisions": (lambda w: {"slug": w.org.slug}, SETUP, SETUP),
    "organizations:setup_members": (lambda w: {"slug": w.org.slug}, SETUP, SETUP),
    "organizations:setup_members_template": (
        lambda w: {"slug": w.org.slug},
        SETUP,
        SAME,
    ),
    "organizations:setup_invitations": (
        lambda w: {"slug": w.org.slug},
        SETUP,
        SETUP,
    ),
    "assessments:list": (lambda w: {}, OWN_ORG, SAME),
    "assessments:add": (lambda w: {}, STAFF_ORG, STAFF_ORG),
    "assessments:template": (lambda w: {"fiscal_year": 2566}, OWN_ORG, SAME),
    "assessments:detail": (lambda w: {"pk": w.assessment.pk}, MEMBERS, SAME),
    "assessments:edit": (
        lambda w: {"pk": w.assessment.pk, "level": "indicators"},
        STAFF,
        STAFF,
    ),
    "assessments:analysis": (lambda w: {"pk": w.assessment.pk}, MEMBERS, SAME),
    "assessments:what_if": (lambda w: {"pk": w.assessment.pk}, MEMBERS, SAME),
    "assessments:import": (lambda w: {"pk": w.assessment.pk}, STAFF, STAFF),
    "assessments:export": (lambda w: {"pk": w.assessment.pk}, MEMBERS, SAME),
    "assessments:framework_import": (lambda w: {}, SUPERUSER, SUPERUSER),
    "assessments:framework_copy": (
        lambda w: {"fiscal_year": w.assessment.fiscal_year},
        SUPERUSER,
        SUPERUSER,
    ),
    "assessments:framework_export_json": (
        lambda w: {"fiscal_year": w.assessment.fiscal_year},
        SUPERUSER,
        SAME,
    ),
    "assessments:framework_export_xlsx": (
        lambda w: {"fiscal_year": w.assessment.fiscal_year},
        SUPERUSER,
        SAME,
    ),
    "measures:plan_list": (lambda w: {}, OWN_ORG, SAME),
    "measures:plan_generate": (lambda w: {}, STAFF_ORG, STAFF_ORG),
    "measures:plan_detail": (lambda w: {"pk": w.draft.pk}, MEMBERS, SAME),
    "measures:plan_edit": (lambda w: {"pk": w.draft.pk}, STAFF, STAFF),
    "measures:plan_history": (lambda w: {"pk": w.draft.pk}, MEMBERS, SAME),
    "measures:plan_publish": (lambda w: {"pk": w.approved.pk}, STAFF, STAFF_THEN_DONE),
    "measures:plan_revise": (lambda w: {"pk": w.published.pk}, STAFF, STAFF_THEN_DONE),
    "measures:plan_delete": (lambda w: {"pk": w.draft.pk}, STAFF, STAFF_THEN_GONE),
    "measures:measure_add": (lambda w: {"plan_pk": w.draft.pk}, STAFF, STAFF),
    "measures:measure_edit": (
        lambda w: {"plan_pk": w.draft.pk, "pk": w.measure.pk},
        STAFF,
        STAFF,
    ),
    "measures:measure_delete": (
        lambda w: {"plan_pk": w.draft.pk, "pk": w.measure.pk},
        STAFF,
        STAFF_THEN_GONE,
    ),
    "measures:measure_move": (
        lambda w: {"plan_pk": w.draft.pk, "pk": w.measure.pk, "direction": "down"},
        POST_ONLY,
        STAFF,
    ),
    "measures:analysis_edit": (
        lambda w: {"plan_pk": w.draft.pk, "pk": w.paragraph.pk},
        STAFF,
        STAFF,
    ),
    "measures:template_list": (lambda w: {}, OWN_ORG, SAME),
    "measures:template_add": (lambda w: {}, STAFF_ORG, STAFF_ORG),
    "measures:template_edit": (lambda w: {"pk": w.own.pk}, STAFF, STAFF),
    "measures:template_copy": (lambda w: {"pk": w.library.pk}, POST_ONLY, STAFF_ORG),
    "measures:template_hide": (lambda w: {"pk": w.library.pk}, POST_ONLY, STAFF_ORG),
    "measures:template_delete": (lambda w: {"pk": w.own.pk}, STAFF, STAFF_THEN_GONE),
    "measures:my_measures": (lambda w: {}, OWN_ORG, SAME),
    "measures:plan_progress": (lambda w: {"pk": w.approved.pk}, MEMBERS, SAME),
    "measures:measure_progress": (
        lambda w: {"plan_pk": w.approved.pk, "pk": w.approved_measure.pk},
        MEMBERS,
        REPORTERS,
    ),
    "measures:round_add": (lambda w: {"pk": w.approved.pk}, POST_ONLY, STAFF),
    "measures:round_detail": (
        lambda w: {"plan_pk": w.approved.pk, "pk": w.round.pk},
        MEMBERS,
        SAME,
    ),
    "measures:round_close": (
        lambda w: {"plan_pk": w.approved.pk, "pk": w.round.pk},
        STAFF,
        STAFF_THEN_DONE,
    ),
    "measures:round_publish": (
        lambda w: {"plan_pk": w.approved.pk, "pk": w.approved_round.pk},
        POST_ONLY,
        STAFF_THEN_DONE,
    ),
    "measures:evidence": (lambda w: {"pk": w.evidence.pk}, MEMBERS, SAME),
    "reports:memo_list": (lambda w: {}, OWN_ORG, SAME),
    "reports:memo_inbox": (lambda w: {}, LOGGED_IN, SAME),
    "reports:chain_edit": (lambda w: {}, STAFF_ORG, STAFF_ORG),
    "reports:verify": (lambda w: {}, LOGGED_IN, LOGGED_IN),
    # The organisation's signing certificate: its org admin only (an empty
    # upload is a 400; issuing without a deployment CA explains and redirects).
    "reports:signing_keys": (
        lambda w: {},
        ADMIN_ORG,
        row(302, 403, 403, 403, 403, 403, 400, overseer=404),
    ),
    "reports:signing_key_issue": (lambda w: {}, POST_ONLY, ADMIN_ORG),
    "reports:memo_withdraw": (
        lambda w: {"pk": w.approved_memo.pk},
        row(302, 404, 403, 403, 403, 403, OK),
        row(302, 404, 403, 403, 403, 403, 400),
    ),
    # An approved document's public permalink (no login); a POST without a
    # file is a 400 for anyone.
    "verify_document": (
        lambda w: {"code": w.document.code},
        PUBLIC,
        row(400, 400, 400, 400, 400, 400, 400),
    ),
    "verify_download": (lambda w: {"code": w.document.code}, PUBLIC, NO_POST),
    "reports:memo_from_plan": (lambda w: {"plan_pk": w.draft.pk}, POST_ONLY, STAFF),
    "reports:memo_from_round": (
        lambda w: {"round_pk": w.closed_round.pk},
        POST_ONLY,
        STAFF,
    ),
    "reports:memo_detail": (lambda w: {"pk": w.memo.pk}, MEMBERS, SAME),
    "reports:memo_edit": (lambda w: {"pk": w.memo.pk}, STAFF, STAFF),
    "reports:memo_send": (lambda w: {"pk": w.memo.pk}, STAFF, STAFF_THEN_DONE),
    "reports:memo_decide": (lambda w: {"pk": w.pending.pk}, POST_ONLY, DECIDER),
    "reports:memo_pdf": (lambda w: {"pk": w.memo.pk}, MEMBERS, SAME),
    "reports:plan_analysis_pdf": (lambda w: {"plan_pk": w.draft.pk}, MEMBERS, SAME),
    "reports:plan_pdf": (lambda w: {"plan_pk": w.draft.pk}, MEMBERS, SAME),
    "reports:plan_xlsx": (lambda w: {"plan_pk": w.draft.pk}, MEMBERS, SAME),
    "reports:document": (lambda w: {"pk": w.document.pk}, MEMBERS, SAME),
    "reports:progress_pdf": (
        lambda w: {"round_pk": w.closed_round.pk},
        MEMBERS,
        SAME,
    ),
    "reports:progress_xlsx": (
        lambda w: {"round_pk": w.closed_round.pk},
        MEMBERS,
        SAME,
    ),
    "public:directory": (lambda w: {}, PUBLIC, NO_POST),
    "public:organization": (lambda w: {"slug": w.org.slug}, PUBLIC, NO_POST),
    "public:plan": (
        lambda w: {"slug": w.org.slug, "fiscal_year": 2568},
        PUBLIC,
        NO_POST,
    ),
    "public:plan_json": (
        lambda w: {"slug": w.org.slug, "fiscal_year": 2568},
        PUBLIC,
        NO_POST,
    ),
    "public:plan_revision": (
        lambda w: {"slug": w.org.slug, "fiscal_year": 2568, "revision": 1},
        PUBLIC,
        NO_POST,
    ),
    "public:plan_revision_json": (
        lambda w: {"slug": w.org.slug, "fiscal_year": 2568, "revision": 1},
        PUBLIC,
        NO_POST,
    ),
    "public:document": (
        lambda w: {"slug": w.org.slug, "pk": w.document.pk},
        PUBLIC,
        NO_POST,
    ),
    # The national open data (public/opendata.py): anyone reads it.
    "public:data": (lambda w: {}, PUBLIC, NO_POST),
    "public:data_catalog": (lambda w: {}, PUBLIC, NO_POST),
    "public:data_file": (
        lambda w: {"fiscal_year": 2568, "format_": "csv"},
        PUBLIC,
        NO_POST,
    ),
    # Oversight: the overseer of the organisation's province reads the
    # overview and its export, sets their own deadline, reminds late offices
    # and gives (and takes back) its districts' grants; nobody else.
    "oversight:overview": (lambda w: {}, OVERSEER, POST_ONLY),
    "oversight:export": (lambda w: {}, POST_ONLY, OVERSEER),
    # The overseer's own export; anyone else's id is a 404 (tests/oversight).
    "oversight:export_job": (
        lambda w: {"export_id": w.overseer_export.id},
        OVERSEER,
        POST_ONLY,
    ),
    "oversight:deadline": (lambda w: {}, OVERSEER, OVERSEER),
    "oversight:remind": (lambda w: {}, POST_ONLY, OVERSEER),
    "oversight:grants": (lambda w: {}, OVERSEER, OVERSEER),
    "oversight:grant_delete": (
        lambda w: {"pk": w.district_grant.pk},
        POST_ONLY,
        row(302, 404, 404, 404, 404, 404, 404, overseer=OK),
    ),
}


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin checks is_staff itself
            inner = pattern.namespace or ""
            prefix = (
                f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
            yield from _names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    names = set(_names(get_resolver().url_patterns))
    assert names - set(MATRIX) == set(), "add these URLs to the permission matrix"
    assert set(MATRIX) - names == set(), "these matrix entries have no URL any more"


def _client_for(role, world, client):
    client.logout()
    if role == "anon":
        return client
    if role == "overseer":
        user = world.overseer
    elif role == "outsider":
        user = world.people.outsider
    else:
        user = getattr(world.people, role)
    client.force_login(user)
    # Each has entered a second-factor code just now, so that the signing
    # pages answer by role (without it: tests/twofactor/test_views.py).
    return verify_session(client, user)


def _answer(response) -> object:
    code = response.status_code
    if code == 302 and "/accounts/login/" in response.get("Location", ""):
        return 302
    if code < 400 and code != 302 or code == 302:
        return OK
    return code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(name, world, client):
    kwargs, expected_get, expected_post = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    observed_get = {r: _answer(_client_for(r, world, client).get(url)) for r in ROLES}
    assert observed_get == expected_get, f"GET {url}"
    observed_post = {}
    for role in ROLES:  # the allowed roles last, so their changes come after
        observed_post[role] = _answer(_client_for(role, world, client).post(url, {}))
    if expected_post is SAME:
        expected_post = expected_get
    assert observed_post == expected_post, f"POST {url}"
