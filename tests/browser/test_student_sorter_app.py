"""The Determining Student Learning Needs app: a cut-score change reaches the room.

The counts a browser shows after moving the "At ≥" threshold must be exactly what the
package computes for the same calibration.
"""

import re

from protocol_steps import go_to_step
from serving import open_app

from onthemove_widgets.analysis.baseline import baseline_bands, with_cut_scores
from onthemove_widgets.analysis.bands import BANDS
from onthemove_widgets.data import load_district

APP = "/voila/render/protocols/determining_student_learning_needs.ipynb"


def expected_counts(at):
    team = load_district(school_id="S0001").grade(4)
    cuts = team.cut_scores
    row = cuts.loc[(cuts["measure"] == "sbac") & (cuts["subject"] == "ELA") & (cuts["grade"] == 4)].iloc[0]
    if at is not None:
        cuts = with_cut_scores(cuts, "sbac", "ELA", 4, row["near"], at, row["above"])
    bands = baseline_bands(team.students, team.assessments, cuts, [("sbac", "ELA")])["band"]
    return {band: int((bands == band).sum()) for band in BANDS}, int(row["at"])


def page_counts(page):
    return {band: int(page.locator(f'td[data-group="All students"][data-band="{band}"]').inner_text()) for band in BANDS}


def choose(page, field, value):
    """Pick `value` in the chooser's `field` and open: the page reloads with the choice in its address."""
    page.locator(f"select[name={field}]").select_option(value, timeout=120_000)
    with page.expect_navigation(wait_until="domcontentloaded", timeout=120_000):
        page.get_by_role("button", name="Open").click()


def test_the_app_asks_for_a_school_and_grade_first(voila_url, offline_page, artifacts):
    page = offline_page
    open_app(page, voila_url + APP)
    page.get_by_text("Open this app for your school").wait_for(timeout=120_000)
    assert page.locator(".otm-wall").count() == 0  # nobody's wall until the team says whose
    assert "There was an error" not in page.inner_text("body")  # the stop is not shown as an error
    choose(page, "school", "S0004")
    assert "school=S0004" in page.url
    page.locator("select[name=grade]").wait_for(timeout=120_000)
    grades = page.locator("select[name=grade] option").evaluate_all("options => options.map(o => o.value)")
    assert grades == ["6", "7", "8"]  # Cedar Ridge's own grades
    choose(page, "grade", "7")
    go_to_step(page, 2)  # calibrating criteria: the wall appears
    page.locator(".otm-wall").wait_for(timeout=120_000)
    assert "Cedar Ridge Middle School, grade 7 · Grade 7 team" in page.inner_text("body")
    page.screenshot(path=artifacts / "chooser_opened.png", full_page=True)
    assert page.blocked == []


def test_changing_a_cut_score_updates_the_counts(voila_url, offline_page, artifacts):
    page = offline_page
    open_app(page, voila_url + APP + "?school=S0001&grade=4")
    go_to_step(page, 2)
    page.locator(".otm-wall").wait_for(timeout=120_000)
    before, at = expected_counts(None)
    assert page_counts(page) == before

    new_at = at + 40
    readout = page.locator(".widget-slider").filter(has_text="At ≥").locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(new_at))
    page.keyboard.press("Enter")
    after, _ = expected_counts(new_at)
    assert after != before  # the change must matter for the test to mean anything
    page.wait_for_function(
        "([band, n]) => document.querySelector(`td[data-group='All students'][data-band='${band}']`)?.innerText == String(n)",
        arg=["at", after["at"]], timeout=30_000,
    )
    assert page_counts(page) == after
    chart = page.locator(".otm-vega")
    chart.locator("svg .mark-rect path").first.wait_for(timeout=30_000)  # drawn in the browser, offline
    bars = chart.locator("svg .mark-rect path").evaluate_all("paths => paths.map(p => p.getAttribute('aria-label'))")
    drawn = dict(re.search(r"Group: All students;.*Band: (\w+) proficiency; Students: (\d+);", bar).groups() for bar in bars if "Group: All students;" in bar)
    assert {band.lower(): int(n) for band, n in drawn.items()} == after  # the bars the browser drew are the counts
    assert chart.locator("[role=img]").get_attribute("aria-label").startswith("Chart: Students in each band")
    assert f"All students: {after['at'] + after['above']} of {sum(after.values())} at or above proficiency." in chart.locator("figcaption").inner_text()
    assert page.locator("img[src^='data:image/svg+xml']").count() == 0  # the kernel drew no SVG
    page.screenshot(path=artifacts / "student_sorter.png", full_page=True)
    assert page.blocked == []


def test_where_the_charts_script_cannot_load_the_kernel_draws_the_chart(voila_url, offline_page):
    page = offline_page
    page.route("**/vega-embed-*", lambda route: route.abort())  # as in JupyterLab, which serves no such file
    open_app(page, voila_url + APP + "?school=S0001&grade=4")
    go_to_step(page, 2)
    image = page.locator(".otm-vega img[src^='data:image/svg+xml']")
    image.wait_for(timeout=60_000)
    assert image.get_attribute("alt").startswith("Chart: Students in each band")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 300  # the kernel's SVG decoded and drew
    assert "at or above proficiency" in page.locator(".otm-vega figcaption").inner_text()
