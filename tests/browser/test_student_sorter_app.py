"""The Determining Student Learning Needs app: a cut-score change reaches the room.

The counts a browser shows after moving the "At ≥" threshold must be exactly what the
package computes for the same calibration.
"""

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


def test_changing_a_cut_score_updates_the_counts(voila_url, offline_page, artifacts):
    page = offline_page
    page.goto(voila_url + APP, wait_until="domcontentloaded", timeout=120_000)
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
    assert page.locator("img[src^='data:image/svg+xml']").count() >= 1  # the band chart drew offline
    page.screenshot(path=artifacts / "student_sorter.png", full_page=True)
    assert page.blocked == []
