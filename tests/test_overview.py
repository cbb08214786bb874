"""The district overview, on the tiny district whose numbers are known."""

from onthemove_widgets.analysis.overview import band_mix_by_school, band_mix_summary, school_overview
from onthemove_widgets.data import load_district


def test_school_overview_counts_students(tiny_district):
    district = load_district(tiny_district)
    table = school_overview(district.schools, district.students)
    assert table.reset_index().to_dict("records") == [  # headed in words, no ids or row numbers on screen
        {"School": "Alder Elementary", "Level": "Elementary", "Grades": "K-5", "Students": 2},
        {"School": "Birch Middle", "Level": "Middle", "Grades": "6-8", "Students": 2},
    ]


def test_band_mix_and_summary(tiny_district):
    d = load_district(tiny_district)
    counts = band_mix_by_school(d.schools, d.students, d.assessments, d.cut_scores, "sbac", "ELA", "baseline")
    at_or_above = counts.loc[counts["band"].isin(["at", "above"])].groupby("school_name")["percent"].sum()
    assert at_or_above.to_dict() == {"Alder Elementary": 50.0, "Birch Middle": 50.0}
    assert band_mix_summary(counts).startswith("Across 2 schools and 4 tested students, 50% are at or above proficiency.")


def test_summary_when_nothing_was_tested(tiny_district):
    d = load_district(tiny_district)
    counts = band_mix_by_school(d.schools, d.students, d.assessments, d.cut_scores, "sbac", "ELA", "cycle_1")
    assert band_mix_summary(counts) == "No scores were found for this measure and window."
