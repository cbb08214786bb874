"""The per-school report's tables, on data whose numbers are known."""

from html import unescape

import pandas as pd
import pytest

from onthemove_widgets.analysis import report
from onthemove_widgets.analysis.scores import latest_window, student_scores, up_to
from onthemove_widgets.data.settings import DistrictSettings
from onthemove_widgets.data import load_district


@pytest.fixture(scope="module")
def fragmented():
    return load_district(school_id="S0004")


def paths(district, assessments=None, **options):
    """The on-track and off-track inputs for the cycle check in ELA (`report.student_paths`)."""
    assessments = district.assessments if assessments is None else assessments
    return report.student_paths(district.students, assessments, district.cut_scores, "cycle_check", "ELA", **options)


def test_state_status_hides_a_subject_with_too_few_tested(tiny_district):
    district = load_district(tiny_district)
    scored = student_scores(district.students, district.assessments, "sbac", "ELA", "baseline")
    shown = report.state_test_status(scored, district.cut_scores, min_n=2).set_index("subject")
    # 2400 near, 2432 at (grade 3); 2456 below, 2620 above (grade 6): Met 2432 and 2531
    assert shown.at["ELA", "n"] == 4
    assert shown.at["ELA", "distance_from_standard"] == pytest.approx(((2400 - 2432) + 0 + (2456 - 2531) + (2620 - 2531)) / 4)
    assert [shown.at["ELA", b] for b in ("below", "near", "at", "above")] == [25, 25, 25, 25]
    hidden = report.state_test_status(scored, district.cut_scores, min_n=11).set_index("subject")
    assert hidden.at["ELA", "suppressed"] and pd.isna(hidden.at["ELA", "distance_from_standard"])
    assert report.state_band_counts(scored, district.cut_scores, min_n=11).empty


def test_on_track_counts_match_a_hand_computation(fragmented):
    table = report.on_track_by_window(paths(fragmented))
    assert list(table["window"])[0] == "cycle_1" and list(table["window"])[-1] == "end_of_year"
    final = table.set_index("window").loc["end_of_year"]
    assert final["percent"] == pytest.approx(100 * final["on_track"] / final["students"])
    count, window, names = report.off_track(paths(fragmented))
    assert (count, window, names) == (final["students"] - final["on_track"], "end_of_year", None)  # no names by default
    _, _, named = report.off_track(paths(fragmented), show_names=True)
    assert len(named) == count and set(named.columns) == {"first_name", "last_name", "class_period", "after", "expected"}


def test_on_track_by_window_agrees_with_growth_and_on_track_window_by_window(fragmented):
    from onthemove_widgets.analysis.growth import growth, on_track, year_fraction
    from onthemove_widgets.analysis.targets import growth_targets
    from onthemove_widgets.analysis.baseline import baseline_bands

    table = report.on_track_by_window(paths(fragmented)).set_index("window")
    scored = student_scores(fragmented.students, fragmented.assessments, "cycle_check", "ELA")
    base = baseline_bands(fragmented.students, fragmented.assessments, fragmented.cut_scores, [("cycle_check", "ELA")])
    targets = base[["student_id"]].join(growth_targets(base, fragmented.cut_scores, "cycle_check", "ELA", "same_distance"))
    windows = ["baseline", *[f"cycle_{k}" for k in range(1, 11)], "end_of_year"]
    for window in ("cycle_1", "cycle_6", "end_of_year"):
        one = on_track(growth(scored, "baseline", window), targets, year_fraction(windows, "baseline", window))
        assert table.at[window, "students"] == one["on_track"].notna().sum()
        assert table.at[window, "on_track"] == one["on_track"].fillna(False).sum()


