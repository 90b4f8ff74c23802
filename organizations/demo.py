"""Demo data: the five organisations of the seed documents, with their real
names and the divisions the documents mention, and a demo user for every role.

Run through `python manage.py seed_demo`; every step is idempotent.
"""

import os
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Division, Membership, Organization

User = get_user_model()
Kind = Organization.Kind
Role = Membership.Role

# Demo only: every demo account gets this password, printed by seed_demo.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "ita-demo-2566")


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: str
    position: str
    divisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoOrganization:
    slug: str
    name: str
    kind: str
    district: str
    province: str
    divisions: tuple[str, ...]
    phone: str = ""
    memo_prefix: str = ""
    thai_digits: bool = False
    people: tuple[DemoPerson, ...] = field(default_factory=tuple)


def _executive_titles(org_name: str, kind: str) -> tuple[str, str]:
    """The positions of the ปลัด and the นายก of an organisation, as printed
    under their signatures (seed 001: ปลัดเทศบาลตำบลคลองพน)."""
    if kind == Kind.SAO:
        return "ปลัด" + org_name, "นายก" + org_name
    place = org_name.removeprefix("เทศบาล")  # ตำบลคลองพน, เมืองแฉะแม, นคร…
    return "ปลัดเทศบาล" + place, "นายกเทศมนตรี" + place


def _generic_people(slug, name, kind, head_division, clerk_division):
    palad, mayor = _executive_titles(name, kind)
    sample = "(ตัวอย่าง)"
    return (
        DemoPerson(
            f"{slug}-staff", "เจ้าหน้าที่", sample, Role.STAFF, "เจ้าหน้าที่" + clerk_division
        ),
        DemoPerson(
            f"{slug}-head",
            "หัวหน้า" + head_division,
            sample,
            Role.DIVISION_HEAD,
            "ผู้อำนวยการ" + head_division,
            (head_division,),
        ),
        DemoPerson(f"{slug}-palad", "ปลัด", sample, Role.EXECUTIVE, palad),
        DemoPerson(f"{slug}-mayor", "นายก", sample, Role.EXECUTIVE, mayor),
        DemoPerson(f"{slug}-admin", "ผู้ดูแลระบบ", sample, Role.ORG_ADMIN, "ผู้ดูแลระบบ"),
    )


KLONGPHON = "เทศบาลตำบลคลองพน"

ORGANIZATIONS = (
    # Seed 000: analysis of FY2564 and the FY2565 measures.
    DemoOrganization(
        slug="chaemae",
        name="เทศบาลเมืองแฉะแม",
        kind=Kind.TOWN_MUNICIPALITY,
        district="เมืองอุบลราชธานี",
        province="อุบลราชธานี",
        divisions=("สำนักปลัดเทศบาล", "กองคลัง"),
        people=_generic_people(
            "chaemae",
            "เทศบาลเมืองแฉะแม",
            Kind.TOWN_MUNICIPALITY,
            "กองคลัง",
            "สำนักปลัดเทศบาล",
        ),
    ),
    # Seed 001: the memo to the mayor and the FY2562 analysis report.
    DemoOrganization(
        slug="klongphon",
        name=KLONGPHON,
        kind=Kind.SUBDISTRICT_MUNICIPALITY,
        district="คลองท่อม",
        province="กระบี่",
        phone="๐๗๕-๖๔๑๔๒๒",
        memo_prefix="กบ ๕๒๔๐๑",
        thai_digits=True,
        divisions=(
            "สำนักปลัดเทศบาล",
            "กองคลัง",
            "กองช่าง",
            "กองการศึกษา",
            "กองสาธารณสุขและสิ่งแวดล้อม",
        ),
        people=(
            # The people who signed seed 001.
            DemoPerson(
                "klongphon-staff",
                "นางมะลิ",
                "ภูพรประเสริฐ",
                Role.STAFF,
                "หัวหน้าฝ่ายแผนงานและงบประมาณ\nรักษาการแทน หัวหน้าสำนักปลัดเทศบาล",
            ),
            DemoPerson(
                "klongphon-palad",
                "นางสมจิต",
                "รัตนวงศ์",
                Role.EXECUTIVE,
                "ปลัดเทศบาลตำบลคลองพน",
            ),
            DemoPerson(
                "klongphon-mayor",
                "นายนุกูล",
                "งานดี",
                Role.EXECUTIVE,
                "นายกเทศมนตรีตำบลคลองพน",
            ),
            DemoPerson(
                "klongphon-head",
                "หัวหน้ากองคลัง",
                "(ตัวอย่าง)",
                Role.DIVISION_HEAD,
                "ผู้อำนวยการกองคลัง",
                ("กองคลัง",),
            ),
            DemoPerson(
                "klongphon-admin", "ผู้ดูแลระบบ", "(ตัวอย่าง)", Role.ORG_ADMIN, "ผู้ดูแลระบบ"
            ),
        ),
    ),
    # Seed 002: FY2566 measures keyed to ITA questions.
    DemoOrganization(
        slug="ubon",
        name="เทศบาลนครอุบลราชธานี",
        kind=Kind.CITY_MUNICIPALITY,
        district="เมืองอุบลราชธานี",
        province="อุบลราชธานี",
        divisions=(
            "สำนักปลัดเทศบาล",
            "สำนักคลัง",
            "สำนักช่าง",
            "กองยุทธศาสตร์และงบประมาณ",
            "กองการเจ้าหน้าที่",
            "กองสาธารณสุขและสิ่งแวดล้อม",
            "กองสวัสดิการสังคม",
        ),
        people=_generic_people(
            "ubon",
            "เทศบาลนครอุบลราชธานี",
            Kind.CITY_MUNICIPALITY,
            "กองยุทธศาสตร์และงบประมาณ",
            "กองยุทธศาสตร์และงบประมาณ",
        ),
    ),
    # Seed 003: FY2565 ranked indicators and the FY2566 measures.
    DemoOrganization(
        slug="nongphailom",
        name="องค์การบริหารส่วนตำบลหนองไผ่ล้อม",
        kind=Kind.SAO,
        district="หนองสองห้อง",
        province="ขอนแก่น",
        divisions=("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"),
        people=_generic_people(
            "nongphailom", "องค์การบริหารส่วนตำบลหนองไผ่ล้อม", Kind.SAO, "กองคลัง", "สำนักปลัด"
        ),
    ),
    # Seed 004: the FY2566 progress (O43) report. The document names neither
    # district nor province; the org admin fills them in.
    DemoOrganization(
        slug="banchang",
        name="เทศบาลตำบลบ้านฉาง",
        kind=Kind.SUBDISTRICT_MUNICIPALITY,
        district="",
        province="",
        thai_digits=True,
        divisions=("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"),
        people=_generic_people(
            "banchang",
            "เทศบาลตำบลบ้านฉาง",
            Kind.SUBDISTRICT_MUNICIPALITY,
            "กองคลัง",
            "สำนักปลัด",
        ),
    ),
)

