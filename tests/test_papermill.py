"""The app notebooks run unchanged under Papermill with injected parameters."""

import json

import papermill as pm
import pytest

from onthemove_widgets.paths import NOTEBOOKS_DIR


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
    pm.execute_notebook(NOTEBOOKS_DIR / path, out, parameters=parameters, cwd=(NOTEBOOKS_DIR / path).parent, execution_timeout=300, progress_bar=False)
    assert expected in outputs_text(out)


def test_an_unknown_school_fails_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))
    with pytest.raises(pm.PapermillExecutionError, match="There is no school with the id 'S9999'"):
        pm.execute_notebook(NOTEBOOKS_DIR / "protocols/determining_student_learning_needs.ipynb", tmp_path / "out.ipynb", parameters={"school_id": "S9999"}, execution_timeout=300, progress_bar=False)
