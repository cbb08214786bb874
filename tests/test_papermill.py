"""The app notebooks run unchanged under Papermill with injected parameters."""

import json
import subprocess
import sys

import pytest

from onthemove_widgets.paths import NOTEBOOKS_DIR


NOTEBOOK_SECONDS = 240  # a whole notebook here takes well under a minute
RUN = """
import json, sys
import papermill as pm
path, out, parameters = json.loads(sys.argv[1])
pm.execute_notebook(path, out, parameters=parameters, cwd=str(__import__("pathlib").Path(path).parent), execution_timeout=120, progress_bar=False)
"""


class NotebookFailed(Exception):
    """A notebook run stopped on an error in a cell; the message is Papermill's."""


def execute(path, out, parameters):
    """Run a notebook under Papermill in a process of its own, once more if it hangs.

    On this stack the client now and then waits forever for a reply the kernel has
    already sent (STACK_NOTES: kernel hangs; nbclient's own timeout never fires then),
    so a run is given a wall-clock limit, killed past it and retried once, as the report
    engines do. An error in a cell is never retried; a notebook that really hangs fails.
    """
    for attempt in (1, 2):
        try:
            done = subprocess.run([sys.executable, "-c", RUN, json.dumps([str(path), str(out), parameters])],
                                  capture_output=True, text=True, timeout=NOTEBOOK_SECONDS)
        except subprocess.TimeoutExpired:
            if attempt == 2:
                raise
            continue
        if done.returncode != 0:
            raise NotebookFailed(done.stderr[-5000:])
        return out


def outputs_text(notebook):
    texts = []
    for cell in json.loads(notebook.read_text())["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind in ("text/markdown", "text/html", "text/plain", "image/svg+xml"):
                texts.append("".join(data.get(kind, "")))
            texts.append("".join(output.get("text", "")))
    return "\n".join(texts)


@pytest.mark.parametrize(
    ("path", "parameters", "expected"),
    [
        ("00_start_here.ipynb", {"window": "baseline", "subject": "Math"}, "Math SBAC, baseline: students in each band"),
        ("protocols/determining_student_learning_needs.ipynb", {"school_id": "S0004", "grade": 7, "team": "Grade 7 ELA"}, "<strong>Cedar Ridge Middle School</strong>, grade 7 · Grade 7 ELA"),
        ("drivers/01_clarity_of_focus.ipynb", {"school_id": "S0005", "group": "socioeconomically_disadvantaged"}, "Sycamore Elementary School: ELA cycle check, baseline, by socioeconomically disadvantaged"),
        ("protocols/school_implementation_plan.ipynb", {"school_id": "S0002", "team": "SLT"}, "<strong>Harbor View Elementary School</strong> · SLT"),
    ],
)
def test_runs_with_parameters(tmp_path, monkeypatch, path, parameters, expected):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))
    out = tmp_path / "out.ipynb"
    execute(NOTEBOOKS_DIR / path, out, parameters)
    assert expected in outputs_text(out)


def test_an_unknown_school_fails_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))
    with pytest.raises(NotebookFailed, match="There is no school with the id 'S9999'"):
        execute(NOTEBOOKS_DIR / "protocols/determining_student_learning_needs.ipynb", tmp_path / "out.ipynb", {"school_id": "S9999"})
