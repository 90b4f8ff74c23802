"""Build the per-year ITA framework files the portal loads.

    python scripts/build_frameworks.py [--source DIR] [--output DIR]

Reads the research catalogue `ita_framework.json` in --source (default
`../shared/ita` next to the repository) and writes one normalised file per
fiscal year, `2562.json` … `2570.json`, into --output (default
`assessments/frameworks/`). The seed documents (`shared/seeds/`) outrank the
catalogue where they disagree; their corrections are written out below as
data, quoted from the seeds, so the build needs only the catalogue. What is
known of the recent years, and which years are provisional, is data in
`framework_recent.py`; a year the catalogue lacks (FY2570) is made from the
year before it, as provisional. The output is deterministic: running it twice
gives byte-identical files.
"""

import argparse
import copy
import json
import sys
from decimal import Decimal
from pathlib import Path

from framework_corrections import (  # scripts/framework_corrections.py
    DOUBTS,
    EIT_NAMES_SEEN,
    FY2562_EXTRA_10_2,
    FY2562_EXTRA_NOTE,
    FY2562_RANGES,
    FY2563_MEASURES_CONFIDENCE,
    FY2566_IIT_UNKNOWN_NOTE,
    FY2566_QUESTIONS,
    INDICATOR_NAMES_EN,
    ITEM_TITLES_EN,
    SEED_002_NOTE,
    SEED_002_READ,
    SEED_NOTES,
    SEED_SOURCES,
    SUB_INDICATOR_NAMES_EN,
)
from framework_recent import (  # scripts/framework_recent.py
    CARRIED_DOUBT,
    CARRIED_NOTE,
    CARRIED_YEARS,
    ONE_SITE,
    PROVISIONAL_YEARS,
    RECENT_FACTS,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT / ".." / "shared" / "ita"
DEFAULT_OUTPUT = REPO_ROOT / "assessments" / "frameworks"
YEARS = tuple(range(2562, 2571))
CONFIDENCES = ("confirmed", "inferred", "unverified")
ANSWER_TYPES = {"scale4": "scale4", "yesno": "yes_no", "yes_no": "yes_no"}


def decimal2(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def join_notes(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def oit_item(raw: dict) -> dict:
    return {
        "code": raw["code"],
        "text_th": raw.get("title_th"),
        "text_en": None,
        "kind": "disclosure",
        "answer_type": "pass_fail",
        "reverse_scored": False,
        "confidence": raw.get("confidence") or "unverified",
        "note": raw.get("note") or "",
    }


def question_item(raw: dict, indicator_confidence: str, carried: dict) -> dict:
    """An IIT or EIT question. `carried` maps a year to its finished items, for
    items whose text the catalogue marks as the same as another year's."""
    sub_items = raw.get("sub_items_th") or []
    reversed_subs = [s for s in sub_items if s.endswith("(reverse-scored)")]
    note = join_notes(
        raw.get("note") or "",
        *(
            "sub-item '{}' is reverse-scored".format(
                s.removesuffix("(reverse-scored)").strip()
            )
            for s in reversed_subs
        ),
    )
    item = {
        "code": raw["code"],
        "text_th": raw.get("text_th"),
        "text_en": None,
        "kind": "question",
        "answer_type": ANSWER_TYPES.get(raw.get("answer_type")),
        "reverse_scored": bool(raw.get("reverse_scored")),
        "confidence": raw.get("confidence") or indicator_confidence,
        "note": note,
    }
    same_as = raw.get("text_same_as_year")
    if item["text_th"] is None and same_as:
        source = carried[int(same_as)][raw["code"]]
        item["text_th"] = source["text_th"]
        item["answer_type"] = source["answer_type"]
        item["reverse_scored"] = source["reverse_scored"]
        item["note"] = join_notes(
            note,
            f"wording carried from FY{same_as}",
            "FY{} note: {}".format(same_as, source["note"]) if source["note"] else "",
        )
    elif (
        item["text_th"] is not None
        and item["answer_type"] is None
        and (carried.get(2564, {}).get(raw["code"]) or {}).get("answer_type")
    ):
        # The FY2563 i1/i2 wording was seen; the answer scale is the FY2564 one.
        source = carried[2564][raw["code"]]
        item["answer_type"] = source["answer_type"]
        item["reverse_scored"] = source["reverse_scored"]
        item["note"] = join_notes(note, "answer type as on the FY2564 form")
    return item


def apply_seed_002(item: dict) -> None:
    """FY2566: seed 002's wordings; other IIT questions lose the FY2564 text."""
    quoted = FY2566_QUESTIONS.get(item["code"])
    if quoted is not None:
        text, reverse, extra = quoted
        item.update(
            text_th=text,
            answer_type="yes_no" if text.endswith("หรือไม่") else "scale4",
            reverse_scored=reverse,
            confidence="inferred",
            note=SEED_002_NOTE + SEED_002_READ + extra,
        )
    elif item["code"].startswith("i"):
        item.update(
            text_th=None,
            answer_type=None,
            reverse_scored=False,
            confidence="inferred",
            note=FY2566_IIT_UNKNOWN_NOTE,
        )


def boundary_note(raw: dict) -> str:
    """Where a sub-indicator boundary is unknown, say what was seen instead."""
    seen = []
    for sub in raw.get("sub_indicators") or []:
        if sub["code"].endswith(".x"):
            inner = sub["name_th"].strip("()")
            for known in (
                "sub-indicator boundaries not seen; ",
                "boundaries not seen; ",
            ):
                inner = inner.removeprefix(known)
            if inner != "not seen":
                seen.append(inner)
        elif sub["item_codes"]:
            seen.append(
                "{} {} starts with {}".format(
                    sub["code"], sub["name_th"], ", ".join(sub["item_codes"])
                )
            )
        else:
            seen.append("{} is named {}".format(sub["code"], sub["name_th"]))
    return "; ".join(["sub-indicator boundaries not seen, so none are set", *seen])


def indicator_note(year: int, raw: dict) -> str:
    number = raw["number"]
    note = raw.get("note") or ""
    if year == 2562 and number in FY2562_RANGES:
        return "name and item range {} confirmed by seed 001{}".format(
            FY2562_RANGES[number],
            "; EIT texts not found" if number >= 6 else "",
        )
    if year == 2562 and number == 10:
        return "seed 001 gives 10.2 = O42–O48 (7 items); the catalogue had O42–O43"
    if number in (7, 8) and year in EIT_NAMES_SEEN:
        return join_notes(note, EIT_NAMES_SEEN[year])
    if number >= 9 and not raw["items"]:
        return "no items recorded for this year"
    if not sub_indicators(raw) and raw.get("sub_indicators"):
        return boundary_note(raw)
    return note


def sub_indicators(raw: dict) -> list[dict]:
    subs = raw.get("sub_indicators") or []
    if any(not sub["item_codes"] or sub["code"].endswith(".x") for sub in subs):
        return []  # a boundary is unknown: the items sit under the indicator
    return [
        {
            "code": sub["code"],
            "name_th": sub["name_th"],
            "name_en": SUB_INDICATOR_NAMES_EN.get(sub["name_th"], ""),
            "items": list(sub["item_codes"]),
        }
        for sub in subs
    ]


def build_indicator(year: int, instrument: str, raw: dict, carried: dict) -> dict:
    confidence = raw.get("confidence") or "unverified"
    if year == 2562 and raw["number"] in FY2562_RANGES:
        confidence = "confirmed"
    subs = sub_indicators(raw)
    if instrument == "OIT":
        items = [oit_item(r) for r in raw["items"]]
    else:
        items = [question_item(r, confidence, carried) for r in raw["items"]]
    if year == 2562 and raw["number"] == 10:
        for code in FY2562_EXTRA_10_2:
            items.append(
                {
                    "code": code,
                    "text_th": None,
                    "text_en": None,
                    "kind": "disclosure",
                    "answer_type": "pass_fail",
                    "reverse_scored": False,
                    "confidence": "inferred",
                    "note": FY2562_EXTRA_NOTE,
                }
            )
        for sub in subs:
            if sub["code"] == "10.2":
                sub["items"] += list(FY2562_EXTRA_10_2)
    if year == 2566:
        for item in items:
            apply_seed_002(item)
    for item in items:
        if item["text_th"] is None and not item["note"]:
            item["note"] = "text not seen"
        if item["kind"] == "disclosure" and item["text_th"]:
            item["text_en"] = ITEM_TITLES_EN.get(item["text_th"])
    return {
        "number": raw["number"],
        "name_th": raw["name_th"],
        "name_en": INDICATOR_NAMES_EN.get(raw["name_th"], ""),
        "weight": decimal2(raw["weight"]),
        "confidence": confidence,
        "note": indicator_note(year, raw),
        "sub_indicators": subs,
        "items": items,
    }


def build_year(year: int, raw: dict, carried: dict) -> dict:
    instruments = [
        {
            "code": ins["code"],
            "name_th": ins["name_th"],
            "name_en": ins["name_en"],
            "weight": decimal2(ins["weight"]),
            "confidence": ins.get("weight_confidence") or "unverified",
            "indicators": [
                build_indicator(year, ins["code"], ind, carried)
                for ind in ins["indicators"]
            ],
        }
        for ins in raw["instruments"]
    ]
    measures_confidence = raw.get("measures_confidence") or "unverified"
    if year == 2563:
        measures_confidence = FY2563_MEASURES_CONFIDENCE
    return {
        "fiscal_year": year,
        "provisional": year in PROVISIONAL_YEARS,
        "pass_mark": decimal2(raw["pass_mark"]["value"]),
        "pass_mark_confidence": raw["pass_mark"].get("confidence") or "unverified",
        "measures_item": raw.get("measures_item"),
        "progress_item": raw.get("progress_item"),
        "measures_confidence": measures_confidence,
        "instruments": instruments,
        "grade_bands": [
            {
                "grade": band["grade"],
                "min": decimal2(band["min"]),
                "confidence": band.get("confidence") or "unverified",
                "note": band.get("note") or "",
            }
            for band in raw["grade_bands"]
        ],
        "sources": list(raw.get("sources", [])) + SEED_SOURCES.get(year, []),
        "notes": list(raw.get("notes", [])) + SEED_NOTES.get(year, []),
        "doubts": list(DOUBTS.get(year, [])),
    }


def oit_items(data: dict) -> list[dict]:
    return [
        item
        for ins in data["instruments"]
        if ins["code"] == "OIT"
        for ind in ins["indicators"]
        for item in ind["items"]
    ]


def apply_recent_facts(data: dict) -> None:
    """What one central agency's site shows of FY2568 and FY2569, with its
    source, at low confidence (framework_recent.RECENT_FACTS)."""
    facts = RECENT_FACTS.get(data["fiscal_year"])
    if facts is None:
        return
    year = data["fiscal_year"]
    items = {item["code"]: item for item in oit_items(data)}
    if facts["oit_items"] is not None and tuple(items) != facts["oit_items"]:
        raise ValueError(f"{year}: the OIT list is not {facts['oit_items']}")
    titles = {item["text_th"] for item in items.values()}
    if facts["no_title"] is not None and facts["no_title"] in titles:
        raise ValueError(f"{year}: an OIT item is titled {facts['no_title']}")
    for code, (title, confidence) in facts["titles"].items():
        item = items[code]
        item.update(
            text_th=title,
            text_en=ITEM_TITLES_EN.get(title),
            confidence=confidence,
            note=join_notes(item["note"], ONE_SITE),
        )
    data["measures_item"], data["progress_item"] = facts["roles"]
    data["sources"].append(facts["source"])
    data["notes"].append(facts["note"])


def downgrade(row: dict) -> None:
    """A carried fact is inferred at best: it was seen for another year."""
    for key in ("confidence", "pass_mark_confidence", "measures_confidence"):
        if row.get(key) == "confirmed":
            row[key] = "inferred"


def carry_forward(year: int, previous: dict) -> dict:
    """A year the catalogue lacks, made from the year before it."""
    source = previous["fiscal_year"]
    data = copy.deepcopy(previous)
    data["fiscal_year"] = year
    data["provisional"] = True
    downgrade(data)
    for ins in data["instruments"]:
        downgrade(ins)
        for ind in ins["indicators"]:
            downgrade(ind)
            for item in ind["items"]:
                downgrade(item)
    for band in data["grade_bands"]:
        downgrade(band)
    words = {"year": year, "source": source}
    data["notes"] = [CARRIED_NOTE.format(**words), *data["notes"]]
    data["doubts"] = [CARRIED_DOUBT.format(**words), *data["doubts"]]
    return data


def question_index(year_data: dict) -> dict:
    return {
        item["code"]: item
        for ins in year_data["instruments"]
        for ind in ins["indicators"]
        for item in ind["items"]
    }


def check(data: dict) -> None:
    """Fail the build on the invariants the portal relies on."""
    year = data["fiscal_year"]
    total = Decimal(0)
    codes = []
    for ins in data["instruments"]:
        weights = sum(Decimal(ind["weight"]) for ind in ins["indicators"])
        if weights != Decimal(ins["weight"]):
            raise ValueError(
                "{} {}: indicator weights {}".format(year, ins["code"], weights)
            )
        total += weights
        for ind in ins["indicators"]:
            own = [item["code"] for item in ind["items"]]
            codes += own
            for sub in ind["sub_indicators"]:
                if set(sub["items"]) - set(own):
                    raise ValueError(
                        "{} {}: stray item codes".format(year, sub["code"])
                    )
    if total != 100:
        raise ValueError(f"{year}: weights sum to {total}")
    if len(codes) != len(set(codes)):
        raise ValueError(f"{year}: duplicate item codes")
    for key in ("measures_item", "progress_item"):
        if data[key] is not None and data[key] not in codes:
            raise ValueError(f"{year}: {key} {data[key]} is not an item")
    mins = [Decimal(band["min"]) for band in data["grade_bands"]]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1]:
        raise ValueError(f"{year}: grade bands out of order")


def build(source: Path) -> dict[int, dict]:
    catalogue = json.loads((source / "ita_framework.json").read_text(encoding="utf-8"))
    raw_years = catalogue["years"]
    # FY2564 first: other years carry its IIT texts.
    order = [2564] + [year for year in YEARS if year != 2564]
    order = [year for year in order if str(year) in raw_years]
    built, carried = {}, {}
    for year in order:
        built[year] = build_year(year, raw_years[str(year)], carried)
        apply_recent_facts(built[year])
        carried[year] = question_index(built[year])
    for year in CARRIED_YEARS:
        if year not in built:
            built[year] = carry_forward(year, built[year - 1])
    return {year: built[year] for year in YEARS}


def write(years: dict[int, dict], output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    paths = []
    for year, data in years.items():
        check(data)
        path = output / f"{year}.json"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="folder holding ita_framework.json (default: ../shared/ita)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="folder to write <year>.json into (default: assessments/frameworks)",
    )
    args = parser.parse_args(argv)
    for path in write(build(args.source), args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
