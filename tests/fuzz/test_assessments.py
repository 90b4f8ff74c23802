"""Bad input on the assessment forms: a new assessment, score entry at its
three levels, and what-if targets. Isolation: see tests/fuzz/conftest.py."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from assessments.models import (
    Assessment,
    IndicatorScore,
    ItemResult,
    SubIndicatorScore,
)
from tests.fuzz.helpers import (
    SCRIPT,
    assert_echoed_escaped,
    assert_escaped,
    assert_thai,
    browser_data,
    check_refused,
    error_messages,
    example_state,
    fuzz,
    numbers,
    rows,
    texts,
)

pytestmark = pytest.mark.django_db

SCORE_TABLES = (Assessment, IndicatorScore, SubIndicatorScore, ItemResult)


@pytest.fixture
def staff(login, people, assessment):
    return login(people.staff)


@fuzz(30)
@given(year=st.one_of(texts, st.integers().map(str), st.sampled_from(["2566", "๒๕๖๖"])))
@example(year="2565")  # the year the organisation already has
def test_new_assessment_refuses_any_year_it_does_not_offer(staff, year):
    url = reverse("assessments:add")
    with example_state(staff):
        before = rows(Assessment)
        response = staff.post(url, {"fiscal_year": year})
        if response.status_code == 302:
            assert (
                Assessment.objects.count() == len(before["assessments.Assessment"]) + 1
            )
        else:
            check_refused(response, before, rows(Assessment))


@pytest.fixture
def page_form(staff):
    """The form a page shows, fetched once per test (not once per example)."""
    seen = {}

    def get(url):
        if url not in seen:
            seen[url] = staff.get(url).context["form"]
        return seen[url]

    return get


@st.composite
def changes(draw, names, values):
    """Some of `names`, each given one of `values`."""
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    return {name: draw(values) for name in chosen}


@pytest.mark.parametrize("level", ["indicators", "questions"])
@fuzz(30)
@given(data=st.data())
def test_score_entry_takes_scores_or_says_why_in_thai(
    staff, page_form, assessment, level, data
):
    url = reverse("assessments:edit", args=[assessment.pk, level])
    form = page_form(url)
    names = [n for n in form.fields if n != "reported_grade"]
    typed = data.draw(changes(names, numbers))
    if level == "indicators" and data.draw(st.booleans()):
        typed["reported_grade"] = data.draw(texts)
    with example_state(staff):
        before = rows(*SCORE_TABLES)
        response = staff.post(url, {**browser_data(form), **typed})
        if response.status_code == 302:
            # Saved: every typed value was a score the form could read.
            assert_escaped(staff.get(response["Location"]))
        else:
            check_refused(response, before, rows(*SCORE_TABLES))
            assert_echoed_escaped(response, " ".join(typed.values()))


@fuzz(20)
@given(data=st.data())
@example(data=None)
def test_oit_notes_take_any_text_and_show_it_escaped(
    staff, page_form, assessment, data
):
    url = reverse("assessments:edit", args=[assessment.pk, "oit"])
    form = page_form(url)
    codes = [n[4:] for n in form.fields if n.startswith("oit_")]
    if data is None:  # the regression example: a script in O24's note
        typed = {"oit_O24": "fail", "note_O24": SCRIPT}
    else:
        chosen = data.draw(st.lists(st.sampled_from(codes), min_size=1, max_size=5))
        typed = {}
        for code in chosen:
            typed[f"oit_{code}"] = data.draw(
                st.one_of(st.sampled_from(["pass", "fail", ""]), texts)
            )
            typed[f"note_{code}"] = data.draw(texts)
    with example_state(staff):
        before = rows(*SCORE_TABLES)
        response = staff.post(url, {**browser_data(form), **typed})
        if response.status_code == 302:
            # The analysis page lists failed items with the assessor's note.
            analysis = staff.get(reverse("assessments:analysis", args=[assessment.pk]))
            assert analysis.status_code == 200
            assert_escaped(analysis)
            if typed.get("oit_O24") == "fail":
                assert_echoed_escaped(analysis, typed["note_O24"])
        else:
            check_refused(response, before, rows(*SCORE_TABLES))
            assert_echoed_escaped(response, " ".join(typed.values()))


@fuzz(30)
@given(data=st.data())
@example(data={"t_1": "0.328125"})  # six digits: was Django's English message
def test_what_if_answers_any_target_without_error(staff, page_form, assessment, data):
    url = reverse("assessments:what_if", args=[assessment.pk])
    form = page_form(url)
    if isinstance(data, dict):
        typed, htmx = data, False
    else:
        typed = data.draw(changes(list(form.fields), numbers))
        htmx = data.draw(st.booleans())
    with example_state(staff):
        before = rows(*SCORE_TABLES)
        headers = {"HX-Request": "true"} if htmx else {}
        response = staff.get(url, typed, headers=headers)
        assert response.status_code == 200
        assert rows(*SCORE_TABLES) == before
        assert_escaped(response)
        errors = error_messages(response)
        if errors:
            assert_thai(errors)
