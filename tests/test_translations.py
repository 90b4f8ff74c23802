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
