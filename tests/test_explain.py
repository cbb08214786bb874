"""'How was this calculated?': the n in each explanation is the n behind its number, and what is hidden is named."""

import pandas as pd
import pytest

from onthemove_widgets.analysis import explain, views
from onthemove_widgets.analysis.scores import student_scores
from onthemove_widgets.analysis.subgroups import band_by_group
from onthemove_widgets.data import load_district
from test_growth_views import small_in_one_window


@pytest.fixture(scope="module")
def scored():
    school = load_district(school_id="S0001")
    return student_scores(school.students, school.assessments, "cycle_check", "ELA")


def test_the_lines_explanation_counts_the_students_behind_the_means_and_names_the_hidden_groups(scored):
    means = views.group_means(scored, "gender")
    text = explain.group_means(means, "cycle check ELA, baseline to end of year")
    everyone = means.loc[means["group"] == "All students"]
    assert text.n == everyone["n"].max() == 512
    assert f"all students: {int(everyone['n'].min())} to 512 per window" in text.counted
    assert "Male: " in text.counted and "Female: " not in text.counted
    assert text.left_out[:2] == ["Female (hidden so that Nonbinary cannot be worked out by subtraction)", "Nonbinary (fewer than 11 students)"]
    roll = scored["student_id"].nunique()
    assert f"{int((roll - everyone['n']).sum())} scores missing" in text.left_out[2]


def test_the_effect_size_explanation_has_its_formula_the_students_in_both_windows_and_the_students_missing_one():
    frame = small_in_one_window()
    table = views.effect_sizes(frame, "gender", "baseline", "end_of_year")
    text = explain.effect_sizes(table, "a check")
    both = set(frame.loc[frame["window"] == "baseline", "student_id"]) & set(frame.loc[frame["window"] == "end_of_year", "student_id"])
    assert text.n == len(both) == table.loc[table["group"] == "All students", "n"].iloc[0]
    everyone = frame["student_id"].nunique()
    assert f"{everyone - len(both)} students without a score in both windows" in text.left_out[-1]
    assert "Nonbinary (fewer than 11 students)" in text.left_out
    assert "d = (mean after − mean before) ÷ ((SD before + SD after) ÷ 2)" in text.rule and "Cohen, 1988" in text.rule


def test_the_run_chart_and_band_explanations_count_what_was_drawn(scored):
    chart = views.school_run_chart(scored)
    assert explain.run_chart(chart, "s").n == len(chart.points) == scored["window"].nunique()
    placed = scored.loc[scored["window"] == "baseline"].assign(band=pd.Categorical(["at", None] * (len(scored.loc[scored["window"] == "baseline"]) // 2) + ["at"] * (len(scored.loc[scored["window"] == "baseline"]) % 2)))
    counts = band_by_group(placed, "english_learner")
    text = explain.band_counts(counts, "s")
    assert text.n == placed["band"].notna().sum()
    assert text.left_out == [f"{placed['band'].isna().sum()} students with no score on these measures"]


def test_details_html_escapes_and_needs_no_script():
    html = explain.details_html(explain.Explanation("r <b>", "c", 1, "s & t", ["<script>x</script>"]))
    assert html.startswith('<details class="how-calculated"><summary>How was this calculated?</summary>')
    assert "<script>" not in html and "&lt;script&gt;" in html and "s &amp; t" in html


def test_the_growth_plotter_shows_the_explanation_of_the_view_it_draws_and_offers_teachers_only_in_private():
    from onthemove_widgets.widgets.growth_plotter import GrowthPlotter

    school = load_district(school_id="S0001")
    plotter = GrowthPlotter(school, grouping="gender")
    assert "teacher" not in [value for _, value in plotter.grouping.options]
    means = views.group_means(student_scores(school.students, school.assessments, "cycle_check", "ELA"), "gender")
    assert "How was this calculated?" in plotter.summary.value
    assert f"up to {int(means.loc[means['group'] == 'All students', 'n'].max())} students" in plotter.summary.value
    assert "Nonbinary (fewer than 11 students)" in plotter.summary.value
    private = GrowthPlotter(school, grouping="teacher", private=True)
    assert ("Teacher (the team's private work: not for projecting)", "teacher") in private.grouping.options
    assert "changed most" not in private.summary.value and "least" not in private.summary.value
    for view in ("effect_size", "band_mix", "slope", "run_chart"):
        private.view.value = view
        assert "How was this calculated?" in private.summary.value and "Students counted" in private.summary.value


def test_the_gap_table_explanation_counts_its_n_columns_and_names_each_hidden_group_with_its_rule(scored):
    from onthemove_widgets.analysis import report

    gaps = report.gap_table(scored, "baseline", "end_of_year")
    text = explain.gap_table(gaps, "s")
    end = scored.loc[scored["window"] == "end_of_year"]
    assert text.n == gaps["n baseline"].max() == 434 == (end["students_with_disabilities"] == False).sum()  # noqa: E712  the largest group shown
    assert "Nonbinary (fewer than 11 students)" in text.left_out
    assert "Female (complementary: protects Nonbinary)" in text.left_out and "by subtracting" in text.left_out[-1]
