"""A school report printed on US letter paper: nothing runs off the right edge, charts and
tables are kept whole, and opening it fetches nothing but the file itself."""

import re

import numpy as np
import pypdfium2 as pdfium
import pytest

from onthemove_widgets.paths import DEMO_DIR
from onthemove_widgets.reports.batch import run_reports

# Letter is 8.5 in wide; the report's @page margins are 0.6 in: 7.3 in of CSS pixels (96 a inch).
PRINTABLE_WIDTH = round(7.3 * 96)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    summary = run_reports(DEMO_DIR, out, schools=["S0004"], timeout=120)
    assert not summary.failed, summary.failed
    return out / "S0004.html"


@pytest.fixture
def print_page(browser):
    """A page as wide as the printable part of a letter page, in print media; `page.blocked` lists requests for anything but files."""
    context = browser.new_context(viewport={"width": PRINTABLE_WIDTH, "height": 1000})
    page = context.new_page()
    page.blocked = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file://", "data:")):
            request_route.continue_()
        else:
            page.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.emulate_media(media="print")
    yield page
    context.close()


def test_a_printed_report_fits_letter_paper_and_keeps_charts_whole(print_page, report, artifacts):
    print_page.goto(report.as_uri())
    too_wide = print_page.evaluate(
        """width => [...document.querySelectorAll('svg, img, table, pre')]
             .filter(e => e.getBoundingClientRect().right > width + 1)
             .map(e => `${e.tagName} ${Math.round(e.getBoundingClientRect().right)}px`)""",
        PRINTABLE_WIDTH,
    )
    assert too_wide == []
    clipped = print_page.evaluate(  # a box narrower than what it holds scrolls on screen and is cut off on paper
        """() => [...document.querySelectorAll('body *')].filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
             .map(e => `${e.tagName}.${e.className} ${e.scrollWidth}px in ${e.clientWidth}px`)"""
    )
    assert clipped == []
    assert print_page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_WIDTH
    charts = print_page.evaluate("[...document.querySelectorAll('.jp-RenderedSVG img, figure.otm-chart img')].map(e => getComputedStyle(e).breakInside)")
    alts = print_page.evaluate("[...document.querySelectorAll('.jp-RenderedSVG img, figure.otm-chart img')].map(e => e.alt)")
    assert all(a.startswith("Chart: ") for a in alts), alts  # screen readers say what each chart is
    tables = print_page.evaluate("[...document.querySelectorAll('table')].map(e => getComputedStyle(e).breakInside)")
    assert len(charts) == 3 and set(charts) == {"avoid"}
    assert len(tables) >= 3 and set(tables) == {"avoid"}
    pdf = print_page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= pages <= 8, pages
    print_page.screenshot(path=artifacts / "school_report_print.png", full_page=True)
    assert print_page.blocked == []


def test_a_printed_report_numbers_its_pages_dates_them_and_prints_every_explanation_open(print_page, report):
    print_page.goto(report.as_uri())
    margins = print_page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule)
             .flatMap(r => [...r.cssRules].map(m => m.cssText))"""
    )
    assert any('counter(page) " of " counter(pages)' in m for m in margins), margins
    assert any("school report" in m and re.search(r"\d{4}, \d\d:\d\d \w+", m) for m in margins), margins
    explanations = print_page.evaluate(
        "[...document.querySelectorAll('details.how-calculated ul')].map(e => e.getBoundingClientRect().height)"
    )
    assert len(explanations) >= 5 and all(h > 0 for h in explanations)  # open on paper, though closed on screen


def empty_share(page, margin_inches=0.6):
    """The share of a printed page's printable height left blank below its last mark (margins and footer excluded)."""
    image = page.render(scale=0.5, grayscale=True).to_numpy()  # 36 dots an inch
    top, bottom = (round(margin_inches * 36), image.shape[0] - round(margin_inches * 36))
    inked = np.flatnonzero((image[top:bottom] < 245).any(axis=1))
    return 1.0 if not len(inked) else 1 - (inked[-1] + 1) / (bottom - top)


def test_no_printed_page_but_the_last_is_more_than_a_third_empty(print_page, report, artifacts):
    print_page.goto(report.as_uri())
    pdf = print_page.pdf(format="Letter")
    (artifacts / "school_report.pdf").write_bytes(pdf)
    document = pdfium.PdfDocument(pdf)
    shares = [round(float(empty_share(document[i])), 2) for i in range(len(document))]
    print("empty share of each printed page:", shares)
    assert len(shares) >= 2 and all(share <= 1 / 3 for share in shares[:-1]), shares
