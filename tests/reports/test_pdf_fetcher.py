"""The PDF renderer reads only what a document needs (issue 16, 5): the
portal's static files and the organisations' emblems. Any other file, and
anything on the network, is refused, whether a document's text, its HTML or
its CSS asks for it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

from reports import renderers
from reports.pdf import PortalURLFetcher, RefusedURL, render_pdf
from tests.reports.helpers import nfkc, pdftotext

pytestmark = pytest.mark.django_db
FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "THSarabunNew.ttf"


def png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 40), (200, 30, 30)).save(path)
    return path


def images(pdf: bytes) -> int:
    """Image objects anywhere in the PDF (a page's, or a pattern's for a
    CSS background)."""
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001  (a free entry of the table)
            continue
        if hasattr(obj, "get") and obj.get("/Subtype") == "/Image":
            count += 1
    return count


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/../etc/hostname",
        FONT.parent.as_uri() + "/../../manage.py",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "ftp://example.com/x",
    ],
)
def test_the_fetcher_refuses_what_is_not_the_portals(url):
    with pytest.raises(RefusedURL):
        PortalURLFetcher().fetch(url)


def test_the_fetcher_reads_the_fonts_the_emblems_and_data(media):
    response = PortalURLFetcher().fetch(FONT.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    emblem = png(Path(settings.MEDIA_ROOT) / "emblems" / "e.png")
    assert PortalURLFetcher().fetch(emblem.as_uri()).read(4) == b"\x89PNG"
    assert PortalURLFetcher().fetch("data:text/plain,ok").read() == b"ok"


def test_a_document_shows_an_emblem_but_no_other_file(media, tmp_path):
    emblem = png(Path(settings.MEDIA_ROOT) / "emblems" / "ok.png")
    outside = png(tmp_path / "elsewhere" / "secret.png")
    allowed = render_pdf(f'<p>ตรา</p><img src="{emblem.as_uri()}">')
    assert images(allowed) == 1
    refused = render_pdf(
        f'<p>ไม่มีรูป</p><img src="{outside.as_uri()}">'
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
    )
    assert images(refused) == 0
    assert "ไม่มีรูป" in nfkc(pdftotext(refused))


def test_css_urls_are_refused_too(media, tmp_path):
    outside = png(tmp_path / "elsewhere" / "bg.png")
    html = (
        f"<style>body {{ background: url('{outside.as_uri()}') }}"
        "@import url('file:///etc/passwd');"
        "p { background-image: url('https://example.com/p.png') }</style>"
        "<p>พื้นหลัง</p>"
    )
    assert images(render_pdf(html)) == 0
    emblem = png(Path(settings.MEDIA_ROOT) / "emblems" / "bg.png")
    allowed = f"<style>body {{ background: url('{emblem.as_uri()}') }}</style><p>ก</p>"
    assert images(render_pdf(allowed)) == 1


def test_a_measure_whose_name_carries_references_prints_them_as_text(plan):
    measure = plan.measures.order_by("order").first()
    measure.title = (
        'ประกาศเจตนารมณ์ <img src="file:///etc/passwd"> '
        "<link rel=stylesheet href=http://example.com/x.css>"
    )
    measure.save()
    pdf = renderers.plan_pdf(plan)
    text = nfkc(pdftotext(pdf))
    assert "file:///etc/passwd" in text.replace(" ", "")
    assert "root:" not in text
