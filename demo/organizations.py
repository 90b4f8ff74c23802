"""The five organisations of the seed documents, with their real names and
the divisions the documents mention, and a demo user for every role; the
data is in demo/data/<slug>.json ("organization", "divisions", "people") and
demo/data/shared.json (the person in two organisations, the admin).

Every step is idempotent: a row that is already as the data says is not
saved again, so running `seed_demo` twice adds no history either.
"""

import os
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations.models import Division, Membership, Organization

from . import files

User = get_user_model()
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
    organizations: tuple[str, ...] = ()  # only for a person in several

    @classmethod
    def from_data(cls, data: dict) -> "DemoPerson":
        return cls(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            position=data["position"],
            divisions=tuple(data.get("divisions", ())),
            organizations=tuple(data.get("organizations", ())),
        )


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

    @classmethod
    def from_data(cls, data: dict) -> "DemoOrganization":
        return cls(
            **data["organization"],
            divisions=tuple(data["divisions"]),
            people=tuple(DemoPerson.from_data(p) for p in data["people"]),
        )


ORGANIZATIONS = tuple(DemoOrganization.from_data(d) for d in files.organizations())
# People who work for more than one organisation, to show switching.
SEVERAL = tuple(
    DemoPerson.from_data(p) for p in files.shared()["people_in_several_organizations"]
)


def _update(obj, values: dict) -> None:
    """Save `obj` with `values` if any of them differs."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)


def _get_or_create(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    _update(obj, values)
    return obj


def _user(username: str, **values) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user  # its name and password are the user's own now
    user = User.objects.create(username=username, **values)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _person(person: DemoPerson) -> User:
    return _user(
        person.username,
        first_name=person.first_name,
        last_name=person.last_name,
        email=f"{person.username}@demo.ita.local",
    )


def _membership(user, organization, person: DemoPerson) -> Membership:
    membership = _get_or_create(
        Membership,
        {"user": user, "organization": organization},
        {"role": person.role, "position": person.position},
    )
    divisions = Division.objects.filter(
        organization=organization, name__in=person.divisions
    )
    if set(membership.divisions.all()) != set(divisions):
        membership.divisions.set(divisions)
    return membership


@transaction.atomic
def seed(stdout=None) -> dict:
    """Create or refresh the demo organisations, divisions and users."""
    organizations = {}
    for spec in ORGANIZATIONS:
        organization = _get_or_create(
            Organization,
            {"slug": spec.slug},
            {
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
            _membership(_person(person), organization, person)
    for person in SEVERAL:
        user = _person(person)
        for slug in person.organizations:
            _membership(user, organizations[slug], person)

    admin = files.shared()["admin"]
    _user(
        admin["username"],
        first_name=admin["first_name"],
        is_staff=admin["is_staff"],
        is_superuser=admin["is_superuser"],
    )
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
        (person.username, names[slug], person.role)
        for person in SEVERAL
        for slug in person.organizations
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