def test_gap_table_matches_equity_gaps_column_by_column(fragmented):
    from onthemove_widgets.analysis.gaps import equity_gaps

    scored = student_scores(fragmented.students, fragmented.assessments, "cycle_check", "ELA")
    gaps = report.gap_table(scored, "baseline", "cycle_5", columns=["gender", "english_learner"], min_n=1)
    assert gaps["student group"].unique().tolist() == ["Gender", "English learners"]  # the order asked for
    expected = equity_gaps(scored.loc[scored["window"].isin(["baseline", "cycle_5"])], "english_learner").astype({"group": str, "window": str})
    learners = expected.set_index(["group", "window"])
    row = gaps.set_index("group").loc["Not English learners"]
    assert row["mean cycle_5"] == pytest.approx(learners.at[("Not English learners", "cycle_5"), "mean"])
    assert row["gap baseline"] == pytest.approx(learners.at[("Not English learners", "baseline"), "gap"])


def test_gap_table_never_shows_a_small_group(fragmented):
    scored = student_scores(fragmented.students, fragmented.assessments, "cycle_check", "ELA")
    gaps = report.gap_table(scored, "baseline", "end_of_year")
    hidden = gaps.loc[gaps["trend"].str.startswith("not shown")]
    assert len(hidden) and hidden.filter(like="mean").isna().all().all() and hidden.filter(like="gap ").isna().all().all()
    sizes = scored.loc[scored["window"] == "baseline"].groupby("race_ethnicity").size()
    assert set(sizes[sizes < 11].index) <= set(hidden["group"])


def test_summary_for_the_index(fragmented):
    state = pd.concat([student_scores(fragmented.students, fragmented.assessments, "sbac", s) for s in ("ELA", "Math")])
    local = student_scores(fragmented.students, fragmented.assessments, "cycle_check", "ELA")
    status = report.state_test_status(state.loc[state["window"] == "end_of_year"], fragmented.cut_scores)
    summary = report.school_summary(fragmented.schools.iloc[0], status, local, "baseline", "end_of_year")
    assert summary["school_name"] == "Cedar Ridge Middle School" and summary["students"] == len(fragmented.students)
    assert summary["ELA at or above"].endswith("%") and float(summary["growth effect size"]) < 0.40


def test_mid_year_each_window_is_measured_against_the_whole_year(fragmented):
    year = fragmented.settings.school_year()
    full = report.on_track_by_window(paths(fragmented, year=year)).set_index("window")
    early = up_to(fragmented.assessments, "cycle_3")
    part = report.on_track_by_window(paths(fragmented, early, year=year)).set_index("window")
    assert list(part.index) == ["cycle_1", "cycle_2", "cycle_3"]
    pd.testing.assert_frame_equal(part, full.loc[part.index])  # cycle_3 is 3/11 of the way, not the end of the year
    count, window, _ = report.off_track(paths(fragmented, early, year=year))
    assert (window, count) == ("cycle_3", full.at["cycle_3", "students"] - full.at["cycle_3", "on_track"])
    eight = report.on_track_by_window(paths(fragmented, early, year=DistrictSettings(windows=("baseline", "cycle_3")).school_year(8))).set_index("window")
    assert eight.at["cycle_3", "on_track"] < part.at["cycle_3", "on_track"]  # 3/9 of the way asks for more growth than 3/11


def test_windows_in_teaching_order_up_to_a_point():
    assert DistrictSettings(windows=("baseline", "cycle_1")).school_year(3) == ["baseline", "cycle_1", "cycle_2", "cycle_3", "end_of_year"]
    assert DistrictSettings(windows=("fall", "spring")).school_year(3) == ["fall", "spring"]  # other names: the data's windows
    rows = pd.DataFrame({"window": ["end_of_year", "cycle_10", "cycle_9", "baseline", "cycle_2"]})
    assert up_to(rows, "cycle_9")["window"].tolist() == ["cycle_9", "baseline", "cycle_2"]  # cycle_10 comes after cycle_9
    assert latest_window(rows) == "end_of_year" and latest_window(rows.iloc[:0]) is None


def test_a_group_under_the_minimum_gets_no_count_of_students_below_their_path(fragmented):
    args = (paths(fragmented),)
    final = report.on_track_by_window(*args).set_index("window").loc["end_of_year"]
    count, window, _ = report.off_track(*args, min_n=final["students"])
    assert count == final["students"] - final["on_track"]
    label = fragmented.settings.label
    assert report.off_track_sentence(count, label(window)) == f"{count} students were below their path at end of year."
    hidden, window, _ = report.off_track(*args, min_n=final["students"] + 1)
    assert hidden is None
    sentence = report.off_track_sentence(hidden, label(window), min_n=final["students"] + 1)
    assert sentence == f"Fewer than {final['students'] + 1} students had a path to measure at end of year, so how many were below it is not reported."
    assert report.off_track_sentence(1, label("cycle_3")) == "1 student was below their path at cycle 3."


