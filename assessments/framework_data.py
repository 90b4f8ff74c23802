"""A year's framework as data: read from the database in the schema of the
year files (assessments/frameworks/README.md), and checked before anything is
saved. The import, the copy and the JSON and XLSX exports all use these."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import Confidence, FrameworkYear, Item

CONFIDENCES = set(Confidence.values)
KINDS = set(Item.Kind.values)
MIN_YEAR, MAX_YEAR = 2500, 2700
MAX_ITEMS = 500  # a year has about 100; a file past this is not a framework
MAX_NOTE = 5000
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# What a year in use may not change: the scores stored in it depend on it.
TEXT_KEYS = {
    "provisional",
    "pass_mark_confidence",
    "measures_confidence",
    "measures_item",
    "progress_item",
    "sources",
    "notes",
    "doubts",
    "name_th",
    "name_en",
    "text_th",
    "text_en",
    "confidence",
    "note",
}


class FrameworkDataError(Exception):
    """The data is not a framework the portal can save; `messages` say why,
    in the reader's language."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def decimal2(value: Decimal) -> str:
    return f"{value:.2f}"


def framework_export(framework: FrameworkYear) -> dict:
    """The year as the year files write it, so that it loads back unchanged."""
    items = list(framework.items.order_by("order"))
    roles = {item.role: item.code for item in items if item.role}
    instruments = []
    for instrument in framework.instruments.order_by("order"):
        indicators = []
        for indicator in instrument.indicators.order_by("number"):
            own = [item for item in items if item.indicator_id == indicator.pk]
            indicators.append(
                {
                    "number": indicator.number,
                    "name_th": indicator.name_th,
                    "name_en": indicator.name_en,
                    "weight": decimal2(indicator.weight),
                    "confidence": indicator.confidence,
                    "note": indicator.note,
                    "sub_indicators": [
                        {
                            "code": sub.code,
                            "name_th": sub.name_th,
                            "name_en": sub.name_en,
                            "items": [
                                i.code for i in own if i.sub_indicator_id == sub.pk
                            ],
                        }
                        for sub in indicator.sub_indicators.order_by("order")
                    ],
                    "items": [
                        {
                            "code": item.code,
                            "text_th": item.text_th or None,
                            "text_en": item.text_en or None,
                            "kind": item.kind,
                            "answer_type": item.answer_type or None,
                            "reverse_scored": item.reverse_scored,
                            "confidence": item.confidence,
                            "note": item.note,
                        }
                        for item in own
                    ],
                }
            )
        instruments.append(
            {
                "code": instrument.code,
                "name_th": instrument.name_th,
                "name_en": instrument.name_en,
                "weight": decimal2(instrument.weight),
                "confidence": instrument.confidence,
                "indicators": indicators,
            }
        )
    return {
        "fiscal_year": framework.fiscal_year,
        "provisional": framework.provisional,
        "pass_mark": decimal2(framework.pass_mark),
        "pass_mark_confidence": framework.pass_mark_confidence,
        "measures_item": roles.get(Item.Role.MEASURES),
        "progress_item": roles.get(Item.Role.PROGRESS),
        "measures_confidence": framework.measures_confidence,
        "instruments": instruments,
        "grade_bands": [
            {
                "grade": band.grade,
                "min": decimal2(band.min_score),
                "confidence": band.confidence,
                "note": band.note,
            }
            for band in framework.grade_bands.order_by("-min_score")
        ],
        "sources": list(framework.sources),
        "notes": list(framework.notes),
        "doubts": list(framework.doubts),
    }


def structure(data: dict) -> object:
    """The data without its texts: what a year in use keeps."""
    if isinstance(data, dict):
        return {k: structure(v) for k, v in data.items() if k not in TEXT_KEYS}
    if isinstance(data, list):
        return [structure(v) for v in data]
    return data


