"""The national open data: every published plan of a fiscal year, its
measures (theme, divisions, timeframe, status as of the latest published
reporting round) and their results, as CSV (UTF-8 with a BOM, so that Excel
reads the Thai) and JSON, one file per fiscal year, with DCAT metadata a
CKAN catalogue harvests (`catalog`).

Each plan is what its public page shows: `queries.published_plans_of_year`
finds the plans and `serializers.build_payload` makes the page's data, so
the files hold nothing the public pages do not, and the same values. The
files are rebuilt when a plan or a reporting round is published
(`public.signals`, through the Celery task `public.tasks.opendata_build`) and
by `manage.py opendata_build` (nightly, from cron or Celery beat).

The schema is `COLUMNS`: a CSV row per measure, with its plan's fields
repeated; the JSON holds each plan as its page's JSON does
(`/public/<slug>/<year>.json`), under `plans`. /public/data/ prints both.
"""

import csv
import hashlib
import io
import json

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ita_portal.language import in_thai

from . import queries
from .models import OpenDataFile
from .serializers import build_payload

# (column, description) in order: the documented schema of the CSV rows.
COLUMNS = [
    ("fiscal_year", _("ปีงบประมาณ (พ.ศ.) ของแผน")),
    ("organization_slug", _("รหัสหน่วยงานในลิงก์ของหน้าสาธารณะ")),
    ("organization_name", _("ชื่อหน่วยงาน")),
    (
        "organization_kind",
        _("ประเภทหน่วยงาน (เทศบาลนคร เทศบาลเมือง เทศบาลตำบล อบต. อบจ.)"),
    ),
    ("province", _("จังหวัด")),
    ("district", _("อำเภอ")),
    ("plan_revision", _("ฉบับที่ของแผนที่เผยแพร่")),
    ("plan_title", _("ชื่อแผน")),
    ("plan_approved_at", _("วันเวลาที่อนุมัติแผน (ISO 8601)")),
    ("plan_published_at", _("วันเวลาที่เผยแพร่แผน (ISO 8601)")),
    ("plan_url", _("ลิงก์หน้าสาธารณะของแผน")),
    ("assessment_fiscal_year", _("ปีของผลการประเมิน ITA ที่ใช้วิเคราะห์")),
    ("assessment_overall", _("คะแนนรวม ITA")),
    ("assessment_grade", _("ระดับผลการประเมิน ITA")),
    ("progress_round", _("รอบรายงานผลล่าสุดที่เผยแพร่")),
    ("progress_round_published_at", _("วันเวลาที่เผยแพร่รอบรายงานผล (ISO 8601)")),
    ("measure_order", _("ลำดับมาตรการ")),
    ("measure_theme", _("ประเด็น")),
    ("measure_title", _("มาตรการ/แนวทาง")),
    ("lead_division", _("ผู้รับผิดชอบหลัก")),
    ("divisions", _("ผู้รับผิดชอบ (คั่นด้วย |)")),
    ("timeframe", _("ระยะเวลาดำเนินการ")),
    ("timeframe_start", _("วันเริ่ม (ISO 8601)")),
    ("timeframe_end", _("วันสิ้นสุด (ISO 8601)")),
    (
        "status",
        _("สถานะ ณ รอบรายงานล่าสุดที่เผยแพร่: not_started, in_progress, done หรือว่าง"),
    ),
    ("status_label", _("สถานะเป็นภาษาไทย")),
    ("result", _("ผลการดำเนินการ")),
    ("reported_on", _("วันที่รายงานผล (ISO 8601)")),
]


def _plan_record(plan) -> dict:
    """The public page's data of `plan`, with its address and district."""
    payload = build_payload(plan)
    payload["organization"]["district"] = plan.organization.district
    payload["url"] = settings.PORTAL_URL + reverse(
        "public:plan", args=[plan.organization.slug, plan.fiscal_year]
    )
    for document in payload["documents"]:
        document["url"] = settings.PORTAL_URL + document["url"]
    for measure in payload["measures"]:
        for item in measure["evidence"]:
            item["url"] = settings.PORTAL_URL + item["url"]
    return payload


def _rows(record) -> list[dict]:
    organization = record["organization"]
    assessment = record["assessment"] or {}
    round_ = record["progress_round"] or {}
    plan = {
        "fiscal_year": record["fiscal_year"],
        "organization_slug": organization["slug"],
        "organization_name": organization["name"],
        "organization_kind": organization["kind"],
        "province": organization["province"],
        "district": organization["district"],
        "plan_revision": record["revision"],
        "plan_title": record["title"],
        "plan_approved_at": record["approved_at"],
        "plan_published_at": record["published_at"],
        "plan_url": record["url"],
        "assessment_fiscal_year": assessment.get("fiscal_year"),
        "assessment_overall": assessment.get("overall"),
        "assessment_grade": assessment.get("grade"),
        "progress_round": round_.get("name"),
        "progress_round_published_at": round_.get("published_at"),
    }
    return [
        {
            **plan,
            "measure_order": m["order"],
            "measure_theme": m["theme"],
            "measure_title": m["title"],
            "lead_division": m["lead_division"],
            "divisions": " | ".join(m["divisions"]),
            "timeframe": m["timeframe"],
            "timeframe_start": m["timeframe_start"],
            "timeframe_end": m["timeframe_end"],
            "status": m["status"],
            "status_label": m["status_label"],
            "result": m["result"],
            "reported_on": m["reported_on"],
        }
        for m in record["measures"]
    ]


