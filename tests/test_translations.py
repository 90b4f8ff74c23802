"""The English catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
MO = ROOT / "locale/en/LC_MESSAGES/django.mo"


def entries():
    text = PO.read_text(encoding="utf-8")
    pattern = re.compile(r'^(#,.*\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)
    for flags, msgid, msgstr in pattern.findall(text):
        join = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', msgid))
        yield flags, join, "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', msgstr))


def test_every_thai_message_has_an_english_translation():
    missing = [msgid for _f, msgid, msgstr in entries() if msgid and not msgstr]
    fuzzy = [msgid for flags, msgid, _s in entries() if msgid and "fuzzy" in flags]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def untranslated_plurals(text: str) -> list[str]:
    """The plural messages with an empty English form."""
    pattern = re.compile(
        r'^msgid ((?:".*"\n)+)msgid_plural (?:".*"\n)+((?:msgstr\[\d\] (?:".*"\n)+)+)',
        re.M,
    )
    joined = re.compile(r'"((?:[^"\\]|\\.)*)"')
    return [
        "".join(joined.findall(msgid))
        for msgid, forms in pattern.findall(text)
        if any(
            not "".join(joined.findall(form))
            for form in re.split(r"msgstr\[\d\] ", forms)[1:]
        )
    ]


def test_every_plural_message_has_its_english_forms():
    sample = (
        'msgid "{n} ข้อ"\nmsgid_plural "{n} ข้อ"\nmsgstr[0] "{n} item"\nmsgstr[1] ""\n'
    )
    assert untranslated_plurals(sample) == ["{n} ข้อ"]
    missing = untranslated_plurals(PO.read_text(encoding="utf-8"))
    assert not missing, f"untranslated plural: {missing[:10]}"


def test_the_compiled_catalogue_matches_the_source():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    stale = [
        msgid
        for _f, msgid, msgstr in entries()
        if msgid
        and msgstr != msgid
        and "\\" not in msgid
        and catalogue.gettext(msgid) == msgid
    ]
    assert not stale, f"run compilemessages: {stale[:5]}"


# --- Django's own messages, in Thai ------------------------------------------

THAI = re.compile("[\u0e00-\u0e7f]")


def django_form_messages():
    """Every message Django's form fields, formsets and validators can show a
    user, by name; plural messages formatted with 1 and with 2."""
    import inspect

    from django import forms
    from django.core import validators
    from django.forms import formsets
    from django.forms import models as model_forms

    found = {}
    for module in (forms.fields, model_forms):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Field):
                for klass in reversed(cls.__mro__):
                    for key, message in (
                        vars(klass).get("default_error_messages", {}).items()
                    ):
                        found[f"{name}.{key}"] = message
    for key, message in formsets.BaseFormSet.default_error_messages.items():
        found[f"BaseFormSet.{key}"] = message
    for name, cls in inspect.getmembers(validators, inspect.isclass):
        if cls.__module__ == validators.__name__ and hasattr(cls, "message"):
            found[name] = cls.message
    for key, message in validators.DecimalValidator.messages.items():
        found[f"DecimalValidator.{key}"] = message
    found["StepValueValidator.offset"] = validators.StepValueValidator(
        1, offset=0
    ).message
    found["integer_validator"] = validators.integer_validator.message
    found["validate_slug"] = validators.validate_slug.message
    found["validate_unicode_slug"] = validators.validate_unicode_slug.message
    return found


class _Any(dict):
    """Format parameters: the given numbers, and "x" for anything else."""

    def __missing__(self, key):
        return "x"


def shown(message, number):
    """The text a user sees, as Django's ValidationError formats it (a plural
    message picks its form from the number)."""
    keys = ("limit_value", "show_value", "max", "length", "num")
    return str(message % _Any(dict.fromkeys(keys, number)))


def test_every_django_form_message_is_in_thai():
    """Django's own Thai catalogue leaves some form messages in English
    ('Ensure this filename has at most 100 characters …'); locale/th fills
    them, so a user never meets English on a Thai form."""
    from django.utils import translation

    with translation.override("th"):
        english = {
            name: text
            for name, message in django_form_messages().items()
            for number in (1, 2)
            if not THAI.search(text := shown(message, number))
        }
    assert not english, f"add these to locale/th/LC_MESSAGES/django.po: {english}"


# --- Site templates: no Thai heading outside the translation tags (issue 22) ---

TEMPLATES = ROOT / "templates"
# Official Thai papers: printed in Thai whatever the reader's language
# (reports/renderers/ and reports/documents.py build them under
# ita_portal.language.in_thai), so their Thai words are literals by design.
DOCUMENT_TEMPLATES = {"reports/document_base.html"} | {
    str(path.relative_to(TEMPLATES)) for path in TEMPLATES.glob("reports/*_pdf.html")
}
# Elements whose text a reader takes as the page's headings and labels.
HEADING_TAGS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "th", "legend"}
HEADING_TAGS |= {"label", "button", "caption", "summary", "dt", "option"}
# Attributes a reader sees or hears.
TEXT_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# {% block title %} and the like: the page's title, outside any element here.
TITLE_BLOCKS = re.compile(
    r"\{%\s*block\s+(title|og_title)\s*%\}(.*?)\{%\s*endblock", re.S
)
TRANSLATED = re.compile(
    r"\{%\s*(?:blocktranslate|blocktrans)\b.*?%\}.*?"
    r"\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}"
    r"|\{%\s*(?:translate|trans)\b.*?%\}"
    r"|\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
    re.S,
)
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link"}
VOID_TAGS |= {"meta", "param", "source", "track", "wbr"}


def _blank(match) -> str:
    """The match as spaces, its line breaks kept: line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def untranslated_headings(source: str) -> list[tuple[int, str, str]]:
    """(line, element, text) for Thai in a template's headings, labels,
    buttons, titles and visible attributes that no translation tag wraps.
    Text inside an element marked ``lang="th"`` is Thai on purpose: the
    language switch's "ภาษาไทย" and the memo as it prints (memo_detail.html's
    memo paper, the Thai document shown on the page)."""
    from html.parser import HTMLParser

    source = TRANSLATED.sub(_blank, source)
    found = []
    for match in TITLE_BLOCKS.finditer(source):
        text = TEMPLATE_CODE.sub(" ", match.group(2))
        if "<" not in text and THAI.search(text):
            line = source.count("\n", 0, match.start()) + 1
            found.append((line, "block " + match.group(1), " ".join(text.split())))
    html = TEMPLATE_CODE.sub(_blank, source)

    class Scan(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.open = []  # (tag, marked Thai)

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            thai = attributes.get("lang") == "th" or any(t for _x, t in self.open)
            for name in TEXT_ATTRIBUTES & attributes.keys():
                value = attributes[name] or ""
                if not thai and THAI.search(value):
                    found.append((self.getpos()[0], f"{tag}[{name}]", value))
            if tag not in VOID_TAGS:
                self.open.append((tag, thai))

        def handle_endtag(self, tag):
            while self.open and self.open.pop()[0] != tag:
                pass

        def handle_data(self, data):
            tags = {t for t, _thai in self.open}
            thai = any(t for _x, t in self.open)
            if THAI.search(data) and tags & HEADING_TAGS and not thai:
                tag = next(t for t, _x in reversed(self.open) if t in HEADING_TAGS)
                found.append((self.getpos()[0], tag, " ".join(data.split())))

    Scan().feed(html)
    return found


def test_the_heading_check_finds_thai_outside_the_translation_tags():
    source = (
        "{% load i18n %}{% block title %}ผลการประเมิน{% endblock %}\n"
        '<h1>{% translate "ผลการประเมิน" %}</h1>\n'
        "<h2>กรอกคะแนนรายตัวชี้วัด</h2>\n"
        '<button title="บันทึก">{% blocktranslate %}บันทึก {{ n }}{% endblocktranslate %}</button>\n'
        '<article lang="th"><h2>บันทึกข้อความ</h2></article>\n'
        "<p>ข้อความทั่วไปไม่ใช่หัวข้อ</p><th>{{ name }}</th>\n"
    )
    assert untranslated_headings(source) == [
        (1, "block title", "ผลการประเมิน"),
        (3, "h2", "กรอกคะแนนรายตัวชี้วัด"),
        (4, "button[title]", "บันทึก"),
    ]


def test_site_templates_have_no_untranslated_thai_headings():
    """Every heading, label, button and title of the site is in a
    translation tag, so an English page shows it in English. The document
    templates are exempt: they are always Thai (DOCUMENT_TEMPLATES)."""
    found = [
        f"{name}:{line}: <{tag}> {text}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (name := str(path.relative_to(TEMPLATES))) not in DOCUMENT_TEMPLATES
        for line, tag, text in untranslated_headings(path.read_text(encoding="utf-8"))
    ]
    assert not found, "wrap in {% translate %}:\n" + "\n".join(found)


# --- Pages in English: their h1 is English but for the data it names ----------


def page_headings(html: str, tag: str = "h1") -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        for inner in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)
    ]


