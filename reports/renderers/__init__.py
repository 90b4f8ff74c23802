"""The documents of a plan, each built from one explicit context and then
converted (STYLE.md, 14): the analysis report (seed 001's second part,
`analysis`), the O42 measures plan in the plan's chosen layout (seeds 000/003,
002, 001; `plan`), the O43 progress report of a reporting round (seed 004,
`progress`) as PDF, and the plan and the progress report as XLSX (`sheets`).
What they share is in `common`.

``*_context(plan)`` gathers the data in a fixed number of queries and formats
every value the document prints, digits included: with the organisation's
``thai_digits`` every number is written ๐–๙ already here, so the templates
(templates/reports/analysis_pdf.html, plan_pdf.html, progress_pdf.html) print
text as it comes.
``*_html`` renders the template; ``*_pdf`` converts it (reports/pdf.py).

The documents are official Thai papers whatever the reader's language, so
their words are Thai literals in the seeds' register, as in reports/drafting.py,
never translated; and the contexts, the HTML and the sheets are built under
``ita_portal.language.in_thai``, so dates, choice labels and the framework's
names print in Thai for a reader of the English pages too. They state only what the portal holds: scores, the
framework of the assessed year, and what staff wrote in the plan.
"""

from .analysis import analysis_context, analysis_html, analysis_pdf
from .plan import plan_context, plan_html, plan_pdf
from .progress import NoSnapshot, progress_context, progress_html, progress_pdf
from .sheets import (
    PROGRESS_COLUMNS,
    XLSX_COLUMNS,
    XLSX_HEADER_ROW,
    plan_xlsx,
    progress_xlsx,
)

__all__ = [
    "PROGRESS_COLUMNS",
    "NoSnapshot",
    "XLSX_COLUMNS",
    "XLSX_HEADER_ROW",
    "analysis_context",
    "analysis_html",
    "analysis_pdf",
    "plan_context",
    "plan_html",
    "plan_pdf",
    "plan_xlsx",
    "progress_context",
    "progress_html",
    "progress_pdf",
    "progress_xlsx",
]
