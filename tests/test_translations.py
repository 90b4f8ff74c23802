"""The English catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

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