def test_tables_for_people_show_a_dash_never_nan_and_counts_as_whole_numbers(fragmented):
    table = report.on_track_by_window(paths(fragmented), min_n=597)
    assert table["on_track"].isna().any() and not table["on_track"].isna().all()  # some windows have fewer than 597 students
    shown = report.table_for_people(table, percent_columns=["percent"], min_n=597, count_column="students")
    cells = shown.data.set_index("window")
    assert cells.at["cycle_1", "on_track"] == "—" and cells.at["cycle_1", "percent"] == "—"
    assert cells.at["cycle_3", "on_track"] == str(int(table.set_index("window").at["cycle_3", "on_track"]))
    html = shown.to_html()
    assert "nan" not in html.lower() and "None" not in html and ".0<" not in html
    mixed = pd.DataFrame({"group": ["A", None], "trend": [float("nan"), "narrowing"], "n": [pd.NA, 3]})
    assert report.table_for_people(mixed).data.to_dict("list") == {"group": ["A", "—"], "trend": ["—", "narrowing"], "n": ["—", 3]}


def test_the_list_of_students_below_their_path_names_every_one_escaped(fragmented):
    count, _, names = report.off_track(paths(fragmented), show_names=True)
    assert count > 60  # more rows than pandas shows of a DataFrame
    names.loc[0, "first_name"] = "<b>Ana</b>"
    html = report.table_for_people(names, number_columns=["after", "expected"])._repr_html_()
    assert html.count("<tr>") == count + 1  # the header row, then every student
    assert all(f">{name}<" in unescape(html) for name in names["last_name"])
    assert "<b>Ana</b>" not in html and "&lt;b&gt;Ana&lt;/b&gt;" in html


def test_gap_table_counts_each_group_and_hides_n_with_the_group_for_the_rule_that_hid_it():
    school = load_district(school_id="S0001")
    scored = student_scores(school.students, school.assessments, "cycle_check", "ELA")
    table = report.gap_table(scored, "baseline", "end_of_year").set_index("group")
    baseline = scored.loc[scored["window"] == "baseline"]
    assert table.at["Male", "n baseline"] == (baseline["gender"] == "Male").sum() == 260
    assert table.loc[["Female", "Nonbinary"], ["n baseline", "n end_of_year", "mean baseline"]].isna().all().all()
    assert table.at["Nonbinary", "trend"] == "not shown (fewer than 11 students)"
    assert table.at["Female", "trend"] == "not shown (complementary: protects Nonbinary)"


def test_a_widening_gap_is_asked_about_as_a_cause_only_below_all_students():
    gaps = pd.DataFrame({"group": ["Asian", "English learners"], "gap baseline": [8.1, -8.0], "gap end of year": [10.5, -11.0], "trend": ["widening", "widening"]})
    above, below = report.next_questions(gaps)
    assert "cause" not in above and "above all students" in above and "Asian" in above
    assert below == "What could be the cause of the widening gap for English learners, below all students and falling further behind?"


def test_the_report_is_stamped_in_local_time_with_its_zone_and_each_printed_page_carries_it(monkeypatch):
    import time
    from datetime import datetime, timezone

    from onthemove_widgets.analysis.report_scope import print_css, stamped

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        assert stamped(datetime(2025, 5, 2, 21, 5, tzinfo=timezone.utc)) == "May 2, 2025, 14:05 PDT"
        css = print_css(pd.Series({"school_name": "O'Brien </style><b>"}), datetime(2025, 5, 2, 21, 5, tzinfo=timezone.utc))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert css.startswith("@page { @top-right {") and "</style>" not in css and "<b>" not in css
    assert "\\3c \\2f style\\3e" in css and "May 2, 2025, 14:05 PDT" in css
