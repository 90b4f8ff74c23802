"""The guided setup of an office (issue 18): details, divisions from the
usual structure, members from the portal's Excel template, invitations."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from organizations import member_sheet
from organizations.models import Division, DivisionKind, Membership, Organization
from organizations.services import LAST_ADMIN
from organizations.structures import usual_divisions
from tests.factories import OrganizationFactory
from tests.twofactor.helpers import verify_session

pytestmark = pytest.mark.django_db
User = get_user_model()
XLSX_MIME = member_sheet.xlsx.XLSX_MIME

# Ten people of เทศบาลตำบลคลองพน, as an office types them.
TEN = [
    ("นายนุกูล งานดี", "นายกเทศมนตรีตำบลคลองพน", "nukul@example.go.th", "ผู้บริหาร", ""),
    ("นางสมจิต รัตนวงศ์", "ปลัดเทศบาลตำบลคลองพน", "somjit@example.go.th", "ผู้บริหาร", ""),
    ("นางมะลิ ภูพรประเสริฐ", "นักวิเคราะห์นโยบายและแผน", "mali@example.go.th", "เจ้าหน้าที่", ""),
    (
        "นายสุชาติ ใจซื่อ",
        "ผู้อำนวยการกองคลัง",
        "suchat@example.go.th",
        "หัวหน้าส่วนราชการ",
        "กองคลัง",
    ),
    (
        "นายวิชัย ช่างดี",
        "ผู้อำนวยการกองช่าง",
        "wichai@example.go.th",
        "หัวหน้าส่วนราชการ",
        "กองช่าง",
    ),
    (
        "นางสาวพร ศรีสุข",
        "หัวหน้าสำนักปลัด",
        "porn@example.go.th",
        "หัวหน้าส่วนราชการ",
        "กองคลัง, กองช่าง",
    ),
    ("นายเอก ดูแล", "นักวิชาการคอมพิวเตอร์", "ake@example.go.th", "ผู้ดูแลหน่วยงาน", ""),
    ("นางสาวแก้ว ใสสะอาด", "เจ้าพนักงานธุรการ", "kaew@example.go.th", "เจ้าหน้าที่", ""),
    ("นายดำ ขยัน", "นักจัดการงานทั่วไป", "dam@example.go.th", "staff", ""),
    ("นางแดง มั่นคง", "นักทรัพยากรบุคคล", "daeng@example.go.th", "เจ้าหน้าที่", ""),
]


def sheet(rows, organization) -> bytes:
    """The portal's template with `rows` typed in from row 2."""
    book = openpyxl.load_workbook(io.BytesIO(member_sheet.template_bytes(organization)))
    first = book.worksheets[0]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            first.cell(number, column).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, organization, content: bytes):
    url = reverse("organizations:setup_members", args=[organization.slug])
    return client.post(
        url,
        {"file": SimpleUploadedFile("สมาชิก.xlsx", content, content_type=XLSX_MIME)},
    )


def confirm(client, organization):
    url = reverse("organizations:setup_members", args=[organization.slug])
    return client.post(url, {"confirm": "1"})


def import_rows(client, organization, rows):
    preview = upload(client, organization, sheet(rows, organization))
    assert preview.status_code == 200
    assert preview.context["parsed"].ok, [str(e) for e in preview.context["problems"]]
    return confirm(client, organization)


@pytest.fixture
def admin_client(login, people):
    return login(people.admin)


# --- the pages -----------------------------------------------------------------


def test_the_start_page_lists_the_four_steps(admin_client, org):
    page = admin_client.get(reverse("organizations:setup", args=[org.slug]))
    for step in ("ข้อมูลหน่วยงานและตรา", "ส่วนราชการ", "สมาชิกจากไฟล์ Excel", "เชิญตั้งรหัสผ่าน"):
        assertContains(page, step)
    detail = admin_client.get(reverse("organizations:detail"))
    assertContains(detail, reverse("organizations:setup", args=[org.slug]))


def test_step_one_saves_the_details_with_who_in_the_history(admin_client, org, people):
    url = reverse("organizations:setup_details", args=[org.slug])
    response = admin_client.post(
        url, {"district": "คลองท่อม", "province": "กระบี่", "phone": "075 000 000"}
    )
    assertRedirects(response, reverse("organizations:setup_divisions", args=[org.slug]))
    org.refresh_from_db()
    assert org.district == "คลองท่อม"
    assert org.history.first().history_user == people.admin


