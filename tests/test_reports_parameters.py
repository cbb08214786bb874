"""Parameters are checked before any kernel starts, and injected only as literals."""

import ast
from pathlib import Path

import pytest

from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.reports.parameters import (
    ParameterError,
    declared_parameters,
    inject_parameters,
    read_report_notebook,
    validate_parameters,
)
from onthemove_widgets.reports.shards import split_district

NOTEBOOK = Path(__file__).parent / "fixtures" / "reports" / "echo_report.ipynb"
CRAFTED = (
    "x'); import os; os.system('touch /tmp/pwned'); ('",
    'x"); import os; os.system("touch /tmp/pwned"); ("',
    'x\\"); import os; #',
    "x\n__import__('os').system('touch /tmp/pwned')",
    "x\\\nimport os",
    '"""; import os; """',
    "é\x00\u2028\ud800",
)


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    return split_district(generate_district(folder / "district", schools=2, students_per_school=20), folder / "shards")


def valid(shards, **changes):
    return {"data_dir": str(shards["S0001"].path), "school_id": "S0001", "min_n": 11, "show_names": False, **changes}


def test_declared_parameters_are_read_from_a_notebook_saved_without_tags_keys():
    nb = read_report_notebook(NOTEBOOK)
    assert all("tags" in cell.metadata for cell in nb.cells)
    assert declared_parameters(nb) == {"data_dir": None, "school_id": "S0001", "before": "baseline", "after": "end_of_year", "cycles": 10, "min_n": 11, "show_names": False}


def test_valid_parameters_come_back_with_the_path_resolved(shards):
    checked = validate_parameters(NOTEBOOK, valid(shards, data_dir=str(shards["S0001"].path / ".." / "S0001")), shards["S0001"].path.parent)
    assert checked == valid(shards)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"school": "S0001"}, "unknown parameter"),
        ({"min_n": "11"}, "min_n must be a whole number"),
        ({"min_n": True}, "min_n must be a whole number"),
        ({"show_names": 1}, "show_names must be True or False"),
        ({"before": None}, "before must be text"),
        ({"data_dir": 3}, "data_dir must be text or None"),
        ({"school_id": "S0002"}, "school 'S0002' is not in"),
        ({"school_id": CRAFTED[0]}, "is not in"),
    ],
)
def test_bad_parameters_are_rejected(shards, changes, message):
    with pytest.raises(ParameterError, match=message):
        validate_parameters(NOTEBOOK, valid(shards, **changes), shards["S0001"].path.parent)


def test_paths_outside_the_data_folder_are_rejected(shards, tmp_path):
    root = shards["S0001"].path.parent
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    for path in (str(root / ".." / "district"), "/etc", str(root / "link")):
        with pytest.raises(ParameterError, match="outside the data folder"):
            validate_parameters(NOTEBOOK, valid(shards, data_dir=path), root)


@pytest.mark.parametrize("crafted", CRAFTED)
def test_a_crafted_value_is_injected_as_a_literal_assignment(crafted):
    nb = inject_parameters(read_report_notebook(NOTEBOOK), {"school_id": crafted, "data_dir": crafted, "min_n": 3, "show_names": True}, "python3")
    cell = next(cell for cell in nb.cells if "injected-parameters" in cell.metadata.tags)
    statements = ast.parse(cell.source).body
    assert all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Constant) for s in statements)
    assert {s.targets[0].id: s.value.value for s in statements} == {"school_id": crafted, "data_dir": crafted, "min_n": 3, "show_names": True}
