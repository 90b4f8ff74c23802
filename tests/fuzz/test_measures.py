"""Bad input on the plan (O42) and progress (O43) forms: generating a plan,
the plan's title, a measure, an analysis paragraph, a template of the
library, a progress update with its files, and opening a reporting round.
Isolation: see tests/fuzz/helpers.py."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from measures.models import (
    AnalysisParagraph,
    Evidence,
    Measure,
    MeasureTemplate,
    Plan,
    ProgressUpdate,
    ReportingRound,
    Weakness,
)
from tests.fuzz.helpers import (
    IMG,
    PDF,
    PNG,
    SCRIPT,
    assert_escaped,
    assert_thai,
    bad_files,
    browser_data,
    example_state,
    file_names,
    flash_messages,
    fuzz,
    numbers,
    rows,
    submit,
    texts,
)

pytestmark = pytest.mark.django_db

PLAN_TABLES = (Plan, Measure, Weakness, AnalysisParagraph, Plan.history.model)
MEASURE_TABLES = (Measure, Measure.divisions.through, Measure.answers.through)


@pytest.fixture
def page_form(client):
    """The form a page shows, fetched once per test (not once per example)."""
    seen = {}

    def get(url, name="form"):
        if url not in seen:
            response = client.get(url)
            assert response.status_code == 200
            seen[url] = response.context[name]
        return seen[url]

    return get


def choice(valid):
    """A valid choice or anything else."""
    return st.one_of(st.sampled_from([str(v) for v in valid]), texts, numbers)


def some_of(valid):
    return st.lists(choice(valid), max_size=4)


# --- the plan ----------------------------------------------------------------


@fuzz(25)
@given(data=st.data())
def test_generating_a_plan_takes_only_offered_assessments_and_scores(
    login, people, assessment, page_form, data
):
    client = login(people.staff)
    url = reverse("measures:plan_generate")
    typed = {
        "assessment": data.draw(choice([assessment.pk, 0, -1, 10**12, 10**30])),
        "question_threshold": data.draw(numbers),
    }
    for name in ("below_pass_mark", "lowest_per_instrument", "failed_items"):
        if data.draw(st.booleans()):
            typed[name] = data.draw(st.one_of(st.just("on"), texts))
    with example_state(client):
        submit(client, url, typed, PLAN_TABLES)


@fuzz(30)
@given(
    title=texts,
    introduction=texts,
    layout=choice(["by_measure", "by_question", "by_weakness"]),
)
@example(title=SCRIPT, introduction=IMG, layout="by_measure")
@example(title="ก" * 301, introduction="", layout="by_measure")  # was in English
@example(title="a\x00b", introduction="", layout="by_measure")  # was in English
@example(title='=HYPERLINK("http://evil.example","ก")', introduction="", layout="")
def test_plan_title_and_introduction_take_any_text(
    login, people, plan, page_form, title, introduction, layout
):
    client = login(people.staff)
    url = reverse("measures:plan_edit", args=[plan.pk])
    typed = {
        "title": title,
        "introduction": introduction,
        "layout": layout,
        # The document options: any text, only their own choices.
        "measures_heading": introduction,
        "analysis_heading": title,
        "measures_intro": introduction,
        "title_layout": layout or "stacked",
        "introduction_place": layout or "measures",
    }
    with example_state(client):
        _response, page = submit(
            client,
            url,
            {**browser_data(page_form(url)), **typed},
            PLAN_TABLES,
            echoed=("title", "introduction"),
        )
        if page is not None and SCRIPT in title:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()
        if page is not None:
            # The title heads the plan's spreadsheet: as text, never a formula
            # (a plan titled '=HYPERLINK(…)' was exported as one).
            sheet = client.get(reverse("reports:plan_xlsx", args=[plan.pk]))
            assert sheet.status_code == 200
            book = openpyxl.load_workbook(io.BytesIO(sheet.content))
            cells = [c for row in book.worksheets[0].iter_rows() for c in row]
            assert not [c.coordinate for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("existing", [False, True], ids=["add", "edit"])
@fuzz(30)
@given(data=st.data())
@example(data={"answers": [""]})  # was Django's English "“” is not a valid value."
@example(data={"divisions": [str(10**30)]})  # was a 500 on SQLite (OverflowError)
def test_a_measure_takes_any_text_and_only_its_own_choices(
    login, people, plan, division_a, division_b, other_org, page_form, existing, data
):
    from tests.factories import DivisionFactory

    client = login(people.staff)
    measure = plan.measures.first()
    url = (
        reverse("measures:measure_edit", args=[plan.pk, measure.pk])
        if existing
        else reverse("measures:measure_add", args=[plan.pk])
    )
    form = page_form(url)
    foreign = DivisionFactory(organization=other_org)  # never offered
    divisions = [division_a.pk, division_b.pk, foreign.pk, 10**30]
    answers = [*plan.weaknesses.values_list("pk", flat=True)[:3], 10**30]
    if isinstance(data, dict):
        with example_state(client):
            submit(client, url, {**browser_data(form), **data}, MEASURE_TABLES)
        return
    typed = {
        "title": data.draw(texts),
        "steps": data.draw(texts),
        "follow_up": data.draw(texts),
        "finding": data.draw(texts),
        "lead_division": data.draw(choice(divisions)),
        "divisions": data.draw(some_of(divisions)),
        "answers": data.draw(some_of(answers)),
        "timeframe_kind": data.draw(choice(["year", "months", "quarter"])),
        "start_month": data.draw(choice(range(1, 13))),
        "end_month": data.draw(choice(range(1, 13))),
        "quarter": data.draw(choice(range(1, 5))),
        "reporting_frequency": data.draw(choice(["monthly", "quarterly", "annual"])),
        # The office's own words: any text, a range derived where it names one.
        "timeframe_text": data.draw(
            st.one_of(texts, st.sampled_from(["ต.ค.- มี.ค.65", "มี.ค. 2566 - ต.ค. 2565"]))
        ),
        "responsible_text": data.draw(texts),
    }
    with example_state(client):
        submit(
            client,
            url,
            {**browser_data(form), **typed},
            (*PLAN_TABLES, *MEASURE_TABLES),
            echoed=("title", "steps", "follow_up", "finding"),
        )


@fuzz(25)
@given(text=texts, htmx=st.booleans())
@example(text="", htmx=True)
@example(text=SCRIPT, htmx=True)
def test_an_analysis_paragraph_takes_any_text(
    login, people, plan, page_form, text, htmx
):
    client = login(people.staff)
    paragraph = plan.analysis.first()
    url = reverse("measures:analysis_edit", args=[plan.pk, paragraph.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    with example_state(client):
        before = rows(*PLAN_TABLES)
        response = client.post(url, {"text": text}, headers=headers)
        assert response.status_code in (200, 302)
        assert_escaped(response)
        errors = response.context and response.context.get("form")
        if errors is not None and errors.errors:
            assert_thai([str(m) for e in errors.errors.values() for m in e])
            assert rows(*PLAN_TABLES) == before
        if SCRIPT in text and response.status_code == 200:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


@fuzz(30)
@given(data=st.data())
@example(data={"items": "O24, ก๑, <b>"})
def test_a_template_takes_any_text_and_only_item_codes(
    login, people, org, page_form, data
):
    client = login(people.staff)
    url = reverse("measures:template_add")
    form = page_form(url)
    if isinstance(data, dict):
        typed = {"title": "แม่แบบ", "steps": "ขั้นที่ 1", "indicators": ["1"], **data}
    else:
        typed = {
            "title": data.draw(texts),
            "steps": data.draw(texts),
            "indicators": data.draw(some_of(range(0, 12))),
            "items": data.draw(st.one_of(texts, st.just("O24, i17 e5"))),
            "items_year": data.draw(choice([2565, 2566, 2567])),
            "division_kind": data.draw(choice(["all", "finance", "clerk"])),
            "timeframe_kind": data.draw(choice(["year", "months", "quarter"])),
            "start_month": data.draw(choice(range(1, 13))),
            "end_month": data.draw(choice(range(1, 13))),
            "quarter": data.draw(choice(range(1, 5))),
            "follow_up": data.draw(texts),
            "reporting_frequency": data.draw(choice(["monthly", "annual"])),
            "finding": data.draw(texts),
        }
    with example_state(client):
        submit(
            client,
            url,
            {**browser_data(form), **typed},
            (MeasureTemplate, MeasureTemplate.history.model)
            if hasattr(MeasureTemplate, "history")
            else (MeasureTemplate,),
            echoed=("title", "steps", "items", "follow_up", "finding"),
        )


# --- progress ----------------------------------------------------------------

PROGRESS_TABLES = (ProgressUpdate, Evidence)

dates = st.one_of(
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year + 543}"),
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.sampled_from(
        [
            "15/1/2566",
            "๑๕/๑/๒๕๖๖",
            "1๕/1/25๖6",
            "15 ม.ค. 2566",
            "31/2/2566",
            "29/2/2567",
            "0/0/0000",
            "99/99/9999",
            "1/1/0001",
            "31/12/9999",
            "2566-01-15",
            "15/1/66",
            "15/1/2566 10:00",
        ]
    ),
    texts,
)


@st.composite
def evidence(draw):
    """Files a division head might attach, good and bad."""
    count = draw(st.integers(min_value=0, max_value=3))
    files = []
    for _ in range(count):
        content = draw(
            st.one_of(st.sampled_from([PDF, PNG]), bad_files(PDF + PDF + PDF))
        )
        files.append(SimpleUploadedFile(draw(file_names), content))
    return files


next_urls = st.one_of(
    texts,
    st.sampled_from(
        ["0", "plans", "/plans/", "https://evil.example/", "//evil.example", ""]
    ),
)


@fuzz(30)
@given(data=st.data())
@example(data={"result": "ได้ทำแล้ว", "files": "nul-name"})
@example(data={"result": "ได้ทำแล้ว", "next": "0"})  # was a 500 (NoReverseMatch)
def test_a_progress_update_takes_any_text_date_and_file(
    login, people, approved_plan, media, data
):
    client = login(people.head_a)
    measure = approved_plan.measures.get(order=1)
    url = reverse("measures:measure_progress", args=[approved_plan.pk, measure.pk])
    if isinstance(data, dict):
        typed = {
            "status": "done",
            "reported_on": "15/1/2566",
            "result": data["result"],
            "links": "",
        }
        if "files" in data:
            typed["files"] = [SimpleUploadedFile("a\x00b.pdf", PDF)]
        if "next" in data:
            typed["next"] = data["next"]
    else:
        typed = {
            "status": data.draw(choice(["not_started", "in_progress", "done"])),
            "reported_on": data.draw(dates),
            "result": data.draw(texts),
            "links": data.draw(
                st.one_of(
                    texts,
                    st.lists(
                        st.one_of(
                            st.sampled_from(
                                [
                                    "https://example.org/ข่าว",
                                    "javascript:alert(1)",
                                    "http://" + "a" * 300 + ".example",
                                    "https://example.org/" + SCRIPT,
                                ]
                            ),
                            texts,
                        ),
                        max_size=12,
                    ).map("\n".join),
                )
            ),
            "seen": data.draw(st.one_of(st.just(""), numbers)),
            "next": data.draw(next_urls),
            "files": data.draw(evidence()),
        }
    with example_state(client):
        submit(
            client,
            url,
            typed,
            PROGRESS_TABLES,
            echoed=("result", "links"),
            media=media,
        )


@fuzz(20)
@given(
    period=st.one_of(choice(["q1", "q2", "half", "year"]), st.just("")),
    summary=texts,
    shown=st.one_of(st.just("on"), texts),
)
def test_opening_a_round_takes_only_its_periods(
    login, people, approved_plan, period, summary, shown
):
    client = login(people.staff)
    url = reverse("measures:round_add", args=[approved_plan.pk])
    with example_state(client):
        before = rows(ReportingRound)
        response = client.post(
            url, {"period": period, "summary": summary, "summary_shown": shown}
        )
        assert response.status_code == 302
        messages = flash_messages(response)
        assert_thai([text for _level, text in messages])
        if any(level == "error" for level, _text in messages):
            assert rows(ReportingRound) == before
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert_escaped(page)


@fuzz(20)
@given(hidden=st.one_of(st.just("1"), texts), next_url=next_urls)
@example(hidden="1", next_url="0")  # was a 500 (NoReverseMatch)
def test_hiding_a_library_template_goes_back_only_to_our_pages(
    login, people, hidden, next_url
):
    client = login(people.staff)
    template = MeasureTemplate.objects.library().first()
    url = reverse("measures:template_hide", args=[template.pk])
    with example_state(client):
        response = client.post(url, {"hidden": hidden, "next": next_url})
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), location
        assert_thai([text for _level, text in flash_messages(response)])
