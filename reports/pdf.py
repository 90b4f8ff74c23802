"""PDF rendering for every portal document.

Documents are HTML (templates/reports/document_base.html gives the page
layout); these functions only convert. Every PDF embeds TH Sarabun New from
static/fonts, available to any stylesheet as ``font-family: "TH Sarabun
New"``, with its Thai text layer fixed (reports/weasyprint_thai.py) so that
what is copied or searched out of the PDF is the source text.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import get_log_attrs
from weasyprint.urls import URLFetcher

from reports import weasyprint_thai

FONT_FAMILY = "TH Sarabun New"
# CSS font-weight -> file in static/fonts. No italic is shipped (see its README).
FONT_FILES = {"normal": "THSarabunNew.ttf", "bold": "THSarabunNew-Bold.ttf"}


class RefusedURL(ValueError):
    """A document asked for something outside what it may read."""


def readable_roots() -> list[Path]:
    """Where a document's files may come from: the portal's static files
    (fonts, images, stylesheets), collected or not, the organisations'
    emblems and the deployment's Garuda (reports.models.garuda_upload_to)."""
    roots = [Path(settings.BASE_DIR) / "static", Path(settings.STATIC_ROOT)]
    roots += [Path(d) for d in settings.STATICFILES_DIRS]
    roots.append(Path(settings.MEDIA_ROOT) / "emblems")
    roots.append(Path(settings.MEDIA_ROOT) / "letterhead")
    return [root.resolve() for root in roots]


class PortalURLFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to data: URLs and to files under
    `readable_roots`: `file:///etc/passwd`, `../` out of the static folder,
    http(s) and every other scheme are refused (the image or stylesheet is
    then left out; WeasyPrint logs it and renders the rest)."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("file", "data"), **kwargs)
        self._roots = readable_roots()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise RefusedURL(f"not a file a document may read: {url}")
        elif scheme != "data":
            raise RefusedURL(f"documents read no network or other URL: {url}")
        return super().fetch(url, headers)


# The longest word a continuation marker carries before it is cut.
MARKER_CHARACTERS = 20


def render_pdf(
    html: str, *, base_url: str | None = None, continuation: bool = False
) -> bytes:
    """Convert an HTML document to PDF bytes.

    Relative URLs resolve against ``base_url``, by default the project
    directory (``static/img/…``). Only the portal's own files and the
    organisations' emblems are loaded, and data: URLs (PortalURLFetcher):
    rendering never reaches the network nor reads another file, whatever
    the document's text carries.

    With ``continuation``, every page but the last carries at its bottom
    right the first word of the next page, "/ผู้รับผิดชอบ..." as Thai memos
    do (seed 001). The marker sits in a page margin, which takes no room from
    the page's text, so a second layout with the markers breaks the pages
    where the first did.
    """
    weasyprint_thai.install()
    fetcher = PortalURLFetcher()
    font_config = FontConfiguration()
    stylesheets = [
        CSS(string=_font_faces(), font_config=font_config, url_fetcher=fetcher)
    ]
    source = HTML(
        string=html,
        base_url=base_url or Path(settings.BASE_DIR).as_uri() + "/",
        url_fetcher=fetcher,
    )
    document = source.render(stylesheets=stylesheets, font_config=font_config)
    document = _tables_start_early(source, document, stylesheets, font_config)
    if continuation and len(document.pages) > 1:
        markers = continuation_markers(document)
        stylesheets.append(CSS(string=_marker_rules(markers), font_config=font_config))
        document = source.render(stylesheets=stylesheets, font_config=font_config)
    return document.write_pdf()


def render_template_pdf(
    template_name: str, context: dict, request=None, *, continuation: bool = False
) -> bytes:
    """Render a Django template (usually one extending
    reports/document_base.html) and convert it with :func:`render_pdf`."""
    return render_pdf(
        render_to_string(template_name, context, request=request),
        continuation=continuation,
    )


def continuation_markers(document) -> list[str]:
    """For each page but the last, "/" and the first word of the next page
    and "...", or "" when the next page starts with no text."""
    markers = []
    for page in document.pages[1:]:
        word = first_word(_first_line_text(page._page_box))
        markers.append(f"/{word}..." if word else "")
    return markers


def first_word(text: str) -> str:
    """The text up to its first space, without a closing full stop (seed
    001's "/๑๐..." for "๑๐. ..."); a run longer than MARKER_CHARACTERS (Thai
    writes no spaces between words) is cut at the last word break Pango's
    Thai dictionary finds within that length, else at a character."""
    words = text.split(maxsplit=1)
    if not words:
        return ""
    word = words[0].rstrip(".")
    if len(word) <= MARKER_CHARACTERS:
        return word
    attrs = get_log_attrs(word, "th")
    breaks = [i for i in range(1, MARKER_CHARACTERS + 1) if attrs[i].is_line_break]
    if breaks:
        return word[: breaks[-1]]
    cursor = [i for i in range(1, MARKER_CHARACTERS + 1) if attrs[i].is_cursor_position]
    return word[: cursor[-1]] if cursor else word[:MARKER_CHARACTERS]


