"""seed_demo's organisations, people and roles. The demo is seeded once for
the class (seeding takes seconds); each test reads it, and the last seeds
it again to see that nothing changes."""

import shutil
import tempfile
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings

from organizations.models import Division, Membership, Organization, User

MEDIA = tempfile.mkdtemp(prefix="ita-seed-demo-test-")


def snapshot():
    return {
        "organizations": sorted(
            Organization.objects.values_list(
                "slug", "name", "kind", "province", "memo_prefix", "thai_digits"
            )
        ),
        "divisions": sorted(Division.objects.values_list("organization__slug", "name")),
        "memberships": sorted(
            Membership.objects.values_list(
                "user__username", "organization__slug", "role", "position"
            )
        ),
        "heads": sorted(
            Membership.divisions.through.objects.values_list(
                "membership__user__username", "division__name"
            )
        ),
        "users": sorted(User.objects.values_list("username", "first_name", "email")),
    }


@override_settings(MEDIA_ROOT=MEDIA)
class SeedDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        cls.printed = out.getvalue()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_it_creates_the_five_seed_organizations_with_their_real_names(self):
        names = set(Organization.objects.values_list("name", flat=True))
        assert {
            "เทศบาลเมืองแฉะแม",
            "เทศบาลตำบลคลองพน",
            "เทศบาลนครอุบลราชธานี",
            "องค์การบริหารส่วนตำบลหนองไผ่ล้อม",
            "เทศบาลตำบลบ้านฉาง",
        } <= names
        klongphon = Organization.objects.get(slug="klongphon")
        assert klongphon.memo_prefix == "กบ ๕๒๔๐๑" and klongphon.thai_digits
        assert klongphon.location == "อำเภอคลองท่อม จังหวัดกระบี่"
        assert set(klongphon.divisions.values_list("name", flat=True)) == {
            "สำนักปลัดเทศบาล",
            "กองคลัง",
            "กองช่าง",
            "กองการศึกษา",
            "กองสาธารณสุขและสิ่งแวดล้อม",
        }

    def test_it_gives_every_organization_a_user_for_every_role(self):
        for organization in Organization.objects.all():
            roles = set(organization.memberships.values_list("role", flat=True))
            assert roles == set(Membership.Role.values), organization.name
        mayor = Membership.objects.get(user__username="klongphon-mayor")
        assert str(mayor.user) == "นายนุกูล งานดี"
        assert mayor.position == "นายกเทศมนตรีตำบลคลองพน"

    def test_it_prints_the_demo_passwords(self):
        assert "ita-demo-2566" in self.printed
        assert "klongphon-mayor" in self.printed

    def test_running_it_twice_gives_the_same_data(self):
        first = snapshot()
        call_command("seed_demo", stdout=StringIO())
        assert snapshot() == first
        assert first["organizations"] and first["memberships"]
