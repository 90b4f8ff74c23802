from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import MAX_KEY, ThaiModelMultipleChoiceField

from .models import Division, DivisionKind, Membership, Organization

User = get_user_model()

DIVISION_NAME_TAKEN = _("หน่วยงานนี้มีส่วนราชการชื่อนี้อยู่แล้ว")
DIVISION_REQUIRED = _("หัวหน้าส่วนราชการต้องมีส่วนราชการที่รับผิดชอบอย่างน้อยหนึ่งแห่ง")
DIVISIONS_ONLY_FOR_HEADS = _("เลือกส่วนราชการได้เฉพาะบทบาทหัวหน้าส่วนราชการ")
PASSWORD_REQUIRED = _("กรุณากำหนดรหัสผ่านเริ่มต้นสำหรับผู้ใช้ใหม่")
DIVISION_NAME_REQUIRED = _("กรุณากรอกชื่อส่วนราชการ")


class OrganizationForm(forms.ModelForm):
    """What an org admin may change. Name, type and slug are the public
    identity of the organisation and stay with the superuser."""

    class Meta:
        model = Organization
        fields = [
            "district",
            "province",
            "phone",
            "memo_prefix",
            "thai_digits",
            "publish_memos",
            "require_second_factor",
            "emblem",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored name is chosen by emblem_upload_to, so the length of the
        # user's file name does not matter.
        self.fields["emblem"].max_length = None


class DivisionForm(forms.ModelForm):
    class Meta:
        model = Division
        fields = ["name", "short_name", "kind"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.instance.organization = organization

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = Division.objects.filter(organization=self.organization, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DIVISION_NAME_TAKEN)
        return name


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "position", "divisions"]
        widgets = {"divisions": forms.CheckboxSelectMultiple}
        field_classes = {"divisions": ThaiModelMultipleChoiceField}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["divisions"].queryset = organization.divisions.all()

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        divisions = cleaned.get("divisions")
        if role == Membership.Role.DIVISION_HEAD and not divisions:
            self.add_error("divisions", DIVISION_REQUIRED)
        elif role and role != Membership.Role.DIVISION_HEAD and divisions:
            self.add_error("divisions", DIVISIONS_ONLY_FOR_HEADS)
        return cleaned


class NewMemberForm(MembershipForm):
    """Add a person: a new account, or an existing username joining this
    organisation (a user may belong to several)."""

    username = forms.CharField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        help_text=_("ถ้ามีผู้ใช้ชื่อนี้อยู่แล้ว จะเพิ่มผู้ใช้นั้นเป็นสมาชิกโดยไม่เปลี่ยนรหัสผ่าน"),
    )
    first_name = forms.CharField(
        label=_("คำนำหน้าและชื่อ"), max_length=150, required=False
    )
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    password = forms.CharField(
        label=_("รหัสผ่านเริ่มต้น"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password",
        "role",
        "position",
        "divisions",
    ]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)  # its message in Thai: locale/th
        return username

    def clean(self):
        cleaned = super().clean()
        username = cleaned.get("username")
        if not username:
            return cleaned
        self.existing_user = User.objects.filter(username=username).first()
        if self.existing_user is None:
            password = cleaned.get("password")
            if not password:
                self.add_error("password", PASSWORD_REQUIRED)
            else:
                candidate = User(
                    username=username,
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    password_validation.validate_password(password, candidate)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return cleaned


class SwitchOrganizationForm(forms.Form):
    # No larger than the database holds: SQLite raises OverflowError on
    # organization_id=2**63 (a 500) where PostgreSQL finds nothing.
    organization = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=MAX_KEY
    )


class SetupDivisionForm(forms.Form):
    """One offered division in the setup: tick to add, rename, set its work."""

    add = forms.BooleanField(label=_("เพิ่ม"), required=False)
    name = forms.CharField(label=_("ชื่อส่วนราชการ"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("ลักษณะงาน"),
        choices=[("", _("ให้ระบบเดาจากชื่อ")), *DivisionKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["name"] = " ".join((cleaned.get("name") or "").split())
        if cleaned.get("add") and not cleaned["name"]:
            self.add_error("name", DIVISION_NAME_REQUIRED)
        return cleaned


class BaseSetupDivisionFormSet(forms.BaseFormSet):
    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def chosen(self) -> list[tuple[str, str]]:
        return [
            (form.cleaned_data["name"], form.cleaned_data.get("kind") or "")
            for form in self.forms
            if form.cleaned_data.get("add")
        ]

    def clean(self):
        if any(self.errors):
            return
        taken = {
            name.casefold()
            for name in self.organization.divisions.values_list("name", flat=True)
        }
        for form in self.forms:
            if not form.cleaned_data.get("add"):
                continue
            key = form.cleaned_data["name"].casefold()
            if key in taken:
                form.add_error("name", DIVISION_NAME_TAKEN)
            taken.add(key)


SetupDivisionFormSet = forms.formset_factory(
    SetupDivisionForm,
    formset=BaseSetupDivisionFormSet,
    extra=0,
    max_num=40,
    absolute_max=40,
    validate_max=True,
)


class InvitationForm(forms.Form):
    members = ThaiModelMultipleChoiceField(
        label=_("ส่งคำเชิญถึง"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("กรุณาเลือกสมาชิกอย่างน้อยหนึ่งคน")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = queryset