# One person working for two organisations, to show switching between them.
CONSULTANT = DemoPerson(
    "ubon-consultant", "ที่ปรึกษา", "(ตัวอย่าง)", Role.STAFF, "ที่ปรึกษาด้านคุณธรรมและความโปร่งใส"
)
CONSULTANT_ORGS = ("ubon", "chaemae")


def _user(person: DemoPerson) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=person.username,
        defaults={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": f"{person.username}@demo.ita.local",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, created


def _membership(user, organization, person: DemoPerson):
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"role": person.role, "position": person.position},
    )
    membership.divisions.set(
        Division.objects.filter(organization=organization, name__in=person.divisions)
    )
    return membership


@transaction.atomic
def seed(stdout=None) -> dict:
    """Create or refresh the demo organisations, divisions and users."""
    organizations = {}
    for spec in ORGANIZATIONS:
        organization, _ = Organization.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "district": spec.district,
                "province": spec.province,
                "phone": spec.phone,
                "memo_prefix": spec.memo_prefix,
                "thai_digits": spec.thai_digits,
            },
        )
        organizations[spec.slug] = organization
        for name in spec.divisions:
            Division.objects.get_or_create(organization=organization, name=name)
        for person in spec.people:
            user, _ = _user(person)
            _membership(user, organization, person)
    consultant, _ = _user(CONSULTANT)
    for slug in CONSULTANT_ORGS:
        _membership(consultant, organizations[slug], CONSULTANT)

    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "first_name": "ผู้ดูแลระบบกลาง"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    if stdout is not None:
        stdout.write(
            "หน่วยงานตัวอย่าง: " + ", ".join(o.name for o in organizations.values())
        )
    return organizations


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, organisation, role) of every demo account but `admin`."""
    accounts = [
        (person.username, spec.name, person.role)
        for spec in ORGANIZATIONS
        for person in spec.people
    ]
    names = {spec.slug: spec.name for spec in ORGANIZATIONS}
    accounts += [
        (CONSULTANT.username, names[slug], CONSULTANT.role) for slug in CONSULTANT_ORGS
    ]
    return accounts


def print_accounts(stdout) -> None:
    """The demo accounts, printed last by `seed_demo` so that a newcomer
    finds them at the end of the output."""
    labels = dict(Role.choices)
    stdout.write(f"บัญชีตัวอย่าง (รหัสผ่านทุกบัญชี: {DEMO_PASSWORD})")
    stdout.write("  admin  ผู้ดูแลระบบกลาง (Django admin: /admin/)")
    for username, org_name, role in demo_accounts():
        stdout.write(f"  {username:<22} {str(labels[role]):<18} {org_name}")