class _Checker:
    """Reads untrusted data field by field into the schema's clean form,
    noting every problem in Thai instead of raising on the first."""

    def __init__(self):
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        if message not in self.errors:
            self.errors.append(message)

    def field(self, row: dict, key: str, where: str, required=True):
        if key not in row:
            if required:
                self.error(
                    _("{where}: ไม่มีช่อง “{field}”").format(where=where, field=key)
                )
            return None
        return row[key]

    def text(self, row, key, where, *, limit, blank=False, null=False):
        value = self.field(row, key, where, required=not (blank or null))
        if value is None:
            return None if null else ""
        if not isinstance(value, str) or (not blank and not value.strip()):
            self.error(
                _("{where}: “{field}” ต้องเป็นข้อความ").format(where=where, field=key)
            )
            return ""
        if len(value) > limit:
            self.error(
                _("{where}: “{field}” ยาวเกิน {limit} ตัวอักษร").format(
                    where=where, field=key, limit=limit
                )
            )
        return value

    def score(self, row, key, where) -> Decimal:
        value = self.field(row, key, where)
        try:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InvalidOperation
            number = Decimal(str(value).strip())
            if not number.is_finite() or not 0 <= number <= HUNDRED:
                raise InvalidOperation
            if number != number.quantize(CENT):
                raise InvalidOperation
            return number.quantize(CENT)
        except (InvalidOperation, ValueError):
            if value is not None:
                self.error(
                    _(
                        "{where}: “{field}” ต้องเป็นตัวเลขระหว่าง 0 ถึง 100 "
                        "ทศนิยมไม่เกิน 2 ตำแหน่ง"
                    ).format(where=where, field=key)
                )
            return Decimal(0)

    def choice(self, row, key, where, choices, default=None):
        value = self.field(row, key, where, required=default is None)
        if value is None and default is not None:
            return default
        if not isinstance(value, str) or value not in choices:
            if value is not None:
                self.error(
                    _("{where}: “{field}” ไม่ถูกต้อง").format(where=where, field=key)
                )
            return default or sorted(choices)[0]
        return value

    def flag(self, row, key, where) -> bool:
        value = row.get(key, False)
        if not isinstance(value, bool):
            self.error(
                _("{where}: “{field}” ต้องเป็น true หรือ false").format(
                    where=where, field=key
                )
            )
            return False
        return value

    def rows(self, row, key, where, *, required=True) -> list:
        value = self.field(row, key, where)
        if not isinstance(value, list) or (required and not value):
            if value is not None:
                self.error(
                    _("{where}: “{field}” ต้องเป็นรายการที่มีอย่างน้อยหนึ่งรายการ").format(
                        where=where, field=key
                    )
                )
            return []
        good = [v for v in value if isinstance(v, dict)]
        if len(good) != len(value):
            self.error(
                _("{where}: “{field}” มีรายการที่ไม่ถูกต้อง").format(where=where, field=key)
            )
        return good

    def lines(self, row, key, where) -> list[str]:
        value = row.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and len(v) <= MAX_NOTE for v in value
        ):
            self.error(
                _("{where}: “{field}” ต้องเป็นรายการข้อความ").format(
                    where=where, field=key
                )
            )
            return []
        return list(value)


