import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizations.models import Division, Membership
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_prints_the_location_as_the_documents_do():
    org = OrganizationFactory(district="คลองท่อม", province="กระบี่")
    assert org.location == "อำเภอคลองท่อม จังหวัดกระบี่"


def test_it_keeps_division_names_unique_within_an_organization(org):
    Division.objects.create(organization=org, name="กองคลัง")
    Division.objects.create(organization=OrganizationFactory(), name="กองคลัง")
    with pytest.raises(IntegrityError), transaction.atomic():
        Division.objects.create(organization=org, name="กองคลัง")


def test_it_gives_a_thai_message_for_a_duplicate_division(org):
    Division.objects.create(organization=org, name="กองคลัง")
    with pytest.raises(ValidationError) as error:
        Division(organization=org, name="กองคลัง").full_clean()
    assert "มีส่วนราชการชื่อนี้อยู่แล้ว" in str(error.value)


def test_it_allows_one_membership_per_user_and_organization(org):
    user = UserFactory()
    MembershipFactory(user=user, organization=org)
    MembershipFactory(user=user, organization=OrganizationFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organization=org, role="staff")


def test_it_refuses_an_unknown_role_in_the_database(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), organization=org, role="king")


def test_it_records_who_changed_a_membership(org, people):
    membership = Membership.objects.get(user=people.staff)
    membership.position = "นักวิเคราะห์นโยบายและแผน"
    membership.save()
    assert membership.history.count() == 2
    assert membership.history.first().position == "นักวิเคราะห์นโยบายและแผน"