@pytest.mark.django_db
def test_pages_in_english_have_english_headings(login, people, published, client):
    """On the English pages a page's h1 is English; the Thai left in it is
    data the organisation typed or the plan generated (its name, the plan's
    title, a measure's title)."""
    from django.conf import settings
    from django.urls import reverse

    plan = published
    assessment = plan.source_assessment
    organization = plan.organization
    measure = plan.measures.order_by("order", "pk").first()
    data = [organization.name, plan.title, measure.title]
    pages = [
        reverse("home"),
        reverse("assessments:list"),
        reverse("assessments:add"),
        reverse("assessments:detail", args=[assessment.pk]),
        reverse("assessments:analysis", args=[assessment.pk]),
        reverse("assessments:what_if", args=[assessment.pk]),
        reverse("assessments:import", args=[assessment.pk]),
        *(
            reverse("assessments:edit", args=[assessment.pk, level])
            for level in ("indicators", "questions", "oit")
        ),
        reverse("measures:plan_list"),
        reverse("measures:plan_generate"),
        reverse("measures:plan_detail", args=[plan.pk]),
        reverse("measures:plan_history", args=[plan.pk]),
        reverse("measures:plan_progress", args=[plan.pk]),
        reverse("measures:measure_progress", args=[plan.pk, measure.pk]),
        reverse("measures:template_list"),
        reverse("measures:my_measures"),
        reverse("reports:memo_list"),
        reverse("reports:memo_inbox"),
        reverse("reports:verify"),
        reverse("organizations:detail"),
        reverse("organizations:division_list"),
        reverse("organizations:member_list"),
        reverse("password_change"),
    ]
    public = [
        reverse("public:directory"),
        reverse("public:organization", args=[organization.slug]),
        reverse("public:plan", args=[organization.slug, plan.fiscal_year]),
        reverse("login"),
    ]
    staff = login(people.admin)  # the organisation admin sees every page
    found = {}
    for visitor, urls in ((staff, pages), (None, public)):
        if visitor is None:
            client.logout()
            visitor = client
        visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url in urls:
            response = visitor.get(url)
            assert response.status_code == 200, url
            assert response["Content-Language"] == "en"
            for heading in page_headings(response.content.decode()):
                for value in data:
                    heading = heading.replace(value, "")
                if THAI.search(heading):
                    found[url] = heading
    assert not found, found


