"""The wall's order: period, band from below to above, score from lowest, then name and id."""

import numpy as np
import pandas as pd

from onthemove_widgets.analysis.sorting import sort_students

WALL = pd.DataFrame(
    {
        "student_id": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
        "last_name": ["Zhou", "Diaz", "Abbas", "Cho", "Banks", "Diaz", "Evans", "Ford", "Gray"],
        "class_period": [2, 1, 1, 1, 1, 1, 1, 2, 1],
        # plain text on purpose: alphabetical order (above, at, below, near) would be wrong
        "band": ["below", "at", "below", "below", "near", "below", "above", None, "near"],
        "score": [2300, 2450, 2350, 2300, 2400, 2350, 2500, np.nan, 2380],
        "english_learner": [False, False, False, True, True, False, False, False, False],
    },
    index=[90, 80, 70, 60, 50, 40, 30, 20, 10],
)


def test_period_then_band_then_score_then_name_and_id():
    wall = sort_students(WALL)
    # period 1: below d 2300; c Abbas and f Diaz tie at 2350 → by last name; near i 2380, e 2400; at b; above g
    # period 2: a (below), then h with no band last
    assert list(wall["student_id"]) == ["d", "c", "f", "i", "e", "b", "g", "a", "h"]
    assert list(wall.index) == list(range(9))


def test_same_name_and_score_fall_back_to_id():
    twins = pd.concat([WALL.iloc[[5]].assign(student_id="z"), WALL.iloc[[5]]])
    assert list(sort_students(twins)["student_id"]) == ["f", "z"]


def test_subgroup_groups_each_band_before_score():
    wall = sort_students(WALL, subgroup="english_learner")
    # period 1 below: English learner d first; near: English learner e (2400) before i (2380)
    assert list(wall["student_id"]) == ["d", "c", "f", "e", "i", "b", "g", "a", "h"]


def test_text_subgroup_by_value_and_input_untouched():
    frame = WALL.assign(gender=["F", "M", "M", "F", "M", "F", "F", "F", "F"])
    before = frame.copy()
    wall = sort_students(frame, subgroup="gender")
    assert list(wall["student_id"]) == ["d", "f", "c", "i", "e", "b", "g", "a", "h"]
    pd.testing.assert_frame_equal(frame, before)


def test_same_wall_whatever_the_input_order():
    shuffled = WALL.sample(frac=1, random_state=7)
    pd.testing.assert_frame_equal(sort_students(shuffled), sort_students(WALL))
