"""StudentSorter without a kernel: set a control, check it shows what the analysis says."""

import base64

import pandas as pd
import pytest

from onthemove_widgets.analysis.baseline import baseline_bands
from onthemove_widgets.analysis.wall import WallSettings, data_wall
from onthemove_widgets.data import load_district
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.student_sorter import OVERRIDE, StudentSorter

NO_OVERRIDES = pd.DataFrame(columns=["student_id", "band", "reason"])


@pytest.fixture(scope="module")
def team():
    return load_district(school_id="S0001").grade(4)


@pytest.fixture
def sorter(team, tmp_path):
    return StudentSorter(team, Store(tmp_path / "drafts.db"), "Grade 4 team")


def wall_counts(sorter):
    return {band: sorter.counts.value.count(f'data-group="All students" data-band="{band}">{n}<') for band, n in band_totals(sorter.frame).items()}


def band_totals(frame):
    return frame["band"].value_counts().to_dict()


def test_opens_on_the_analysis_result(team, sorter):
    assert sorter.measures.value == (("sbac", "ELA"),)  # the district's state test, first subject, opens the wall
    expected = data_wall(team.students, team.assessments, team.cut_scores, NO_OVERRIDES, WallSettings(measures=sorter.measures.value))
    pd.testing.assert_frame_equal(sorter.frame, expected)
    assert all(found == 1 for found in wall_counts(sorter).values())
    per_band = band_totals(expected)
    assert sorter.wall.value.count('class="otm-card') == sum(min(n, sorter.page_size) for n in per_band.values())
    rest = per_band["below"] - sorter.page_size
    assert f"Cards 1–{sorter.page_size} of {per_band['below']}; {rest} more on page 2 of 2" in sorter.wall.value  # 44 below: paged, and it says where the rest are
    assert sorter.page.description == "Page (of 2)"


def test_paging_shows_the_rest(sorter):
    below = int((sorter.frame["band"] == "below").sum())
    sorter.page.value = 2
    below_column = sorter.wall.value.split('data-band="below"')[1].split('data-band="near"')[0]
    assert below_column.count('class="otm-card') == below - sorter.page_size


def test_moving_a_threshold_rebands_students(team, sorter):
    sorter.at.value = sorter.at.value + 40
    cuts = sorter.cut_scores
    at = cuts.loc[(cuts.measure == "sbac") & (cuts.subject == "ELA") & (cuts.grade == 4), "at"].item()
    assert at == team.cut_scores.loc[(team.cut_scores.measure == "sbac") & (team.cut_scores.subject == "ELA") & (team.cut_scores.grade == 4), "at"].item() + 40
    expected = baseline_bands(team.students, team.assessments, cuts, [("sbac", "ELA")])["band"].value_counts().to_dict()
    assert band_totals(sorter.frame) == expected


def test_impossible_thresholds_are_refused_with_a_message(sorter):
    before = sorter.cut_scores.copy()
    sorter.near.value = sorter.above.value + 5
    assert "must rise" in sorter.status.value or "near" in sorter.status.value
    pd.testing.assert_frame_equal(sorter.cut_scores, before)


def test_filters_and_privacy(team, sorter):
    sorter.only.value = ("english_learner", True)
    assert sorter.frame["english_learner"].all() and len(sorter.frame) == team.students["english_learner"].sum()
    sorter.privacy.value = "names"
    first = sorter.frame.iloc[0]
    assert f"{first.first_name} {first.last_name}" in sorter.wall.value or first["band"] != first["band"]
    sorter.privacy.value = "ids"
    assert first.last_name not in sorter.wall.value


def test_override_is_saved_and_shown(sorter, tmp_path):
    student = sorter.frame.loc[sorter.frame["band"] == "below", "student_id"].iloc[0]
    sorter.override_student.value = student
    sorter.override_band.value = "near"
    sorter.override_reason.value = "Strong classroom work <b>not</b> on the test"
    sorter._save_override(None)
    row = sorter.frame.set_index("student_id").loc[student]
    assert (row["band"], row["computed_band"], bool(row["overridden"])) == ("near", "below", True)
    saved = Store(tmp_path / "drafts.db").latest(OVERRIDE, "S0001", "Grade 4 team", student)
    assert saved.body == {"band": "near", "reason": "Strong classroom work <b>not</b> on the test"}
    assert "&lt;b&gt;not&lt;/b&gt;" in sorter.wall.value and "<b>not</b>" not in sorter.wall.value


def test_override_needs_a_reason(sorter, tmp_path):
    sorter.override_reason.value = "  "
    sorter._save_override(None)
    assert "reason" in sorter.override_status.value
    assert Store(tmp_path / "drafts.db").latest_items(OVERRIDE, "S0001", "Grade 4 team") == []


def test_export_links_hold_the_sorted_list(sorter):
    sorter._export(None)
    assert sorter.export_links.value.count("download=") == 2
    assert f"({len(sorter.frame)} students, shown as initials)" in sorter.export_links.value


def test_the_band_counts_explain_how_they_were_calculated_with_the_students_placed(sorter):
    placed = int(sorter.frame["band"].notna().sum())
    unplaced = int(sorter.frame["band"].isna().sum())
    assert "How was this calculated?" in sorter.counts.value
    assert f"Students counted: {placed} students placed" in sorter.counts.value
    assert (f"{unplaced} student" in sorter.counts.value) == bool(unplaced)


def test_period_show_and_group_by_open_on_a_choice_the_browser_can_show(sorter):
    for dropdown in (sorter.period, sorter.only, sorter.subgroup):
        assert dropdown.index == 0 and dropdown.value is not None  # a None value draws a blank dropdown
    assert (sorter.period.label, sorter.only.label, sorter.subgroup.label) == ("All periods", "All students", "No grouping")
    assert sorter.settings().period is None and sorter.settings().only is None


def test_a_rejected_cut_score_puts_the_slider_back(sorter):
    at, wall = sorter.at.value, sorter.frame.copy()
    sorter.at.value = sorter.above.value + 5
    assert sorter.at.value == at  # the slider shows what the wall uses
    assert "keeps the criteria" in sorter.status.value
    pd.testing.assert_frame_equal(sorter.frame, wall)


def test_calibrated_cut_scores_are_saved_and_reopened(team, tmp_path):
    store = Store(tmp_path / "drafts.db")
    first = StudentSorter(team, store, "Grade 4 team")
    first.at.value = first.at.value + 40
    saved = store.latest("cut_scores", "S0001", "Grade 4 team", "sbac|ELA|4")
    assert saved.body["at"] == first.at.value and saved.saved_at is not None
    reopened = StudentSorter(team, store, "Grade 4 team")
    assert reopened.at.value == first.at.value
    assert band_totals(reopened.frame) == band_totals(first.frame)
    assert StudentSorter(team, store, "Another team").at.value == first.at.value - 40  # per team


def test_counts_name_the_group_shown(sorter):
    sorter.only.value = ("english_learner", True)
    assert 'data-group="English learners (shown)"' in sorter.counts.value and 'data-group="All students"' not in sorter.counts.value


def test_export_and_picker_tell_repeated_initials_apart(sorter):
    labels = [label for label, _ in sorter.override_student.options]
    assert len(labels) == len(set(labels))
    sorter._export(None)
    csv = base64.b64decode(sorter.export_links.value.split("base64,")[1].split('"')[0]).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("student_id,student,")  # initials alone cannot be matched back to a student
