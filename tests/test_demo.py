"""The demo district: reproducible, shaped like the data dictionary, and telling its stories.

The story checks are computed with plain pandas from the written files, the way a coach
would, so they hold for what users see rather than for the generator's internals.
"""

import numpy as np
import pandas as pd
import pytest

from onthemove_widgets.data.demo import STORY_SCHOOLS, WINDOWS, _generated_names, generate_district
from onthemove_widgets.data.validate import validate_district

FILES = ("schools.csv", "students.csv", "assessments.csv", "cut_scores.csv")
# The columns of datasets/README.md, in order; students add the demo's two extra groups.
COLUMNS = {
    "schools.csv": ["school_id", "school_name", "level", "grades"],
    "students.csv": ["student_id", "school_id", "first_name", "last_name", "grade", "teacher", "class_period",
                     "gender", "race_ethnicity", "english_learner", "students_with_disabilities",
                     "socioeconomically_disadvantaged", "foster_youth", "homeless"],
    "assessments.csv": ["student_id", "subject", "measure", "window", "date", "score"],
    "cut_scores.csv": ["measure", "subject", "grade", "lowest_score", "near", "at", "above", "highest_score"],
}
GRADE_NUMBER = {"K": 0, **{str(g): g for g in range(1, 13)}}


def read(folder):
    """The four tables as text, as a careful reader would load them."""
    return {name: pd.read_csv(folder / name, dtype=str, keep_default_na=False) for name in FILES}


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    """The bundled district, generated with the defaults once for this module."""
    return generate_district(tmp_path_factory.mktemp("anywhere_sd"))


@pytest.fixture(scope="module")
def demo(demo_folder):
    return read(demo_folder)


@pytest.fixture(scope="module")
def cycle_checks(demo):
    """Cycle-check scores joined to each student's school, teacher and EL flag."""
    scores = demo["assessments.csv"].query("measure == 'cycle_check'").astype({"score": int})
    return scores.merge(demo["students.csv"], on="student_id")


def story_numbers(cycle_checks, story):
    """Mean growth, EL gap at baseline and end of year, and between-teacher SD of growth."""
    school_id = next(sid for sid, (_, key) in STORY_SCHOOLS.items() if key == story)
    school = cycle_checks[cycle_checks["school_id"] == school_id]
    mean = school.groupby("window")["score"].mean()
    el = school[school["english_learner"] == "true"].groupby("window")["score"].mean()
    wide = school.pivot_table(index=["student_id", "teacher"], columns="window", values="score").reset_index()
    teacher_growth = (wide["end_of_year"] - wide["baseline"]).groupby(wide["teacher"]).mean()
    return {
        "growth": mean["end_of_year"] - mean["baseline"],
        "el_gap_baseline": mean["baseline"] - el["baseline"],
        "el_gap_end": mean["end_of_year"] - el["end_of_year"],
        "teacher_sd": teacher_growth.std(),
        "trajectory": mean.reindex(list(WINDOWS)) - mean["baseline"],
    }


# ---------------------------------------------------------------- reproducibility


def test_same_seed_writes_identical_bytes(tmp_path):
    first = generate_district(tmp_path / "a", schools=14, students_per_school=60, seed=7)
    second = generate_district(tmp_path / "b", schools=14, students_per_school=60, seed=7)
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_different_seed_writes_different_data(tmp_path):
    first = generate_district(tmp_path / "a", schools=14, students_per_school=60, seed=7)
    second = generate_district(tmp_path / "b", schools=14, students_per_school=60, seed=8)
    for name in ("students.csv", "assessments.csv"):
        assert (first / name).read_bytes() != (second / name).read_bytes(), name


