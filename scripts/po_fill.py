"""Fill empty msgstr entries of a .po file from a Python mapping file.

    python scripts/po_fill.py locale/en/LC_MESSAGES/django.po mapping.py

`mapping.py` defines `T = {"Thai msgid": "English text", ...}`. Entries the
mapping doesn't know stay empty, and are listed, so a translator can see what
is left. The .po file stays the source of truth; this only saves typing.
"""

import re
import runpy
import sys


def unquote(block: str) -> str:
    return "".join(
        bytes(part, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for part in re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    )


def quote(text: str) -> str:
    return '"{}"'.format(
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    )


def main(po_path: str, mapping_path: str) -> int:
    mapping = runpy.run_path(mapping_path)["T"]
    text = open(po_path, encoding="utf-8").read()
    missing = []

    def fill(match):
        msgid = unquote(match.group(2))
        if not msgid or unquote(match.group(3)):
            return match.group(0)
        if msgid in mapping:
            return f"{match.group(1)}msgid {match.group(2)}msgstr {quote(mapping[msgid])}\n"
        missing.append(msgid)
        return match.group(0)

    pattern = re.compile(r'(^(?:#.*\n)*)msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)
    text = pattern.sub(fill, text)
    text = text.replace("#, fuzzy\n", "", 1) if '#, fuzzy\nmsgid ""' in text else text
    open(po_path, "w", encoding="utf-8").write(text)
    for msgid in missing:
        print("untranslated:", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