def clean_framework(data) -> dict:
    """The data in the schema's clean form, or raise FrameworkDataError with
    every problem found: weights that do not add up, codes used twice, grade
    bands with gaps, roles on missing items, texts too long for the tables."""
    c = _Checker()
    if not isinstance(data, dict):
        raise FrameworkDataError([_("ไฟล์ต้องเป็นกรอบการประเมินหนึ่งปีงบประมาณ")])
    where = _("กรอบการประเมิน")
    year = data.get("fiscal_year")
    if (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not (MIN_YEAR <= year <= MAX_YEAR)
    ):
        c.error(
            _("ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {low} ถึง {high}").format(
                low=MIN_YEAR, high=MAX_YEAR
            )
        )
        year = 0
    clean = {
        "fiscal_year": year,
        "provisional": c.flag(data, "provisional", where),
        "pass_mark": decimal2(c.score(data, "pass_mark", where)),
        "pass_mark_confidence": c.choice(
            data, "pass_mark_confidence", where, CONFIDENCES, "unverified"
        ),
        "measures_item": c.text(data, "measures_item", where, limit=8, null=True),
        "progress_item": c.text(data, "progress_item", where, limit=8, null=True),
        "measures_confidence": c.choice(
            data, "measures_confidence", where, CONFIDENCES, "unverified"
        ),
        "instruments": [],
        "grade_bands": [],
        "sources": c.lines(data, "sources", where),
        "notes": c.lines(data, "notes", where),
        "doubts": c.lines(data, "doubts", where),
    }
    item_codes: list[str] = []
    numbers: list[int] = []
    total = Decimal(0)
    for position, raw in enumerate(c.rows(data, "instruments", where), 1):
        label = _("เครื่องมือลำดับที่ {n}").format(n=position)
        instrument = {
            "code": c.text(raw, "code", label, limit=8),
            "name_th": c.text(raw, "name_th", label, limit=200),
            "name_en": c.text(raw, "name_en", label, limit=200, blank=True),
            "weight": c.score(raw, "weight", label),
            "confidence": c.choice(raw, "confidence", label, CONFIDENCES, "unverified"),
            "indicators": [],
        }
        weights = Decimal(0)
        for raw_indicator in c.rows(raw, "indicators", label):
            indicator = _indicator(c, raw_indicator, item_codes)
            numbers.append(indicator["number"])
            weights += indicator["weight"]
            indicator["weight"] = decimal2(indicator["weight"])
            instrument["indicators"].append(indicator)
        if weights != instrument["weight"]:
            c.error(
                _(
                    "น้ำหนักของตัวชี้วัดในเครื่องมือ {code} รวมได้ {total} "
                    "ไม่เท่ากับน้ำหนักของเครื่องมือ ({weight})"
                ).format(
                    code=instrument["code"],
                    total=decimal2(weights),
                    weight=decimal2(instrument["weight"]),
                )
            )
        total += instrument["weight"]
        instrument["weight"] = decimal2(instrument["weight"])
        clean["instruments"].append(instrument)
    if clean["instruments"] and total != HUNDRED:
        c.error(
            _("น้ำหนักของเครื่องมือทั้งหมดรวมได้ {total} ต้องรวมได้ 100").format(
                total=decimal2(total)
            )
        )
    _duplicates(c, [i["code"] for i in clean["instruments"]], _("รหัสเครื่องมือ {} ซ้ำ"))
    _duplicates(c, numbers, _("ตัวชี้วัดที่ {} ซ้ำ"))
    _duplicates(c, item_codes, _("รหัสข้อ {} ซ้ำ"))
    if len(item_codes) > MAX_ITEMS:
        c.error(_("กรอบการประเมินมีข้อเกิน {limit} ข้อ").format(limit=MAX_ITEMS))
    _roles(c, clean, item_codes)
    clean["grade_bands"] = _grade_bands(c, data, where)
    if c.errors:
        raise FrameworkDataError(c.errors)
    return clean


