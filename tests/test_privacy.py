"""Labels for a projected wall: names, initials or ids."""

import pandas as pd
import pytest

from onthemove_widgets.analysis.privacy import student_labels

STUDENTS = pd.DataFrame(
    {
        "student_id": ["0001", "0042", "0100"],
        "first_name": ["Ana", "Héctor", "E\u0301lodie"],  # the last É is written as E + combining accent
        "last_name": ["Reyes", "Álvarez", "O'Brien"],
    },
    index=[5, 6, 7],
)


def test_names():
    assert list(student_labels(STUDENTS, "names")) == ["Ana Reyes", "Héctor Álvarez", "E\u0301lodie O'Brien"]


def test_initials_keep_accents_whole():
    labels = student_labels(STUDENTS, "initials")
    assert list(labels) == ["A.R.", "H.Á.", "\u00c9.O."]
    assert list(labels.index) == [5, 6, 7]


def test_ids_keep_leading_zeros():
    assert list(student_labels(STUDENTS, "ids")) == ["0001", "0042", "0100"]


def test_unknown_mode():
    with pytest.raises(ValueError, match="unknown label mode 'nicknames'; choose one of: names, initials, ids"):
        student_labels(STUDENTS, "nicknames")


def test_repeated_initials_are_told_apart_by_the_ids_last_digits():
    twins = pd.DataFrame({"first_name": ["Sam", "Sara", "Sol", "Ana"], "last_name": ["Gil", "Gómez", "Gray", "Reyes"], "student_id": ["S1007", "S2107", "S1011", "S1012"]})
    assert list(student_labels(twins, "initials")) == ["S.G. ·007", "S.G. ·107", "S.G. ·011", "A.R."]
