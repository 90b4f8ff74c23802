"""Seed 002's themes (ประเด็น) in the plan's PDF and Excel: each theme's
heading once, above its measures, kept on the page of its first measure."""

import io

import openpyxl
import pytest

from measures.models import Layout
from reports import renderers
from reports.renderers.plan import NO_THEME
from tests.reports.helpers import (
    assert_in_order,
    page_count,
    page_text,
    pdftotext,
    squeeze,
)

pytestmark = pytest.mark.django_db

SERVICE = "(1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"
E_SERVICE = "(2) การให้บริการและระบบ E-Service"


def set_themes(plan, *themes):
    """Give the plan's first measures, in order, these themes."""
    measures = list(plan.measures.order_by("order", "pk"))
    for measure, theme in zip(measures, themes, strict=False):
        measure.theme = theme
        measure.save()
    return measures


@pytest.mark.parametrize("layout", [Layout.BY_QUESTION, Layout.BY_MEASURE])
def test_measures_are_printed_under_their_themes(plan, layout):
    plan.layout = layout
    plan.save()
    first, second, third = set_themes(plan, SERVICE, E_SERVICE, SERVICE)

    text = pdftotext(renderers.plan_pdf(plan))

    # A heading where the theme changes, in the order staff gave the
    # measures, which keep their numbers.
    number = "{}. "
    titles = [
        number.format(n) + m.title for n, m in enumerate([first, second, third], 1)
    ]
    assert_in_order(
        text, [SERVICE, titles[0], E_SERVICE, titles[1], SERVICE, titles[2]]
    )
    assert squeeze(text).count(squeeze(SERVICE)) == 2
    assert squeeze(text).count(squeeze(E_SERVICE)) == 1


def test_measures_without_a_theme_after_themed_ones_are_headed_as_such(plan):
    plan.layout = Layout.BY_MEASURE
    plan.save()
    first, second, third = set_themes(plan, SERVICE, "", E_SERVICE)

    text = pdftotext(renderers.plan_pdf(plan))

    assert_in_order(
        text, [SERVICE, first.title, NO_THEME, second.title, E_SERVICE, third.title]
    )


def test_measures_without_a_theme_first_get_no_heading(plan):
    plan.layout = Layout.BY_QUESTION
    plan.save()
    first, second, *_rest = set_themes(plan, "", E_SERVICE, E_SERVICE)

    text = pdftotext(renderers.plan_pdf(plan))

    assert_in_order(text, [first.title, E_SERVICE, second.title])
    assert squeeze(NO_THEME) not in squeeze(text)


@pytest.mark.parametrize("layout", Layout.values)
def test_a_plan_without_themes_prints_no_theme_heading(plan, layout):
    plan.layout = layout
    plan.save()
    html = renderers.plan_html(plan)
    assert 'class="theme"' not in html
    assert squeeze(NO_THEME) not in squeeze(pdftotext(renderers.plan_pdf(plan)))


def test_the_weakness_layout_ignores_themes(plan):
    plan.layout = Layout.BY_WEAKNESS
    plan.save()
    set_themes(plan, SERVICE, E_SERVICE, SERVICE)
    assert squeeze(SERVICE) not in squeeze(pdftotext(renderers.plan_pdf(plan)))


def test_a_theme_heading_is_never_left_alone_at_the_bottom_of_a_page(long_plan):  # noqa: F811
    long_plan.layout = Layout.BY_QUESTION
    long_plan.save()
    measures = list(long_plan.measures.order_by("order", "pk"))
    for n, measure in enumerate(measures, start=1):
        measure.theme = f"ประเด็นที่ {n} การเปิดเผยข้อมูลต่อสาธารณะ"
        measure.save()

    pdf = renderers.plan_pdf(long_plan)

    pages = [squeeze(page_text(pdf, n)) for n in range(1, page_count(pdf) + 1)]
    for measure in measures:
        heading = squeeze(measure.theme)
        on = [n for n, text in enumerate(pages) if heading in text]
        assert len(on) == 1, measure.theme
        # These rows are long enough to break across pages: the heading's
        # page holds at least the start of its measure's steps.
        text = pages[on[0]]
        assert squeeze(measure.steps[0][:40]) in text[text.index(heading) :]


def test_the_excel_sheet_gives_each_measures_theme(plan):
    first, second, third = set_themes(plan, SERVICE, E_SERVICE, SERVICE)
    measure = plan.measures.get(pk=second.pk)
    measure.theme = ""
    measure.save()
    sheet = openpyxl.load_workbook(io.BytesIO(renderers.plan_xlsx(plan))).active
    header = renderers.XLSX_HEADER_ROW
    headers = [c.value for c in sheet[header]]
    assert headers[-1] == "ประเด็น"
    rows = list(sheet.iter_rows(min_row=header + 1, values_only=True))
    assert [(r[0], r[1], r[-1]) for r in rows] == [
        ("1", first.title, SERVICE),
        ("2", second.title, None),
        ("3", third.title, SERVICE),
    ]
    assert sheet.cell(header + 1, len(headers)).alignment.wrap_text
