"""District settings: read from the data when it makes them plain, from district.yaml when it says them."""

import pandas as pd
import pytest
from tiny_district import TINY, write_district

from onthemove_widgets.data import load_district
from onthemove_widgets.data.settings import CycleCheck, DistrictSettings, read_settings, resolve_settings, settings_text
from onthemove_widgets.errors import DistrictDataError


def rows(*records):
    return pd.DataFrame(records, columns=["measure", "subject", "window", "date"])


def test_the_cycle_check_is_the_measure_with_most_windows_and_the_state_test_another():
    scores = rows(("probe", "Reading", "w1", "2025-09-01"), ("probe", "Reading", "w2", "2025-10-01"), ("probe", "Reading", "w3", "2025-11-01"),
                  ("exam", "Reading", "w1", "2025-09-05"), ("exam", "Math", "w3", "2025-11-05"))
    settings, problems = resolve_settings({}, scores)
    assert problems == []
    assert (settings.cycle_check.measure, settings.cycle_check.subject, settings.state_test) == ("probe", "Reading", "exam")


def test_windows_with_other_names_are_ordered_by_their_dates():
    scores = rows(("m", "s", "Spring", "2026-05-01"), ("m", "s", "Fall", "2025-09-01"), ("m", "s", "Winter", "01/15/2026"))
    assert resolve_settings({}, scores)[0].windows == ("Fall", "Winter", "Spring")


def test_standard_names_keep_the_data_dictionarys_order_and_a_year_of_ten_cycles():
    scores = rows(("m", "s", "cycle_10", "2025-09-01"), ("m", "s", "cycle_2", "2025-09-01"), ("m", "s", "baseline", "2025-09-01"))
    settings = resolve_settings({}, scores)[0]
    assert settings.windows == ("baseline", "cycle_2", "cycle_10")
    assert settings.school_year(3) == ["baseline", *(f"cycle_{k}" for k in range(1, 11)), "end_of_year"]  # the data has cycle_10 already
    assert settings.label("cycle_10") == "cycle 10" and settings.label("end_of_year") == "end of year"


def test_the_file_names_what_the_data_cannot(tmp_path):
    raw = {"state_test": "exam", "cycle_check": {"measure": "probe", "subject": "Reading"}, "windows": ["Fall", "Spring", "Summer"], "labels": {"exam": "State exam"}}
    scores = rows(("probe", "Reading", "Fall", "2025-09-01"), ("exam", "Reading", "Spring", "2026-05-01"))
    settings, problems = resolve_settings(raw, scores)
    assert problems == [] and settings.listed and settings.school_year(10) == ["Fall", "Spring", "Summer"]
    assert settings.label("exam") == "State exam"
    again, _ = resolve_settings(__import__("yaml").safe_load(settings_text(settings)), None)
    assert again == settings  # what a school's folder carries reads back the same


@pytest.mark.parametrize("text, problem", [
    ("state_test: [unclosed", "district.yaml, row 1: is not valid YAML"),
    ("- a list", "district.yaml: must be a list of 'key: value' lines"),
    ("cycle_checks: {}", "district.yaml, column 'cycle_checks': unknown setting"),
    ("state_test: nothing_like_it", "district.yaml, column 'state_test': no scores for measure 'nothing_like_it' in assessments.csv"),
    ("cycle_check: reading", "district.yaml, column 'cycle_check': must name a measure and a subject"),
    ("windows: [baseline, baseline]", "district.yaml, column 'windows': must list each window once"),
    ("windows: [baseline]", "assessments.csv, row 6, column 'window': window 'end_of_year' (1 row(s)) is not among the windows listed in district.yaml: baseline"),
    ("compare_schools: [S9]", "district.yaml, column 'compare_schools': school 'S9' is not in schools.csv"),
])
def test_a_bad_settings_file_is_refused_with_a_clear_message(tmp_path, text, problem):
    source = write_district(tmp_path / "tiny", {**TINY, "district.yaml": text})
    with pytest.raises(DistrictDataError) as error:
        load_district(source)
    assert any(str(p).startswith(problem) for p in error.value.problems), error.value.problems


def test_no_file_is_no_problem(tiny_district):
    assert read_settings(tiny_district) == ({}, [])
    settings = load_district(tiny_district).settings
    assert settings == DistrictSettings(state_test=None, cycle_check=CycleCheck("sbac", "ELA"), windows=("baseline", "end_of_year"))  # one measure: no state test


def test_onthemove_validate_reports_the_settings_file_too(tmp_path):
    from onthemove_widgets.data.validate import validate_district

    source = write_district(tmp_path / "tiny", {**TINY, "district.yaml": "state_test: nothing_like_it\n"})
    assert [str(p) for p in validate_district(source)] == ["district.yaml, column 'state_test': no scores for measure 'nothing_like_it' in assessments.csv"]
