"""Bad input on the framework import (issue 18, part 3): any JSON, a real
year's data with one value anywhere replaced, and files that are not JSON or
a workbook. Never a 500; a refused file says why in Thai and leaves every
framework table exactly as it was (the year replaced here, FY2567, included).

Isolation: see tests/fuzz/conftest.py."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from assessments.framework_data import framework_export
from assessments.framework_xlsx import framework_to_xlsx
from assessments.models import (
    FrameworkYear,
    GradeBand,
    Indicator,
    Instrument,
    Item,
    SubIndicator,
)
from tests.factories import UserFactory
from tests.fuzz.helpers import (
    SCRIPT,
    assert_escaped,
    assert_thai,
    bad_files,
    example_state,
    fuzz,
    rows,
)

pytestmark = pytest.mark.django_db
URL = reverse("assessments:framework_import")
TABLES = (FrameworkYear, Instrument, Indicator, SubIndicator, Item, GradeBand)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "O42", "100.00", "2599", SCRIPT, "ก" * 400]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture
def superuser(client):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.fixture
def fy2567():
    return framework_export(FrameworkYear.objects.get(fiscal_year=2567))


def paths(data, prefix=()):
    """Every place in the data a value sits, as a path of keys and indexes."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def replaced(data, path, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def post(client, name: str, content: bytes):
    with example_state(client):
        before = rows(*TABLES)
        response = client.post(URL, {"file": SimpleUploadedFile(name, content)})
        after = rows(*TABLES)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        form = response.context["form"]
        errors = [e for field in form.errors.values() for e in field]
        assert_thai(response.context["problems"] or errors)
        assert before == after, "a refused import changed the framework tables"
        assert_escaped(response)
    return response


@fuzz()
@given(value=json_values)
@example(value={"fiscal_year": 2599})
@example(value=[SCRIPT])
def test_any_json_is_refused_in_thai_without_a_500(superuser, value):
    response = post(superuser, "year.json", json.dumps(value).encode())
    assert response.status_code == 400


@fuzz()
@given(data=st.data(), value=json_values)
@example(data=None, value=None)
def test_a_year_with_one_value_replaced_is_saved_whole_or_not_at_all(
    superuser, fy2567, data, value
):
    places = list(paths(fy2567))
    path = places[1] if data is None else data.draw(st.sampled_from(places))
    post(superuser, "2567.json", json.dumps(replaced(fy2567, path, value)).encode())


@pytest.fixture
def bad_workbook(fy2567):
    """A workbook of a year that no check passes, made once: openpyxl stamps
    the time into every workbook it writes."""
    bad = fy2567 | {"fiscal_year": 2599}
    bad["instruments"] = copy.deepcopy(bad["instruments"])
    bad["instruments"][0]["weight"] = "31.00"
    return framework_to_xlsx(bad)


@fuzz(20)
@given(data=st.data())
def test_a_broken_workbook_is_refused_in_thai_without_a_500(
    superuser, bad_workbook, data
):
    content = data.draw(bad_files(bad_workbook))
    response = post(superuser, "year.xlsx", content)
    assert response.status_code == 400
