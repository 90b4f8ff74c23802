from django import forms
from django.utils.translation import gettext_lazy as _

from ita_portal.forms import ThaiDateField
from organizations.models import Membership

from .models import Memo


class MemoForm(forms.ModelForm):
    date = ThaiDateField(label=_("วันที่"))

    class Meta:
        model = Memo
        fields = [
            "department",
            "reference",
            "date",
            "subject",
            "addressee",
            "closing",
            "signer_name",
            "signer_position",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "signer_position": forms.Textarea(attrs={"rows": 2}),
        }


class SectionForm(forms.Form):
    """A heading (เรื่องเดิม, ข้อเท็จจริง …, or none) and its paragraphs,
    one per line."""

    heading = forms.CharField(label=_("หัวข้อ"), max_length=200, required=False)
    text = forms.CharField(
        label=_("ย่อหน้า"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("หนึ่งบรรทัดต่อหนึ่งย่อหน้า"),
    )

    def paragraphs(self) -> list[str]:
        text = self.cleaned_data.get("text", "")
        return [line.strip() for line in text.splitlines() if line.strip()]


TAMPERED_SECTIONS = _("ข้อมูลส่วนเนื้อหาของบันทึกไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง")
TOO_MANY_SECTIONS = _("บันทึกมีหัวข้อได้ไม่เกิน %(num)d หัวข้อ")


class BaseSectionFormSet(forms.BaseFormSet):
    # Django's own formset messages are English in its Thai catalogue.
    default_error_messages = {
        "missing_management_form": TAMPERED_SECTIONS,
        "too_many_forms": TOO_MANY_SECTIONS,
    }


SectionFormSet = forms.formset_factory(
    SectionForm,
    formset=BaseSectionFormSet,
    extra=1,
    can_delete=True,
    max_num=12,
    validate_max=True,
)


def sections_initial(memo: Memo) -> list[dict]:
    return [
        {"heading": s.get("heading", ""), "text": "\n".join(s.get("paragraphs", []))}
        for s in memo.sections
    ]


def sections_from(formset) -> list[dict]:
    sections = []
    for form in formset.forms:
        if not form.has_changed() and not form.initial:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        paragraphs = form.paragraphs()
        heading = form.cleaned_data.get("heading", "").strip()
        if heading or paragraphs:
            sections.append({"heading": heading, "paragraphs": paragraphs})
    return sections


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("ความเห็น"),
        choices=[("1", _("เห็นชอบ")), ("0", _("ไม่เห็นชอบ"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกความเห็น")},
    )
    comment = forms.CharField(
        label=_("ความเห็นเพิ่มเติม / เหตุผล"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, final: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].choices = (
            [("1", _("อนุมัติ")), ("0", _("ไม่อนุมัติ เนื่องจาก…"))]
            if final
            else [("1", _("เห็นควรอนุมัติ")), ("0", _("ไม่เห็นควรอนุมัติ เนื่องจาก…"))]
        )


class ChainForm(forms.Form):
    """The approval chain: up to five executives, in order."""

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        executives = (
            organization.memberships.executives()
            .select_related("user")
            .order_by("user__first_name")
        )
        current = list(
            organization.approval_steps.values_list("membership_id", flat=True)
        )
        for index in range(5):
            self.fields[f"step_{index}"] = forms.ModelChoiceField(
                label=_("ลำดับที่ {n}").format(n=index + 1),
                queryset=executives,
                required=False,
                initial=current[index] if index < len(current) else None,
                empty_label="—",
            )
            self.fields[f"step_{index}"].label_from_instance = lambda m: (
                f"{m.user.get_full_name()} · {m.position or m.get_role_display()}"
            )

    def memberships(self) -> list[Membership]:
        return [
            self.cleaned_data[name]
            for name in sorted(self.fields)
            if self.cleaned_data.get(name)
        ]


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ PDF ที่ต้องการตรวจสอบ"))


# A PKCS#12 file holds a key and a few certificates: a few kilobytes.
PKCS12_MAX_BYTES = 64 * 1024


class SigningKeyUploadForm(forms.Form):
    """The organisation's own certificate: a PKCS#12 file and its password.
    The file is read in memory and never stored; the password is not kept."""

    file = forms.FileField(
        label=_("ไฟล์ใบรับรอง (.p12 หรือ .pfx)"),
        help_text=_(
            "ไฟล์ PKCS#12 ที่มีใบรับรองและกุญแจส่วนตัวของหน่วยงาน จากผู้ออกใบรับรองที่หน่วยงานเลือก"
        ),
    )
    password = forms.CharField(
        label=_("รหัสผ่านของไฟล์"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        max_length=1000,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > PKCS12_MAX_BYTES:
            raise forms.ValidationError(
                _("ไฟล์ใหญ่เกินไปสำหรับไฟล์ใบรับรอง (ไม่เกิน 64 KB)"), code="too_large"
            )
        return upload.read()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่เพิกถอน"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
