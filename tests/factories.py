"""factory_boy factories that keep the object graph consistent (STYLE.md, 11)."""

import factory
from django.contrib.auth import get_user_model

from organizations.models import Division, Membership, Organization

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"นายทดสอบ{n}")
    last_name = "ใจดี"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"เทศบาลตำบลทดสอบ{n}")
    kind = Organization.Kind.SUBDISTRICT_MUNICIPALITY
    slug = factory.Sequence(lambda n: f"test-{n}")
    district = "เมือง"
    province = "กระบี่"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"กองทดสอบ{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.STAFF
    position = "เจ้าหน้าที่"

    @factory.post_generation
    def divisions(self, create, extracted, **kwargs):
        if create and extracted:
            self.divisions.set(extracted)