def _indicator(c: _Checker, raw: dict, item_codes: list[str]) -> dict:
    number = raw.get("number")
    if (
        isinstance(number, bool)
        or not isinstance(number, int)
        or not (1 <= number <= 999)
    ):
        c.error(_("ตัวชี้วัด: “number” ต้องเป็นเลขจำนวนเต็ม 1 ถึง 999"))
        number = 0
    label = _("ตัวชี้วัดที่ {n}").format(n=number)
    indicator = {
        "number": number,
        "name_th": c.text(raw, "name_th", label, limit=200),
        "name_en": c.text(raw, "name_en", label, limit=200, blank=True),
        "weight": c.score(raw, "weight", label),
        "confidence": c.choice(raw, "confidence", label, CONFIDENCES, "unverified"),
        "note": c.text(raw, "note", label, limit=MAX_NOTE, blank=True),
        "sub_indicators": [],
        "items": [],
    }
    own = []
    for raw_item in c.rows(raw, "items", label, required=False):
        code = c.text(raw_item, "code", label, limit=8)
        item_label = _("ข้อ {code}").format(code=code)
        answer_type = c.text(raw_item, "answer_type", item_label, limit=12, null=True)
        indicator["items"].append(
            {
                "code": code,
                "text_th": c.text(
                    raw_item, "text_th", item_label, limit=MAX_NOTE, null=True
                )
                or None,
                "text_en": c.text(
                    raw_item, "text_en", item_label, limit=MAX_NOTE, null=True
                )
                or None,
                "kind": c.choice(raw_item, "kind", item_label, KINDS),
                "answer_type": answer_type or None,
                "reverse_scored": c.flag(raw_item, "reverse_scored", item_label),
                "confidence": c.choice(
                    raw_item, "confidence", item_label, CONFIDENCES, "unverified"
                ),
                "note": c.text(
                    raw_item, "note", item_label, limit=MAX_NOTE, blank=True
                ),
            }
        )
        own.append(code)
    item_codes.extend(own)
    placed: list[str] = []
    for raw_sub in c.rows(raw, "sub_indicators", label, required=False):
        code = c.text(raw_sub, "code", label, limit=8)
        sub_label = _("ตัวชี้วัดย่อย {code}").format(code=code)
        items = raw_sub.get("items")
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            c.error(_("{where}: “items” ต้องเป็นรายการรหัสข้อ").format(where=sub_label))
            items = []
        for stray in [i for i in items if i not in own]:
            c.error(
                _("{where}: ข้อ {code} ไม่ได้อยู่ในตัวชี้วัดที่ {n}").format(
                    where=sub_label, code=stray, n=number
                )
            )
        placed.extend(items)
        indicator["sub_indicators"].append(
            {
                "code": code,
                "name_th": c.text(raw_sub, "name_th", sub_label, limit=300),
                "name_en": c.text(raw_sub, "name_en", sub_label, limit=300, blank=True),
                "items": list(items),
            }
        )
    _duplicates(
        c,
        [s["code"] for s in indicator["sub_indicators"]],
        _("รหัสตัวชี้วัดย่อย {} ซ้ำ"),
    )
    _duplicates(c, placed, _("ข้อ {} อยู่ในตัวชี้วัดย่อยมากกว่าหนึ่งตัว"))
    return indicator


def _duplicates(c: _Checker, values: list, message: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            c.error(message.format(value))
        seen.add(value)


def _roles(c: _Checker, clean: dict, item_codes: list[str]) -> None:
    labels = {
        "measures_item": _("ข้อมาตรการ"),
        "progress_item": _("ข้อผลการดำเนินงาน"),
    }
    for key, label in labels.items():
        code = clean[key] or None
        clean[key] = code
        if code is not None and code not in item_codes:
            c.error(
                _("{role}: ไม่มีข้อ {code} ในกรอบการประเมินนี้").format(role=label, code=code)
            )
    if clean["measures_item"] and clean["measures_item"] == clean["progress_item"]:
        c.error(_("ข้อมาตรการและข้อผลการดำเนินงานต้องเป็นคนละข้อ"))


def _grade_bands(c: _Checker, data: dict, where: str) -> list[dict]:
    bands = []
    for raw in c.rows(data, "grade_bands", where):
        grade = c.text(raw, "grade", _("ระดับผลการประเมิน"), limit=4)
        label = _("ระดับ {grade}").format(grade=grade)
        bands.append(
            {
                "grade": grade,
                "min": c.score(raw, "min", label),
                "confidence": c.choice(
                    raw, "confidence", label, CONFIDENCES, "unverified"
                ),
                "note": c.text(raw, "note", label, limit=MAX_NOTE, blank=True),
            }
        )
    _duplicates(c, [b["grade"] for b in bands], _("ระดับ {} ซ้ำ"))
    mins = [band["min"] for band in bands]
    if bands and (
        any(high <= low for high, low in zip(mins, mins[1:], strict=False))
        or mins[-1] != 0
    ):
        c.error(
            _(
                "ระดับผลการประเมินต้องต่อเนื่องกัน: เรียงจากคะแนนขั้นต่ำสูงไปต่ำ "
                "ไม่ซ้ำกัน และระดับสุดท้ายเริ่มที่ 0"
            )
        )
    for band in bands:
        band["min"] = decimal2(band["min"])
    return bands