COPY_SKIPS = {
    ".git",
    ".venv",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    "artifacts",
    "backups",
    "locale",
    "media",
    "scripts",
    "static",
    "staticfiles",
    "tests",
}


def msgids(text: str) -> set[str]:
    """Every message id of a .po file (singular forms; obsolete ones left out)."""
    joined = re.compile(r'"((?:[^"\\]|\\.)*)"')
    return {
        "".join(joined.findall(block))
        for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M)
    } - {""}


def test_every_message_in_the_code_is_in_the_catalogue(tmp_path):
    """A message written in the code or a template but not yet extracted
    with makemessages (README, "Translations") would show in Thai on English
    pages while the catalogue looks complete. Extract into a copy of the
    source, never into locale/, and compare."""
    import shutil
    import subprocess  # nosec B404 - runs manage.py with fixed arguments
    import sys

    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=lambda _d, names: [n for n in names if n in COPY_SKIPS]
    )
    (copy / "locale").mkdir()
    subprocess.run(  # nosec B603 - fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=.venv"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "DATABASE_URL": ""},
        check=True,
        capture_output=True,
    )
    extracted = msgids(
        (copy / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    )
    catalogue = msgids(PO.read_text(encoding="utf-8"))
    assert extracted, "makemessages found nothing: the copy is wrong"
    missing = sorted(extracted - catalogue)
    assert not missing, (
        "run makemessages (README, Translations) and translate: " + repr(missing[:10])
    )