@pytest.mark.parametrize("kind", Organization.Kind.values)
def test_every_kind_has_a_usual_structure(kind):
    divisions = usual_divisions(kind)
    assert divisions
    assert all(k in DivisionKind.values for _name, k in divisions)
    assert any(k == DivisionKind.FINANCE for _name, k in divisions)


def test_step_two_offers_the_usual_divisions_and_keeps_the_existing(
    admin_client, org, people, division_a
):
    url = reverse("organizations:setup_divisions", args=[org.slug])
    page = admin_client.get(url)
    assertContains(page, "สำนักปลัดเทศบาล")
    assertContains(page, "กองสาธารณสุขและสิ่งแวดล้อม")
    formset = page.context["formset"]
    initial = {f["name"]: f for f in formset.initial}
    assert "กองคลัง" not in initial  # the office has its กองคลัง: kept, listed
    assertContains(page, "ส่วนราชการที่มีอยู่แล้ว")
    assert initial["สำนักปลัดเทศบาล"]["add"] is True
    data = {
        "form-TOTAL_FORMS": str(len(formset.initial)),
        "form-INITIAL_FORMS": "0",
    }
    for i, form in enumerate(formset.initial):
        data[f"form-{i}-name"] = form["name"]
        data[f"form-{i}-kind"] = form["kind"]
    data["form-0-add"] = "on"
    data["form-0-name"] = "สำนักปลัดเทศบาลตำบลคลองพน"  # renamed
    blank = len(formset.initial) - 3  # the first of the three blank rows
    data[f"form-{blank}-add"] = "on"
    data[f"form-{blank}-name"] = "หน่วยตรวจสอบภายใน"
    response = admin_client.post(url, data)
    assertRedirects(response, reverse("organizations:setup_members", args=[org.slug]))
    names = set(org.divisions.values_list("name", flat=True))
    assert names == {"กองคลัง", "กองช่าง", "สำนักปลัดเทศบาลตำบลคลองพน", "หน่วยตรวจสอบภายใน"}
    clerk = Division.objects.get(organization=org, name="สำนักปลัดเทศบาลตำบลคลองพน")
    assert clerk.kind == DivisionKind.CLERK
    assert clerk.history.first().history_user == people.admin
    assert Division.objects.get(name="หน่วยตรวจสอบภายใน").kind == DivisionKind.OTHER


def test_step_two_refuses_a_name_the_office_has(admin_client, org, people, division_a):
    url = reverse("organizations:setup_divisions", args=[org.slug])
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-add": "on",
        "form-0-name": "กองคลัง",
        "form-0-kind": "finance",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assertContains(response, "หน่วยงานนี้มีส่วนราชการชื่อนี้อยู่แล้ว")
    assert org.divisions.count() == 2


# --- the member sheet ----------------------------------------------------------------


def test_the_template_downloads_with_the_thai_headers(admin_client, org, division_a):
    url = reverse("organizations:setup_members_template", args=[org.slug])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in book.worksheets[0][1]]
    assert header == [
        "ชื่อ-นามสกุล",
        "ตำแหน่ง",
        "อีเมล",
        "บทบาท",
        "ส่วนราชการที่เป็นหัวหน้า",
    ]
    assert "กองคลัง" in [c.value for c in book.worksheets[1]["A"]]


def test_a_good_file_imports_ten_members_with_roles_and_divisions(
    admin_client, org, people, division_a, division_b
):
    before = org.memberships.count()
    response = import_rows(admin_client, org, TEN)
    assertRedirects(
        response, reverse("organizations:setup_invitations", args=[org.slug])
    )
    assert org.memberships.count() == before + 10
    suchat = Membership.objects.get(
        organization=org, user__email="suchat@example.go.th"
    )
    assert suchat.role == Membership.Role.DIVISION_HEAD
    assert [d.name for d in suchat.divisions.all()] == ["กองคลัง"]
    assert suchat.position == "ผู้อำนวยการกองคลัง"
    assert suchat.user.first_name == "นายสุชาติ"
    assert suchat.user.last_name == "ใจซื่อ"
    assert suchat.user.get_full_name() == "นายสุชาติ ใจซื่อ"
    assert not suchat.user.has_usable_password()
    assert suchat.history.first().history_user == people.admin
    porn = Membership.objects.get(organization=org, user__email="porn@example.go.th")
    assert {d.name for d in porn.divisions.all()} == {"กองคลัง", "กองช่าง"}
    roles = dict(
        Membership.objects.filter(
            organization=org, user__email__endswith=".go.th"
        ).values_list("user__email", "role")
    )
    assert roles["ake@example.go.th"] == Membership.Role.ORG_ADMIN
    assert roles["dam@example.go.th"] == Membership.Role.STAFF
    assert roles["nukul@example.go.th"] == Membership.Role.EXECUTIVE


