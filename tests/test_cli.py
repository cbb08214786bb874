"""The `onthemove` command as a coach or analyst uses it."""

import shutil
import socket
import time

import pytest
from click.testing import CliRunner

from onthemove_widgets.cli import main
from onthemove_widgets.paths import DEMO_DIR
from serving import start_serve


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_help_lists_the_subcommands():
    result = run("--help")
    assert result.exit_code == 0
    assert all(name in result.output for name in ("demo-data", "validate", "serve"))


def test_demo_data_is_byte_identical_for_one_seed(tmp_path):
    for folder in ("a", "b"):
        assert run("demo-data", "--out", tmp_path / folder, "--schools", 6, "--students-per-school", 40, "--seed", 11).exit_code == 0
    for name in ("schools.csv", "students.csv", "assessments.csv", "cut_scores.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_bundled_demo_district_validates():
    result = run("validate", DEMO_DIR)
    assert result.exit_code == 0
    assert result.output.strip().endswith("no problems found.")


def test_corrupted_copy_gives_one_message_per_problem(tmp_path):
    folder = tmp_path / "corrupt"
    shutil.copytree(DEMO_DIR, folder)
    students = [line.split(",") for line in (folder / "students.csv").read_text(encoding="utf-8").splitlines()]
    gender = students[0].index("gender")
    students = [cells[:gender] + cells[gender + 1 :] for cells in students]  # the gender column is gone
    duplicate = list(students[1])
    duplicate[2] = "José"  # same id as row 2, an accented name
    students.append(duplicate)
    text = "\n".join(",".join(cells) for cells in students) + "\n"
    (folder / "students.csv").write_text(text, encoding="cp1252")  # as Excel on Windows saves it
    assessments = (folder / "assessments.csv").read_text().splitlines()
    cells = assessments[1].split(",")
    cells[-1] = "99999"
    assessments[1] = ",".join(cells)
    (folder / "assessments.csv").write_text("\n".join(assessments) + "\n")

    grade = next(row[4] for row in students if row[0] == cells[0])

    result = run("validate", folder)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line and "problem(s)" not in line]
    assert lines == [
        f"assessments.csv, row 2, column 'score': 99999 is outside the range of '{cells[2]}' {cells[1]} grade {grade} (0–100)",
        "students.csv, column 'gender': required column is missing",
        f"students.csv, row {len(students)}, column 'student_id': '{students[1][0]}' is used twice (first on row 2)",
    ]


def test_stopping_serve_stops_voila(tmp_path):
    server, port = start_serve(tmp_path / "d.db")
    server.terminate()
    server.wait(timeout=30)
    time.sleep(1)
    with pytest.raises(OSError):  # nothing listens any more: no Voilà left running
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