@in_thai
def year_records(fiscal_year: int) -> list[dict]:
    return [_plan_record(p) for p in queries.published_plans_of_year(fiscal_year)]


def to_csv(records) -> tuple[bytes, int]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _meaning in COLUMNS])
    writer.writeheader()
    count = 0
    for record in records:
        for row in _rows(record):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
    return out.getvalue().encode("utf-8-sig"), count


def to_json(fiscal_year: int, records, modified) -> bytes:
    data = {
        "fiscal_year": fiscal_year,
        "modified": modified.isoformat(),
        "licence": settings.OPEN_DATA_LICENSE,
        "plans": records,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


@transaction.atomic
def build_year(fiscal_year: int) -> list[OpenDataFile]:
    """Write the year's two files again; a year with nothing published any
    more loses its files."""
    records = year_records(fiscal_year)
    if not records:
        OpenDataFile.objects.filter(fiscal_year=fiscal_year).delete()
        return []
    now = timezone.now()
    csv_bytes, rows = to_csv(records)
    files = []
    for format_, content in (
        (OpenDataFile.Format.CSV, csv_bytes),
        (OpenDataFile.Format.JSON, to_json(fiscal_year, records, now)),
    ):
        digest = hashlib.sha256(content).hexdigest()
        found = OpenDataFile.objects.filter(
            fiscal_year=fiscal_year, format=format_
        ).first()
        if found is not None and found.sha256 == digest:
            files.append(found)  # unchanged: keep its modified date
            continue
        file, _new = OpenDataFile.objects.update_or_create(
            fiscal_year=fiscal_year,
            format=format_,
            defaults={
                "content": content,
                "sha256": digest,
                "plans": len(records),
                "rows": rows,
                "modified": now,
            },
        )
        files.append(file)
    return files


def build_all() -> None:
    years = set(queries.published_fiscal_years())
    years |= set(OpenDataFile.objects.values_list("fiscal_year", flat=True))
    for year in sorted(years):
        build_year(year)


def file_for(fiscal_year: int, format_: str) -> OpenDataFile | None:
    """The year's file, built first if it has not been."""
    found = OpenDataFile.objects.filter(fiscal_year=fiscal_year, format=format_).first()
    if found is None and fiscal_year in queries.published_fiscal_years():
        build_year(fiscal_year)
        found = OpenDataFile.objects.filter(
            fiscal_year=fiscal_year, format=format_
        ).first()
    return found


MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def catalog(base_url: str) -> dict:
    """DCAT (JSON-LD) metadata of the dataset and its distributions: one CSV
    and one JSON a fiscal year. CKAN's DCAT harvester reads it."""
    files = list(
        OpenDataFile.objects.defer("content").order_by("-fiscal_year", "format")
    )
    modified = max((f.modified for f in files), default=None)
    landing = base_url + reverse("public:data")
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "spdx": "http://spdx.org/rdf/terms#",
        },
        "@id": base_url + reverse("public:data_catalog"),
        "@type": "dcat:Catalog",
        "dct:title": "ระบบ ITA ขององค์กรปกครองส่วนท้องถิ่น",
        "dct:language": "th",
        "foaf:homepage": landing,
        "dcat:dataset": [
            {
                "@id": landing,
                "@type": "dcat:Dataset",
                "dct:identifier": "ita-local-government-integrity-measures",
                "dct:title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O42) "
                "และผลการดำเนินงาน (O43) ขององค์กรปกครองส่วนท้องถิ่น",
                "dct:description": "แผนมาตรการที่ผ่านการอนุมัติและเผยแพร่แล้วของทุกหน่วยงาน "
                "มาตรการแต่ละข้อ (ประเด็น ผู้รับผิดชอบ ระยะเวลา) และสถานะกับผลการดำเนินการ "
                "ตามรอบรายงานล่าสุดที่เผยแพร่ หนึ่งไฟล์ต่อปีงบประมาณ",
                "dct:publisher": {
                    "@type": "foaf:Agent",
                    "foaf:name": settings.OPEN_DATA_PUBLISHER,
                },
                "dct:license": settings.OPEN_DATA_LICENSE,
                "dct:modified": modified.isoformat() if modified else None,
                "dcat:keyword": ["ITA", "O42", "O43", "คุณธรรมและความโปร่งใส", "อปท."],
                "dcat:landingPage": landing,
                "dct:conformsTo": landing + "#schema",
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": f"ปีงบประมาณ {f.fiscal_year} ({f.get_format_display()})",
                        "dcat:downloadURL": base_url
                        + reverse("public:data_file", args=[f.fiscal_year, f.format]),
                        "dcat:mediaType": MEDIA_TYPES[f.format],
                        "dct:format": f.get_format_display(),
                        "dct:modified": f.modified.isoformat(),
                        "dct:license": settings.OPEN_DATA_LICENSE,
                        "spdx:checksum": {
                            "spdx:algorithm": "sha256",
                            "spdx:checksumValue": f.sha256,
                        },
                    }
                    for f in files
                ],
            }
        ],
    }
