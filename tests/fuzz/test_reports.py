"""Bad input on the memo forms: the memo and its sections, a decision, the
approval chain and the PDF check. Isolation: see tests/fuzz/helpers.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from organizations.models import Membership
from reports import services as memos
from reports.models import ApprovalStep, ApprovedDocument, Memo, MemoDecision
from tests.fuzz.helpers import (
    IMG,
    PDF,
    PNG,
    SCRIPT,
    assert_escaped,
    bad_files,
    browser_data,
    check_refused,
    example_state,
    file_names,
    fuzz,
    numbers,
    rows,
    submit,
    texts,
)

pytestmark = pytest.mark.django_db

MEMO_TABLES = (Memo, MemoDecision, Memo.history.model)


@pytest.fixture
def chain(org, people):
    palad = people.palad.memberships.get(organization=org)
    mayor = people.mayor.memberships.get(organization=org)
    memos.approval_chain_set(
        organization=org, memberships=[palad, mayor], by=people.admin
    )
    return [palad, mayor]


@pytest.fixture
def memo(plan, people, chain):
    return memos.memo_draft_for_plan(plan=plan, by=people.staff)


dates = st.one_of(
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year + 543}"),
    st.sampled_from(["5/1/2566", "๕/๑/๒๕๖๖", "31/2/2566", "1/1/0001", "99/99/9999"]),
    texts,
)


def section_data(sections, management=None) -> dict:
    data = {
        "section-TOTAL_FORMS": str(len(sections)),
        "section-INITIAL_FORMS": "0",
        "section-MIN_NUM_FORMS": "0",
        "section-MAX_NUM_FORMS": "12",
    }
    for index, (heading, text) in enumerate(sections):
        data[f"section-{index}-heading"] = heading
        data[f"section-{index}-text"] = text
    data.update(management or {})
    return data


MEMO_FIELDS = [
    "department",
    "reference",
    "subject",
    "addressee",
    "closing",
    "signer_name",
    "signer_position",
]


@fuzz(30)
@given(data=st.data())
# Both said so in Django's English until the formset had Thai messages:
@example(data={"section-TOTAL_FORMS": "13"})  # more sections than allowed
@example(data={"section-TOTAL_FORMS": "x"})  # a tampered management form
@example(data={"subject": SCRIPT, "section-0-text": IMG})
def test_a_memo_takes_any_text_date_and_sections(login, people, memo, data):
    client = login(people.staff)
    url = reverse("reports:memo_edit", args=[memo.pk])
    page = client.get(url)
    base = browser_data(page.context["form"])
    if isinstance(data, dict):
        total = data.get("section-TOTAL_FORMS", "1")
        count = int(total) if total.isdigit() else 1
        typed = {**section_data([("ข้อเท็จจริง", "ข้อความ")] * count), **data}
    else:
        sections = data.draw(st.lists(st.tuples(texts, texts), max_size=14))
        management = data.draw(
            st.one_of(
                st.just({}),
                st.dictionaries(
                    st.sampled_from(
                        [
                            "section-TOTAL_FORMS",
                            "section-INITIAL_FORMS",
                            "section-MAX_NUM_FORMS",
                        ]
                    ),
                    st.one_of(numbers, texts),
                ),
            )
        )
        typed = {
            **section_data(sections, management),
            **{
                name: data.draw(texts)
                for name in MEMO_FIELDS
                if data.draw(st.booleans())
            },
        }
        if data.draw(st.booleans()):
            typed["date"] = data.draw(dates)
    with example_state(client):
        before = rows(*MEMO_TABLES)
        response = client.post(url, {**base, **typed})
        if response.status_code == 302:
            shown = client.get(response["Location"])
            assert shown.status_code == 200
            assert_escaped(shown)
            if typed.get("subject") == SCRIPT:
                assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.content.decode()
        else:
            check_refused(response, before, rows(*MEMO_TABLES))


@pytest.fixture
def pending(memo, people):
    return memos.memo_send(memo=memo, by=people.staff)


@fuzz(30)
@given(approve=st.one_of(st.sampled_from(["1", "0"]), texts), comment=texts)
@example(approve="0", comment="")  # a refusal needs a reason
@example(approve="0", comment="ก" * 2001)
def test_a_decision_takes_any_comment(login_signer, people, pending, approve, comment):
    client = login_signer(people.palad)
    url = reverse("reports:memo_decide", args=[pending.pk])
    with example_state(client):
        submit(
            client,
            url,
            {"approve": approve, "comment": comment},
            MEMO_TABLES,
            echoed=("comment",),
            status=400,
        )


@fuzz(25)
@given(data=st.data())
def test_the_chain_takes_only_the_organisations_executives(
    login, people, org, other_org, chain, data
):
    client = login(people.admin)
    url = reverse("reports:chain_edit")
    outsider = people.outsider.memberships.get()
    staff = people.staff.memberships.get(organization=org)
    keys = [m.pk for m in chain] + [outsider.pk, staff.pk, 0, 10**30]
    # A browser sends all five steps ("" for —); a sixth is ignored.
    typed = {
        f"step_{index}": data.draw(
            st.one_of(st.sampled_from([str(k) for k in keys]), st.just(""), texts)
        )
        for index in range(6)
    }
    with example_state(client):
        submit(client, url, typed, (ApprovalStep, Membership))


@fuzz(25)
@given(data=st.data())
@example(data=(PNG, "ตรา.pdf"))
@example(data=(b"", "ว่าง.pdf"))
def test_the_pdf_check_takes_any_file(login, people, media, data):
    client = login(people.staff)
    url = reverse("reports:verify")
    if isinstance(data, tuple):
        content, name = data
    else:
        content = data.draw(st.one_of(st.just(PDF), bad_files(PDF * 3)))
        name = data.draw(file_names)
    with example_state(client):
        before = rows(ApprovedDocument)
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200
        assert rows(ApprovedDocument) == before
        assert_escaped(response)
        form = response.context["form"]
        if form.errors:
            check_refused(response, before, rows(ApprovedDocument))
        else:
            assert response.context["checked"]


@fuzz()
@given(
    job=st.one_of(texts, st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
)
@example(job=SCRIPT)
@example(job="../../../../etc/passwd")
def test_asking_again_for_a_document_takes_any_job_and_saves_nothing(
    client, login, people, plan, job
):
    """The "ลองอีกครั้ง" form of a failed render (reports/jobs.py): whatever
    its hidden job says, it only forgets that job's failure and sends the
    user back to the document; no file or row is written."""
    login(people.staff)
    url = reverse("reports:plan_pdf", args=[plan.pk])
    with example_state(client):
        before = rows(ApprovedDocument, Memo)
        response = client.post(url, {"job": job})
        assert response.status_code == 302
        assert response["Location"] == url
        assert rows(ApprovedDocument, Memo) == before
