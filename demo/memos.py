"""Demo memos: every demo organisation's approval chain ("approval_chain",
usernames in order: ปลัด → นายกฯ), and the memos under "memos", such as seed
001's memo of เทศบาลตำบลคลองพน as it was typed, endorsed by the ปลัด and
approved by the นายกฯ on 23 April 2563, with its approved PDF stored,
signed with a certificate from the demo's own CA.

A memo's digits may be typed ๐–๙ as on paper; they are stored as 0–9 and
printed as ๐–๙ for an organisation that chose Thai digits.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from measures.models import Plan
from organizations.models import Membership, Organization
from reports import services as memos
from reports import signing
from reports.documents import freeze
from reports.models import CertificateAuthority, Memo, MemoDecision

from . import files

BANGKOK = ZoneInfo("Asia/Bangkok")
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TEXT_FIELDS = (
    "department",
    "subject",
    "addressee",
    "sections",
    "signer_name",
    "signer_position",
)


def _arabic(value):
    if isinstance(value, str):
        return value.translate(ARABIC)
    if isinstance(value, list):
        return [_arabic(v) for v in value]
    if isinstance(value, dict):
        return {k: _arabic(v) for k, v in value.items()}
    return value


def _at(text: str) -> datetime:
    """A time as the files write it, Bangkok time."""
    return datetime.fromisoformat(text).replace(tzinfo=BANGKOK)


def _members(organization, usernames: list[str]) -> list[Membership]:
    memberships = organization.memberships.select_related("user")
    found = {
        m.user.username: m for m in memberships.filter(user__username__in=usernames)
    }
    return [found[name] for name in usernames if name in found]


def _memo(organization, data: dict) -> Memo | None:
    plan = Plan.objects.filter(
        organization=organization, fiscal_year=data["plan_year"], is_current=True
    ).first()
    if plan is None or organization.memos.filter(plan=plan).exists():
        return None
    decisions = data["decisions"]
    chain = _members(organization, [d["by"] for d in decisions])
    author = organization.memberships.get(user__username=data["author"]).user
    memo = Memo.objects.create(
        organization=organization,
        kind=data["kind"],
        plan=plan,
        author=author,
        status=Memo.Status.APPROVED,
        submission=1,
        number=None,
        chain=[
            {
                "user": m.user_id,
                "name": m.user.get_full_name(),
                "position": m.position,
            }
            for m in chain
        ],
        sent_at=_at(data["sent_at"]),
        date=date.fromisoformat(data["date"]),
        **{name: _arabic(data[name]) for name in TEXT_FIELDS},
    )
    for index, (membership, entry) in enumerate(zip(chain, decisions, strict=True)):
        decision = MemoDecision.objects.create(
            memo=memo,
            submission=1,
            step=index,
            final=index == len(chain) - 1,
            user=membership.user,
            name=membership.user.get_full_name(),
            position=membership.position,
            approve=entry["approve"],
        )
        # The decision's time as it was on paper, not the time of seeding.
        MemoDecision.objects.filter(pk=decision.pk).update(decided_at=_at(entry["at"]))
    memo.approved_at = _at(decisions[-1]["at"])
    memo.save(update_fields=["approved_at"])
    freeze(memo)
    return memo


DEMO_CA = "ITA Portal demo CA (not a public CA)"


def _signing_key(organization, stdout) -> None:
    """The demo organisation's signing certificate, issued by the demo's own
    CA, so that its approved memos are signed as a real approval's are.
    Skipped where keys cannot be kept (no SIGNING_KEY_SECRET, DEBUG off)."""
    if not signing.available() or organization.signing_keys.filter(active=True):
        return
    if not CertificateAuthority.objects.exists():
        memos.certificate_authority_create(name=DEMO_CA)
    key = memos.signing_key_issue(organization=organization, by=None)
    if stdout is not None:
        stdout.write(f"signing certificate: {key.subject}\n")


@transaction.atomic
def seed(stdout=None) -> None:
    for data in files.organizations():
        organization = Organization.objects.filter(
            slug=data["organization"]["slug"]
        ).first()
        if organization is None:
            continue
        chain = _members(organization, data.get("approval_chain", []))
        if chain and not organization.approval_steps.exists():
            memos.approval_chain_set(
                organization=organization, memberships=chain, by=None
            )
        if data.get("memos"):
            _signing_key(organization, stdout)
        for entry in data.get("memos", []):
            memo = _memo(organization, entry)
            if stdout is not None and memo is not None:
                stdout.write(f"memo: {memo.subject[:60]}… ({organization.name})\n")