def test_a_bad_file_shows_each_rows_error_and_saves_nothing(
    admin_client, org, people, division_a
):
    rows = [
        TEN[0],
        ("", "ตำแหน่ง", "noname@example.go.th", "เจ้าหน้าที่", ""),
        ("นายก ข", "", "not-an-email", "เจ้าหน้าที่", ""),
        ("นายค ง", "", "c@example.go.th", "หัวหน้าใหญ่", ""),
        ("นายจ ฉ", "", "j@example.go.th", "หัวหน้าส่วนราชการ", ""),
        ("นายช ซ", "", "s@example.go.th", "หัวหน้าส่วนราชการ", "กองที่ไม่มี"),
        ("นายฌ ญ", "", "nukul@example.go.th", "เจ้าหน้าที่", ""),
        ("นายด ต", "", "d@example.go.th", "เจ้าหน้าที่", "กองคลัง"),
        ("นายถ ท", "=1+1", "t@example.go.th", "เจ้าหน้าที่", ""),
    ]
    users, memberships = User.objects.count(), Membership.objects.count()
    response = upload(admin_client, org, sheet(rows, org))
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    expected = {
        3: "ไม่มีชื่อ-นามสกุล",
        4: "อีเมล “not-an-email” ไม่ถูกต้อง",
        5: "ไม่รู้จักบทบาท “หัวหน้าใหญ่”",
        6: "หัวหน้าส่วนราชการต้องมีส่วนราชการที่รับผิดชอบอย่างน้อยหนึ่งแห่ง",
        7: "ไม่มีส่วนราชการ “กองที่ไม่มี” ในหน่วยงานนี้",
        8: "อีเมลนี้ซ้ำกับแถวที่ 2",
        9: "เลือกส่วนราชการได้เฉพาะบทบาทหัวหน้าส่วนราชการ",
        10: "ไม่รับสูตร",
    }
    for row, text in expected.items():
        assert any(p.startswith(f"แถวที่ {row}: ") and text in p for p in problems), (
            row,
            problems,
        )
    assert not any(p.startswith("แถวที่ 2:") for p in problems)
    assertContains(response, "ยังไม่ได้บันทึก")
    assert "confirm" not in response.content.decode()
    assert confirm(admin_client, org).status_code == 302  # nothing kept to confirm
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_a_reimport_updates_people_by_email(
    admin_client, org, people, division_a, division_b
):
    import_rows(admin_client, org, TEN)
    users = User.objects.count()
    changed = list(TEN)
    changed[3] = (
        "นายสุชาติ ใจซื่อตรง",
        "ผู้อำนวยการกองช่าง",
        "SUCHAT@example.go.th",
        "หัวหน้าส่วนราชการ",
        "กองช่าง",
    )
    changed[2] = (
        "นางมะลิ ภูพรประเสริฐ",
        "หัวหน้าฝ่ายแผน",
        "mali@example.go.th",
        "ผู้ดูแลหน่วยงาน",
        "",
    )
    response = import_rows(admin_client, org, changed)
    assert response.status_code == 302
    assert User.objects.count() == users
    suchat = Membership.objects.get(
        organization=org, user__email="suchat@example.go.th"
    )
    assert suchat.position == "ผู้อำนวยการกองช่าง"
    assert [d.name for d in suchat.divisions.all()] == ["กองช่าง"]
    assert suchat.user.last_name == "ใจซื่อตรง"
    mali = Membership.objects.get(organization=org, user__email="mali@example.go.th")
    assert mali.role == Membership.Role.ORG_ADMIN


def test_the_import_finds_an_existing_account_by_email(admin_client, org, people):
    people.staff.email = "Staff@Example.org"
    people.staff.save()
    rows = [("นายใหม่ ชื่อใหม่", "นักวิชาการ", "staff@example.org", "ผู้บริหาร", "")]
    import_rows(admin_client, org, rows)
    membership = Membership.objects.get(organization=org, user=people.staff)
    assert membership.role == Membership.Role.EXECUTIVE


def test_the_import_keeps_the_last_org_admin(admin_client, org, people):
    people.admin.email = "admin@example.go.th"
    people.admin.save()
    rows = [("นายผู้ดูแล เดิม", "", "admin@example.go.th", "เจ้าหน้าที่", "")]
    response = upload(admin_client, org, sheet(rows, org))
    problems = [str(p) for p in response.context["problems"]]
    assert problems == [f"แถวที่ 2: {LAST_ADMIN}"]
    assert Membership.objects.get(user=people.admin).role == Membership.Role.ORG_ADMIN
    # Handing the role on in the same file is fine: the new admin comes first.
    rows.append(("นางผู้ดูแล ใหม่", "", "new-admin@example.go.th", "ผู้ดูแลหน่วยงาน", ""))
    assert import_rows(admin_client, org, rows).status_code == 302
    assert Membership.objects.get(user=people.admin).role == Membership.Role.STAFF


