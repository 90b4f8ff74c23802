"""The demo data files (demo/data/): one JSON file to each seed
organisation, and `shared.json` for what they share. demo/data/README.md
says what the keys mean. A "comments" key anywhere is for the people who edit
the files; the loader never reads it."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def shared() -> dict:
    return read("shared")


def organizations() -> list[dict]:
    """Each organisation's file, in the order of `shared.json`."""
    return [read(slug) for slug in shared()["organizations"]]