def _first_line_text(box) -> str:
    """The text of the first line holding any in the page's body (its
    margin boxes, the running header and footer, left out)."""
    if isinstance(box, boxes.MarginBox):
        return ""
    if isinstance(box, boxes.LineBox):
        texts = (b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
        return "".join(texts).strip()
    for child in getattr(box, "children", ()):
        text = _first_line_text(child)
        if text:
            return text
    return ""


def _marker_rules(markers: list[str]) -> str:
    """A page rule per marker, in the bottom-right margin box the document
    places (reports/document_base.html). Stylesheets given to WeasyPrint
    come before the document's own (the user's origin), hence !important
    over the box's content there."""
    rules = []
    for number, marker in enumerate(markers, start=1):
        if marker:
            content = marker.replace("\\", "\\\\").replace('"', '\\"')
            rules.append(
                f'@page :nth({number}) {{ @bottom-right {{ content: "{content}" !important }} }}'
            )
    return "\n".join(rules)


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


# --- where tables start ---------------------------------------------------------
#
# A table does not start in the last quarter of a page: there only its header
# and a row or two fit, the rest is on the next page. A document wraps each
# table with what leads into it (its heading, its title) in a block of class
# "table-start" with an id; where the table starts that late, the block goes
# to the next page and the document is laid out again. Rows are kept whole
# (document_base.html) and headings keep with what follows (break-after:
# avoid), which CSS does alone.

LATE_START = 0.75
MAX_TABLE_PASSES = 4


def _tables_start_early(source, document, stylesheets, font_config):
    moved: list[str] = []
    kept: list[str] = []
    for _ in range(MAX_TABLE_PASSES):
        late = [i for i in late_table_starts(document) if i not in moved]
        split = [i for i in rows_split_that_fit(document) if i not in kept]
        if not late and not split:
            break
        # The first late table only: moving it moves every one after it.
        moved += late[:1]
        kept += split
        # User stylesheets: their rules win over the document's only when important.
        rules = [f"#{i} {{ break-before: page !important; }}" for i in moved]
        rules += [f"tr#{i} {{ break-inside: avoid !important; }}" for i in kept]
        document = source.render(
            stylesheets=[
                *stylesheets,
                CSS(string=" ".join(rules), font_config=font_config),
            ],
            font_config=font_config,
        )
    return document


def rows_split_that_fit(document) -> list[str]:
    """The ids of table rows that may break ("splittable", marked from an
    estimate of their height) and did, though they are shorter than a page
    under the table's header: kept whole, they fit on one."""
    fragments: dict[str, list] = {}
    room: dict[str, float] = {}
    for page in document.pages:
        page_box = page._page_box
        for row, header in _split_rows(page_box, 0.0):
            row_id = row.element.get("id")
            fragments.setdefault(row_id, []).append(row.height)
            room[row_id] = page_box.height - header
    return [
        row_id
        for row_id, heights in fragments.items()
        if len(heights) > 1 and sum(heights) < 0.95 * room[row_id]
    ]


def _split_rows(box, header):
    """(row, height of its table's header) for each row with an id under
    ``box``."""
    if isinstance(box, boxes.TableBox):
        header = sum(
            group.height
            for group in box.children
            if isinstance(group, boxes.TableRowGroupBox) and group.is_header
        )
    if isinstance(box, boxes.TableRowBox):
        if box.element is not None and box.element.get("id"):
            yield box, header
        return
    for child in getattr(box, "children", ()):
        yield from _split_rows(child, header)


def late_table_starts(document) -> list[str]:
    """The ids of the "table-start" blocks, in document order, whose table
    starts in the last quarter of its page's text area."""
    late, seen = [], set()
    for page in document.pages:
        page_box = page._page_box
        top, height = page_box.content_box_y(), page_box.height
        for block_id, table in _table_starts(page_box, None):
            if block_id in seen:
                continue
            seen.add(block_id)
            if height and (table.position_y - top) / height > LATE_START:
                late.append(block_id)
    return late


def _table_starts(box, block_id):
    """(id of the enclosing "table-start" block, table box) for each table
    under ``box``."""
    element = getattr(box, "element", None)
    if (
        isinstance(box, boxes.BlockBox)
        and element is not None
        and "table-start" in (element.get("class") or "").split()
        and element.get("id")
    ):
        block_id = element.get("id")
    if isinstance(box, boxes.TableBox) and block_id:
        yield block_id, box
        return
    for child in getattr(box, "children", ()):
        yield from _table_starts(child, block_id)