def test_a_file_that_is_not_a_workbook_is_refused_in_thai(admin_client, org):
    response = upload(admin_client, org, b"%PDF-1.4 not a sheet")
    assert response.status_code == 200
    assertContains(response, "ไม่รับไฟล์ประเภทนี้")


# --- invitations -----------------------------------------------------------------------


def test_invitations_carry_a_link_and_no_password_and_the_link_works(
    admin_client,
    client,
    org,
    people,
    division_a,
    division_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    import_rows(admin_client, org, TEN)
    url = reverse("organizations:setup_invitations", args=[org.slug])
    page = admin_client.get(url)
    waiting = page.context["waiting"]
    assert len(waiting) == 10
    mali = next(m for m in waiting if m.user.email == "mali@example.go.th")
    with django_capture_on_commit_callbacks(execute=True):  # sent on commit
        response = admin_client.post(url, {"members": [mali.pk]})
    assertRedirects(response, url)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["mali@example.go.th"]
    assert "เทศบาลตำบลคลองพน" in mail.subject
    assert "password" not in mail.body.lower().replace("password_reset", "")
    link = re.search(r"https?://\S+", mail.body).group(0)
    assert "/accounts/welcome/" in link
    user = mali.user
    assert user.username in mail.body
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assertContains(form_page, "ตั้งรหัสผ่าน")
    new_password = "ดอกมะลิบานเช้า-2567"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assertRedirects(done, reverse("password_reset_complete"))
    assert new_password not in mail.body
    login = client.post(
        reverse("login"), {"username": user.username, "password": new_password}
    )
    assertRedirects(login, reverse("home"))
    # Spent: the same link no longer sets a password.
    client.logout()
    again = client.get(link, follow=True)
    assertContains(again, "ลิงก์นี้ใช้ไม่ได้แล้ว")
    # And the member is no longer waiting (admin_client is the same client).
    client.force_login(people.admin)
    assert mali.pk not in [m.pk for m in client.get(url).context["waiting"]]


def test_sending_without_choosing_anyone_says_so(admin_client, org, people, mailoutbox):
    url = reverse("organizations:setup_invitations", args=[org.slug])
    response = admin_client.post(url, {})
    assert response.status_code == 200
    assert mailoutbox == []


# --- who reaches the setup ---------------------------------------------------------------


SETUP_PAGES = [
    "organizations:setup",
    "organizations:setup_details",
    "organizations:setup_divisions",
    "organizations:setup_members",
    "organizations:setup_members_template",
    "organizations:setup_invitations",
]


@pytest.mark.parametrize("name", SETUP_PAGES)
def test_only_the_org_admin_and_a_superuser_reach_the_setup(name, client, org, people):
    url = reverse(name, args=[org.slug])
    for user, expected in (
        (people.staff, 403),
        (people.head_a, 403),
        (people.palad, 403),
        (people.outsider, 404),
        (people.admin, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == expected, user
    superuser = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_a_superuser_creating_an_organisation_lands_in_the_setup(client):
    superuser = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    verify_session(client, superuser)  # Django admin needs the second factor
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            "name": "องค์การบริหารส่วนตำบลบ้านใหม่",
            "kind": "sao",
            "slug": "banmai",
            "divisions-TOTAL_FORMS": "0",
            "divisions-INITIAL_FORMS": "0",
        },
    )
    assertRedirects(response, reverse("organizations:setup", args=["banmai"]))
    divisions = client.get(reverse("organizations:setup_divisions", args=["banmai"]))
    assertContains(divisions, "สำนักปลัด")
    organization = Organization.objects.get(slug="banmai")
    rows = [("นายเอก ดูแล", "นักวิชาการคอมพิวเตอร์", "ake@example.go.th", "ผู้ดูแลหน่วยงาน", "")]
    assert import_rows(client, organization, rows).status_code == 302
    assert organization.memberships.get().role == Membership.Role.ORG_ADMIN


def test_other_organisations_are_not_touched(admin_client, org, people):
    other = OrganizationFactory(slug="elsewhere")
    url = reverse("organizations:setup_members", args=[other.slug])
    assert admin_client.get(url).status_code == 404