def test_files_are_utf8_without_bom_and_unix_lines(demo_folder):
    for name in FILES:
        data = (demo_folder / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n")
        data.decode("utf-8")


# ------------------------------------------------------------------------- shape


def test_headers_match_the_data_dictionary(demo):
    for name, columns in COLUMNS.items():
        assert list(demo[name].columns) == columns, name


def test_validator_finds_no_problem(demo_folder):
    assert validate_district(demo_folder) == []


def test_ids_are_unique_and_well_formed(demo):
    schools, students, assessments = demo["schools.csv"], demo["students.csv"], demo["assessments.csv"]
    assert schools["school_id"].is_unique and schools["school_name"].is_unique
    assert schools["school_id"].str.fullmatch(r"S\d{4}").all()
    assert students["student_id"].is_unique and students["student_id"].str.fullmatch(r"\d{7}").all()
    assert not assessments.duplicated(["student_id", "subject", "measure", "window"]).any()
    assert set(assessments["student_id"]) == set(students["student_id"])  # absences never remove a student


def test_named_schools_and_stories(demo):
    schools = demo["schools.csv"].set_index("school_id")
    assert len(schools) == 12
    assert schools.at["S0001", "school_name"] == "Somewhere School"
    assert sorted(key for _, key in STORY_SCHOOLS.values()) == ["coherent", "compliant", "fragmented", "resistant", "somewhere"]
    for school_id, (name, _) in STORY_SCHOOLS.items():
        assert schools.at[school_id, "school_name"] == name
    assert set(schools["grades"]) == {"K-5", "6-8", "9-12"}


def test_every_grade_is_served_by_its_school(demo):
    schools = demo["schools.csv"].set_index("school_id")
    first_last = schools["grades"].str.split("-", expand=True).map(GRADE_NUMBER.get)
    students = demo["students.csv"].join(first_last.set_axis(["first", "last"], axis=1), on="school_id")
    grade = students["grade"].map(GRADE_NUMBER)
    assert grade.between(students["first"], students["last"]).all()


def test_students_look_like_a_california_district(demo):
    students = demo["students.csv"]
    rate = (students[COLUMNS["students.csv"][9:]] == "true").mean()
    assert 0.15 < rate["english_learner"] < 0.23
    assert 0.10 < rate["students_with_disabilities"] < 0.16
    assert 0.52 < rate["socioeconomically_disadvantaged"] < 0.68
    assert 0.001 < rate["foster_youth"] < 0.012 and 0.02 < rate["homeless"] < 0.045
    for column in COLUMNS["students.csv"][9:]:
        assert set(students[column]) == {"true", "false"}
    assert set(students["gender"]) == {"Female", "Male", "Nonbinary"}
    race = students["race_ethnicity"].value_counts(normalize=True)
    assert 0.45 < race["Hispanic or Latino"] < 0.65 and 0.12 < race["White"] < 0.28
    assert students["teacher"].str.fullmatch(r"M[srx]\.? [A-ZÁ-Ú].*").all()
    class_size = students.groupby(["school_id", "teacher", "class_period"]).size()
    assert 24 <= class_size.mean() <= 31
    assert students["class_period"].astype(int).between(1, 6).all()
    # a secondary teacher never teaches two classes in one period
    assert not students.drop_duplicates(["school_id", "teacher", "class_period", "grade"]).duplicated(["school_id", "teacher", "class_period"]).any()


# ------------------------------------------------------------------------ scores


def test_scores_are_inside_each_measure_range(demo):
    cuts = demo["cut_scores.csv"]
    scored = demo["assessments.csv"].merge(demo["students.csv"][["student_id", "grade"]], on="student_id")
    ranged = scored.merge(cuts, on=["measure", "subject", "grade"], how="left", validate="many_to_one")
    assert ranged["lowest_score"].ne("").all()  # every score has cut scores for its grade
    score = ranged["score"].astype(float)
    assert score.between(ranged["lowest_score"].astype(float), ranged["highest_score"].astype(float)).all()
    assert (ranged["score"] == score.astype(int).astype(str)).all()  # whole numbers


def test_cut_scores_carry_the_published_sbac_thresholds(demo):
    cuts = demo["cut_scores.csv"].set_index(["measure", "subject", "grade"])
    assert cuts.loc[("sbac", "ELA", "3")].tolist() == ["2115", "2367", "2432", "2490", "2650"]
    assert cuts.loc[("sbac", "Math", "11")].tolist() == ["2280", "2543", "2628", "2718", "2900"]
    cycle = cuts.loc["cycle_check"]
    assert sorted(cycle.index.get_level_values("grade"), key=GRADE_NUMBER.get) == list(GRADE_NUMBER)
    assert (cycle.drop_duplicates().to_numpy() == [["0", "45", "60", "80", "100"]]).all()


def test_measures_windows_and_dates(demo):
    rows = demo["assessments.csv"].merge(demo["students.csv"][["student_id", "grade"]], on="student_id")
    sbac = rows[rows["measure"] == "sbac"]
    assert set(sbac["grade"]) == {"3", "4", "5", "6", "7", "8", "11"} and set(sbac["subject"]) == {"ELA", "Math"}
    cycle = rows[rows["measure"] == "cycle_check"]
    assert set(cycle["subject"]) == {"ELA"} and set(cycle["window"]) == set(WINDOWS)
    dates = pd.to_datetime(rows["date"], format="%Y-%m-%d")
    assert (dates.dt.day_of_week < 5).all()
    assert dates[(rows["measure"] == "sbac") & (rows["window"] == "baseline")].dt.strftime("%Y-%m").eq("2025-09").all()
    assert dates[rows["window"] == "end_of_year"].dt.strftime("%Y-%m").eq("2026-05").all()
    mean_date = cycle.assign(date=dates).groupby("window")["date"].mean().reindex(list(WINDOWS))
    assert mean_date.is_monotonic_increasing


def test_rows_are_sorted_by_student_subject_measure_window(demo):
    rows = demo["assessments.csv"]
    key = rows.assign(window=rows["window"].map({w: i for i, w in enumerate(WINDOWS)}))
    assert key.equals(key.sort_values(["student_id", "subject", "measure", "window"], kind="stable"))


def test_a_few_percent_of_scores_are_missing(demo):
    students, rows = demo["students.csv"], demo["assessments.csv"]
    tested = students["grade"].isin(["3", "4", "5", "6", "7", "8", "11"]).sum()
    possible = len(students) * len(WINDOWS) + tested * 4
    assert 0.02 <= 1 - len(rows) / possible <= 0.03


def test_district_sbac_rates_are_californian(demo):
    sbac = demo["assessments.csv"].query("measure == 'sbac' and window == 'end_of_year'")
    scored = sbac.merge(demo["students.csv"][["student_id", "grade"]], on="student_id").merge(
        demo["cut_scores.csv"], on=["measure", "subject", "grade"])
    met = (scored["score"].astype(int) >= scored["at"].astype(int)).groupby(scored["subject"]).mean()
    assert 0.38 <= met["ELA"] <= 0.52
    assert 0.26 <= met["Math"] <= 0.40


def test_measures_correlate_like_real_ones(demo):
    rows = demo["assessments.csv"].query("window == 'end_of_year'").astype({"score": int})
    wide = rows.pivot_table(index="student_id", columns=["subject", "measure"], values="score").dropna()
    r = wide.corr()
    assert 0.65 <= r.at[("ELA", "cycle_check"), ("ELA", "sbac")] <= 0.85
    assert 0.7 <= r.at[("ELA", "sbac"), ("Math", "sbac")] <= 0.88


# ----------------------------------------------------------------------- stories


def test_coherent_school_grows_every_cycle_and_narrows_the_el_gap(cycle_checks):
    coherent = story_numbers(cycle_checks, "coherent")
    assert (coherent["trajectory"].diff().dropna() > 0).all()
    assert 1.5 <= coherent["growth"] / 11 <= 2.5  # about two points a cycle
    assert coherent["el_gap_baseline"] - coherent["el_gap_end"] >= 3


def test_resistant_school_stays_flat_from_a_good_start(cycle_checks):
    resistant = story_numbers(cycle_checks, "resistant")
    assert abs(resistant["growth"]) < 2
    assert abs(resistant["el_gap_baseline"] - resistant["el_gap_end"]) < 2.5
    baseline = cycle_checks[cycle_checks["window"] == "baseline"].groupby("school_id")["score"].mean()
    resistant_id = next(sid for sid, (_, key) in STORY_SCHOOLS.items() if key == "resistant")
    assert baseline[resistant_id] > baseline.median() + 3


def test_compliant_school_grows_early_then_plateaus(cycle_checks):
    trajectory = story_numbers(cycle_checks, "compliant")["trajectory"]
    assert trajectory["cycle_4"] >= 3
    assert abs(trajectory["end_of_year"] - trajectory["cycle_4"]) < 1.5


def test_somewhere_school_dips_early_then_grows(cycle_checks):
    trajectory = story_numbers(cycle_checks, "somewhere")["trajectory"]
    assert trajectory["cycle_2"] < trajectory["cycle_1"] and trajectory["cycle_2"] < trajectory["cycle_3"]
    assert 6 <= trajectory["end_of_year"] <= 16


def test_fragmented_school_has_the_widest_spread_between_teachers(cycle_checks):
    profiles = {key: story_numbers(cycle_checks, key) for key in ("compliant", "resistant", "fragmented", "coherent")}
    spread = {key: numbers["teacher_sd"] for key, numbers in profiles.items()}
    assert max(spread, key=spread.get) == "fragmented"
    assert spread["fragmented"] >= 2 * max(v for k, v in spread.items() if k != "fragmented")
    assert profiles["coherent"]["growth"] > profiles["compliant"]["growth"] > profiles["resistant"]["growth"]
    assert profiles["fragmented"]["growth"] < profiles["coherent"]["growth"]


def test_sbac_echoes_the_cycle_check_story(demo):
    scores = demo["assessments.csv"].query("measure == 'sbac' and subject == 'ELA'").astype({"score": int})
    scores = scores.merge(demo["students.csv"][["student_id", "school_id"]], on="student_id")
    mean = scores.pivot_table(index="school_id", columns="window", values="score")
    growth = (mean["end_of_year"] - mean["baseline"]).rename(lambda sid: STORY_SCHOOLS.get(sid, ("", sid))[1])
    assert growth["coherent"] > growth["somewhere"] > growth["resistant"]
    assert abs(growth["resistant"]) < 10


# -------------------------------------------------------------------------- scale


def test_fixed_size_schools(tmp_path):
    folder = generate_district(tmp_path, schools=30, students_per_school=50)
    tables = read(folder)
    assert len(tables["students.csv"]) == 1500
    assert tables["schools.csv"]["school_id"].nunique() == 30 and tables["schools.csv"]["school_name"].nunique() == 30
    assert (tables["students.csv"].groupby("school_id").size() == 50).all()
    assert validate_district(folder) == []


def test_generated_names_stay_unique_past_the_name_lists():
    names = _generated_names(np.random.default_rng(0), np.zeros(5000, dtype=int))
    assert len(set(names)) == 5000
    assert all(name.endswith("Elementary School") or " Campus " in name for name in names)


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="schools"):
        generate_district(tmp_path, schools=0)
    with pytest.raises(ValueError, match="students_per_school"):
        generate_district(tmp_path, students_per_school=0)
