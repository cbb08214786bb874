"""The team's overrides: both bands kept, a reason required, the latest decision wins."""

import pandas as pd
import pytest

from onthemove_widgets.analysis.bands import BAND_TYPE
from onthemove_widgets.analysis.overrides import apply_overrides

WALL = pd.DataFrame(
    {
        "student_id": ["0001", "0002", "0003"],
        "score": [2300.0, 2400.0, float("nan")],
        "band": pd.Categorical(["below", "near", None], dtype=BAND_TYPE),
    }
)


def overrides(*rows, **extra):
    return pd.DataFrame(rows, columns=["student_id", "band", "reason"]).assign(**extra)


def listed(values):
    return [None if pd.isna(v) else v for v in values]


def test_override_keeps_what_the_data_says():
    before = WALL.copy()
    result = apply_overrides(WALL, overrides(("0002", "at", "Ill on test day; class work is at standard"), ("0003", "near", "New arrival: running record")))
    assert listed(result["computed_band"]) == ["below", "near", None]
    assert listed(result["band"]) == ["below", "at", "near"]
    assert list(result["overridden"]) == [False, True, True]
    assert list(result["override_reason"]) == ["", "Ill on test day; class work is at standard", "New arrival: running record"]
    assert result["band"].dtype == BAND_TYPE
    pd.testing.assert_frame_equal(result[["student_id", "score"]], WALL[["student_id", "score"]])
    pd.testing.assert_frame_equal(WALL, before)


def test_no_overrides_changes_nothing():
    result = apply_overrides(WALL, overrides())
    assert listed(result["band"]) == listed(WALL["band"]) and not result["overridden"].any()


def test_latest_by_saved_at_wins():
    rows = overrides(("0001", "at", "second look"), ("0001", "near", "first look"), saved_at=pd.to_datetime(["2025-09-20", "2025-09-12"]))
    assert apply_overrides(WALL, rows)["override_reason"][0] == "second look"


def test_without_saved_at_the_last_row_wins():
    rows = overrides(("0001", "at", "first look"), ("0001", "near", "second look"))
    result = apply_overrides(WALL, rows)
    assert result["band"][0] == "near" and result["override_reason"][0] == "second look"


@pytest.mark.parametrize(
    "row, message",
    [
        (("0001", "proficient", "why"), "student 0001: unknown band 'proficient'; use one of: below, near, at, above"),
        (("0001", "at", "  "), "student 0001 has no reason"),
        (("0001", "at", None), "student 0001 has no reason"),
        (("9999", "at", "moved in"), "student 9999: not on this wall"),
    ],
)
def test_refused(row, message):
    with pytest.raises(ValueError, match=message):
        apply_overrides(WALL, overrides(row))


def test_an_old_bad_row_is_refused_too():
    with pytest.raises(ValueError, match="unknown band 'top'"):
        apply_overrides(WALL, overrides(("0001", "top", "typo"), ("0001", "at", "fixed")))
