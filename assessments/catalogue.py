"""The framework catalogue: loading the versioned year files into the
database, and reading a year back as the scoring's FrameworkSpec."""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import F

from .models import FrameworkYear, GradeBand, Indicator, Instrument, Item, SubIndicator
from .scoring import (
    FrameworkSpec,
    IndicatorSpec,
    InstrumentSpec,
    ItemSpec,
    SubIndicatorSpec,
)

FRAMEWORK_DIR = Path(__file__).resolve().parent / "frameworks"
# Stored as the digest of a year a superuser has corrected in Django admin:
# the loader then leaves that year alone.
EDITED_IN_ADMIN = "edited-in-admin"


def framework_files() -> list[Path]:
    return sorted(FRAMEWORK_DIR.glob("[0-9][0-9][0-9][0-9].json"))


def read_year(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def digest(data: dict) -> str:
    canonical = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadOutcome:
    fiscal_year: int
    status: str  # created, updated, unchanged, translated, kept-in-use, kept-edited

    MESSAGES = {
        "created": "โหลดกรอบการประเมินปี {year} แล้ว",
        "updated": "ปรับปรุงกรอบการประเมินปี {year} ตามไฟล์ข้อมูลแล้ว",
        "unchanged": "กรอบการประเมินปี {year} เป็นปัจจุบันอยู่แล้ว",
        "translated": (
            "เพิ่มชื่อภาษาอังกฤษในกรอบการประเมินปี {year} แล้ว "
            "โดยไม่เปลี่ยนโครงสร้าง เพราะมีผลการประเมินที่ใช้ปีนี้แล้ว"
        ),
        "kept-in-use": (
            "ไม่เขียนทับกรอบการประเมินปี {year} เพราะมีผลการประเมินที่ใช้ปีนี้แล้ว "
            "(แก้ไขได้ใน Django admin)"
        ),
        "kept-edited": "ไม่เขียนทับกรอบการประเมินปี {year} ที่ผู้ดูแลระบบแก้ไขแล้ว",
    }

    @property
    def message(self) -> str:
        return self.MESSAGES[self.status].format(year=self.fiscal_year)


def create_structure(framework: FrameworkYear, data: dict) -> None:
    roles = {
        data.get("measures_item"): Item.Role.MEASURES,
        data.get("progress_item"): Item.Role.PROGRESS,
    }
    order = 0
    for position, instrument_data in enumerate(data["instruments"]):
        instrument = Instrument.objects.create(
            framework=framework,
            code=instrument_data["code"],
            name_th=instrument_data["name_th"],
            name_en=instrument_data.get("name_en") or "",
            weight=Decimal(instrument_data["weight"]),
            confidence=instrument_data.get("confidence") or "unverified",
            order=position,
        )
        for indicator_data in instrument_data["indicators"]:
            indicator = Indicator.objects.create(
                framework=framework,
                instrument=instrument,
                number=indicator_data["number"],
                name_th=indicator_data["name_th"],
                name_en=indicator_data.get("name_en") or "",
                weight=Decimal(indicator_data["weight"]),
                confidence=indicator_data.get("confidence") or "unverified",
                note=indicator_data.get("note") or "",
            )
            sub_of = {}
            for sub_position, sub_data in enumerate(indicator_data["sub_indicators"]):
                sub = SubIndicator.objects.create(
                    indicator=indicator,
                    code=sub_data["code"],
                    name_th=sub_data["name_th"],
                    name_en=sub_data.get("name_en") or "",
                    order=sub_position,
                )
                sub_of.update({code: sub for code in sub_data["items"]})
            items = []
            for item_data in indicator_data["items"]:
                order += 1
                items.append(
                    Item(
                        framework=framework,
                        indicator=indicator,
                        sub_indicator=sub_of.get(item_data["code"]),
                        code=item_data["code"],
                        text_th=item_data.get("text_th") or "",
                        text_en=item_data.get("text_en") or "",
                        kind=item_data["kind"],
                        answer_type=item_data.get("answer_type") or "",
                        reverse_scored=bool(item_data.get("reverse_scored")),
                        role=roles.get(item_data["code"], ""),
                        confidence=item_data.get("confidence") or "unverified",
                        note=item_data.get("note") or "",
                        order=order,
                    )
                )
            Item.objects.bulk_create(items)
    GradeBand.objects.bulk_create(
        GradeBand(
            framework=framework,
            grade=band["grade"],
            min_score=Decimal(band["min"]),
            confidence=band.get("confidence") or "unverified",
            note=band.get("note") or "",
        )
        for band in data["grade_bands"]
    )


def _english_names(data: dict) -> dict:
    """The file's English names by model, keyed as the rows are found, each
    with the Thai text it translates."""
    names = {Instrument: {}, Indicator: {}, SubIndicator: {}, Item: {}}
    for instrument in data["instruments"]:
        names[Instrument][instrument["code"]] = (
            instrument["name_th"],
            instrument.get("name_en") or "",
        )
        for indicator in instrument["indicators"]:
            number = indicator["number"]
            names[Indicator][number] = (
                indicator["name_th"],
                indicator.get("name_en") or "",
            )
            for sub in indicator["sub_indicators"]:
                names[SubIndicator][(number, sub["code"])] = (
                    sub["name_th"],
                    sub.get("name_en") or "",
                )
            for item in indicator["items"]:
                names[Item][item["code"]] = (
                    item.get("text_th") or "",
                    item.get("text_en") or "",
                )
    return names


def _translate(framework: FrameworkYear, data: dict) -> bool:
    """Give a year that assessments use the file's English names, changing
    nothing else: English names are what the English pages show, and no
    score depends on them. A row gets the English only while its Thai text is
    the one the English translates. True when a row changed."""
    names = _english_names(data)
    rows = {
        Instrument: (framework.instruments.all(), "code", "name_th", "name_en"),
        Indicator: (framework.indicators.all(), "number", "name_th", "name_en"),
        SubIndicator: (
            SubIndicator.objects.filter(indicator__framework=framework).annotate(
                number=F("indicator__number")
            ),
            ("number", "code"),
            "name_th",
            "name_en",
        ),
        Item: (framework.items.all(), "code", "text_th", "text_en"),
    }
    changed = False
    for model, (queryset, key, thai_field, english_field) in rows.items():
        stale = []
        for row in queryset:
            row_key = (
                tuple(getattr(row, k) for k in key)
                if isinstance(key, tuple)
                else getattr(row, key)
            )
            thai, english = names[model].get(row_key, (None, ""))
            if thai == getattr(row, thai_field) and english != getattr(
                row, english_field
            ):
                setattr(row, english_field, english)
                stale.append(row)
        if stale:
            model.objects.bulk_update(stale, [english_field])
            changed = True
    if changed:  # a new updated_at: framework_spec's cache reads the names again
        framework.save(update_fields=["updated_at"])
    return changed


def set_year_fields(framework: FrameworkYear, data: dict) -> None:
    framework.provisional = bool(data.get("provisional"))
    framework.pass_mark = Decimal(data["pass_mark"])
    framework.pass_mark_confidence = data.get("pass_mark_confidence") or "unverified"
    framework.measures_confidence = data.get("measures_confidence") or "unverified"
    framework.sources = data.get("sources", [])
    framework.notes = data.get("notes", [])
    framework.doubts = data.get("doubts", [])


def update_texts(framework: FrameworkYear, data: dict) -> None:
    """Give a year the texts, notes, confidences and roles of `data`, whose
    structure is the year's own (`framework_data.structure`)."""
    roles = {
        data.get("measures_item"): Item.Role.MEASURES,
        data.get("progress_item"): Item.Role.PROGRESS,
    }
    instruments = {i.code: i for i in framework.instruments.all()}
    indicators = {i.number: i for i in framework.indicators.all()}
    subs = {
        (s.indicator.number, s.code): s
        for s in SubIndicator.objects.filter(
            indicator__framework=framework
        ).select_related("indicator")
    }
    items = {i.code: i for i in framework.items.all()}
    Item.objects.filter(framework=framework).update(role="")
    for raw in data["instruments"]:
        _assign(instruments[raw["code"]], raw, "name_th", "name_en", "confidence")
        for ind in raw["indicators"]:
            number = ind["number"]
            _assign(indicators[number], ind, "name_th", "name_en", "confidence", "note")
            for sub in ind["sub_indicators"]:
                _assign(subs[(number, sub["code"])], sub, "name_th", "name_en")
            for row in ind["items"]:
                item = items[row["code"]]
                item.text_th = row.get("text_th") or ""
                item.text_en = row.get("text_en") or ""
                item.role = roles.get(row["code"], "")
                _assign(item, row, "confidence", "note")
    bands = {b.grade: b for b in framework.grade_bands.all()}
    for raw in data["grade_bands"]:
        _assign(bands[raw["grade"]], raw, "confidence", "note")
    set_year_fields(framework, data)
    framework.save()


def _assign(row, data: dict, *fields: str) -> None:
    for field in fields:
        setattr(row, field, data.get(field) or "")
    row.save()


def _flag_provisional(framework: FrameworkYear, data: dict) -> bool:
    """A year in use follows the file's `provisional` flag: it changes the
    notice on its pages, never a score. True when it changed."""
    provisional = bool(data.get("provisional"))
    if framework.provisional == provisional:
        return False
    framework.provisional = provisional
    framework.save(update_fields=["provisional", "updated_at"])
    return True


@transaction.atomic
def load_year(data: dict) -> LoadOutcome:
    """Load one year's data; loading the same data twice changes nothing, and
    a year that assessments use or a superuser corrected is never rewritten.
    A year in use only gains the file's English names (`_translate`)."""
    year = data["fiscal_year"]
    new_digest = digest(data)
    framework = (
        FrameworkYear.objects.select_for_update().filter(fiscal_year=year).first()
    )
    if framework is not None:
        if framework.source_digest == new_digest:
            return LoadOutcome(year, "unchanged")
        if framework.source_digest == EDITED_IN_ADMIN:
            return LoadOutcome(year, "kept-edited")
        if framework.is_used:
            flagged = _flag_provisional(framework, data)
            if _translate(framework, data) or flagged:
                return LoadOutcome(year, "translated")
            return LoadOutcome(year, "kept-in-use")
        framework.instruments.all().delete()  # cascades to indicators and items
        framework.grade_bands.all().delete()
        status = "updated"
    else:
        framework = FrameworkYear(fiscal_year=year)
        status = "created"
    set_year_fields(framework, data)
    framework.source_digest = new_digest
    framework.save()
    create_structure(framework, data)
    return LoadOutcome(year, status)


def load_all(years: set[int] | None = None) -> list[LoadOutcome]:
    outcomes = []
    for path in framework_files():
        data = read_year(path)
        if years is None or data["fiscal_year"] in years:
            outcomes.append(load_year(data))
    return outcomes


_spec_cache: dict[tuple[int, object], FrameworkSpec] = {}


def framework_spec(framework: FrameworkYear) -> FrameworkSpec:
    """The scoring's view of a year, read in five queries and cached until
    the year is saved again."""
    key = (framework.pk, framework.updated_at)
    if key in _spec_cache:
        return _spec_cache[key]
    indicators = list(
        framework.indicators.select_related("instrument").prefetch_related(
            "sub_indicators__items", "items"
        )
    )
    specs, items = [], []
    for indicator in indicators:
        subs = tuple(
            SubIndicatorSpec(
                s.code,
                s.name_th,
                tuple(i.code for i in sorted(s.items.all(), key=_order)),
                s.name_en,
            )
            for s in indicator.sub_indicators.all()
        )
        own_items = sorted(indicator.items.all(), key=_order)
        specs.append(
            IndicatorSpec(
                number=indicator.number,
                name=indicator.name_th,
                instrument=indicator.instrument.code,
                weight=indicator.weight,
                sub_indicators=subs,
                items=tuple(i.code for i in own_items),
                name_en=indicator.name_en,
            )
        )
        sub_codes = {code: s.code for s in subs for code in s.items}
        items.extend(
            ItemSpec(
                i.code,
                i.text_th,
                i.kind,
                indicator.number,
                sub_codes.get(i.code),
                i.text_en,
            )
            for i in own_items
        )
    instruments = tuple(
        InstrumentSpec(
            instrument.code,
            instrument.name_th,
            instrument.weight,
            tuple(i.number for i in indicators if i.instrument_id == instrument.pk),
            instrument.name_en,
        )
        for instrument in framework.instruments.all()
    )
    spec = FrameworkSpec(
        fiscal_year=framework.fiscal_year,
        pass_mark=framework.pass_mark,
        instruments=instruments,
        indicators=tuple(specs),
        items=tuple(sorted(items, key=lambda i: (i.indicator,))),
        grade_bands=tuple(
            (band.grade, band.min_score) for band in framework.grade_bands.all()
        ),
    )
    _spec_cache[key] = spec
    return spec


def _order(item: Item) -> int:
    return item.order
