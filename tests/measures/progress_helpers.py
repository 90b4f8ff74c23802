"""Files and form data shared by the progress tests."""

import io
from datetime import date

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f"
    b"\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "รายงานผล"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf(name="หลักฐาน.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="ภาพกิจกรรม.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def xlsx(name="สรุปผล.xlsx"):
    return SimpleUploadedFile(
        name,
        xlsx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def html_named_pdf():
    """A web page that claims to be a PDF by its name and type."""
    return SimpleUploadedFile(
        "รายงาน.pdf",
        b"<!doctype html><script>alert(1)</script>",
        content_type="application/pdf",
    )


def progress_url(measure) -> str:
    return reverse("measures:measure_progress", args=[measure.plan_id, measure.pk])


def update_data(**changes) -> dict:
    data = {
        "status": "in_progress",
        "reported_on": "15/1/2566",
        "result": "ได้ประชุมชี้แจงบุคลากรแล้ว",
        "links": "",
        "seen": "",
    }
    data.update(changes)
    return data


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


REPORTED_ON = date(2023, 1, 15)
