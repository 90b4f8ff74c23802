"""PDF rendering for every portal document.

Documents are HTML (templates/reports/document_base.html gives the page
layout); these functions only convert. Every PDF embeds TH Sarabun New from
static/fonts, available to any stylesheet as ``font-family: "TH Sarabun
New"``, with its Thai text layer fixed (reports/weasyprint_thai.py) so that
what is copied or searched out of the PDF is the source text.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from reports import weasyprint_thai

FONT_FAMILY = "TH Sarabun New"
# CSS font-weight -> file in static/fonts. No italic is shipped (see its README).
FONT_FILES = {"normal": "THSarabunNew.ttf", "bold": "THSarabunNew-Bold.ttf"}


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Convert an HTML document to PDF bytes.

    Relative URLs resolve against ``base_url``, by default the project
    directory (``static/img/…``). Only local files and data: URLs are loaded:
    rendering never reaches the network, whatever the document links to.
    """
    weasyprint_thai.install()
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    font_config = FontConfiguration()
    fonts = CSS(string=_font_faces(), font_config=font_config, url_fetcher=fetcher)
    document = HTML(
        string=html,
        base_url=base_url or Path(settings.BASE_DIR).as_uri() + "/",
        url_fetcher=fetcher,
    )
    return document.write_pdf(stylesheets=[fonts], font_config=font_config)


def render_template_pdf(template_name: str, context: dict, request=None) -> bytes:
    """Render a Django template (usually one extending
    reports/document_base.html) and convert it with :func:`render_pdf`."""
    return render_pdf(render_to_string(template_name, context, request=request))


def _font_faces() -> str:
    font_dir = Path(settings.BASE_DIR) / "static" / "fonts"
    faces = []
    for weight, name in FONT_FILES.items():
        url = (font_dir / name).as_uri()
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight};'
            f' src: url("{url}") }}'
        )
    return "\n".join(faces)
