"""The engines: a warm kernel carries nothing from one school to the next, hangs are cut
short and retried, papermill keeps the executed notebook, and reports load nothing."""

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from onthemove_widgets.data import load_district
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.reports.engines import SUMMARY_MIME, PapermillEngine, WarmEngine, notebook_imports
from onthemove_widgets.reports.shards import split_district

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    return split_district(generate_district(folder / "district", schools=3, students_per_school=20), folder / "shards")


def params(shards, school_id):
    return {"data_dir": str(shards[school_id].path), "school_id": school_id}


def students(shard):
    table = load_district(shard).students
    return set(table["student_id"]), {f"{a} {b}" for a, b in zip(table["first_name"], table["last_name"])}


def external_references(html):
    """Every src/href to http(s), except plain links (<a href>) in text."""
    tags = re.findall(r"<(\w+)[^>]*\b(?:src|href)\s*=\s*[\"']?https?:", html)
    return [tag for tag in tags if tag.lower() != "a"] + re.findall(r"import\(\s*[\"']https?:", html)


def test_warm_engine_carries_nothing_from_one_school_to_the_next(shards, tmp_path):
    with WarmEngine(FIXTURES / "echo_report.ipynb", timeout=60) as engine:
        first = engine.run(params(shards, "S0001"), tmp_path / "S0001.html")
        second = engine.run(params(shards, "S0002"), tmp_path / "S0002.html")
        assert engine.kernels_started == 1
    assert first.ok and second.ok, (first.error, second.error)
    assert second.summary == {"school_id": "S0002", "school_name": "Harbor View Elementary School", "students": 20}

    html = (tmp_path / "S0002.html").read_text()
    ids_a, names_a = students(shards["S0001"])
    ids_b, names_b = students(shards["S0002"])
    # The report's last cell lists the kernel's variables and every student in any live table.
    kernel_state = re.search(r"globals:.*?live names:[^<]*", html, re.S).group(0)
    assert all(i in kernel_state for i in ids_b) and all(n in kernel_state for n in names_b)
    assert not [i for i in ids_a if i in html]
    assert not [n for n in names_a - names_b if n in html]
    assert "ids_S0002" in kernel_state and "ids_S0001" not in kernel_state


def test_reports_show_no_code_and_load_nothing_from_the_internet(shards, tmp_path):
    with WarmEngine(FIXTURES / "echo_report.ipynb", timeout=60) as engine:
        assert engine.run(params(shards, "S0003"), tmp_path / "S0003.html").ok
    html = (tmp_path / "S0003.html").read_text()
    assert "students:" in html and "load_district(" not in html  # outputs, not code
    assert SUMMARY_MIME not in html
    assert external_references(html) == []
    assert external_references('<script src="https://cdn.example/x.js"></script><a href="https://ok.example">x</a>') == ["script"]
    assert "@page { size: letter;" in html and "@media print" in html  # prints on US letter paper


def test_warm_engine_restarts_its_kernel_every_n_schools(shards, tmp_path):
    with WarmEngine(FIXTURES / "echo_report.ipynb", timeout=60, restart_every=2) as engine:
        results = [engine.run(params(shards, s), tmp_path / f"{s}.html") for s in ("S0001", "S0002", "S0003")]
        assert engine.kernels_started == 2
    assert all(r.ok and r.attempts == 1 for r in results)


def test_a_hang_is_cut_at_the_timeout_and_retried_on_a_fresh_kernel(shards, tmp_path, monkeypatch):
    monkeypatch.setenv("FIXTURE_HANG_ONCE_MARKER", str(tmp_path / "hung-once"))
    with WarmEngine(FIXTURES / "hangs_for_S0002.ipynb", timeout=4) as engine:
        result = engine.run(params(shards, "S0002"), tmp_path / "S0002.html")
        assert engine.kernels_started == 2
    assert result.ok and result.attempts == 2
    assert (tmp_path / "hung-once").exists()
    assert result.summary["school_id"] == "S0002"


def test_papermill_engine_keeps_the_executed_notebook_beside_the_report(shards, tmp_path):
    with PapermillEngine(FIXTURES / "echo_report.ipynb", timeout=60) as engine:
        result = engine.run(params(shards, "S0001"), tmp_path / "S0001.html")
    assert result.ok and result.summary["school_id"] == "S0001"
    executed = nbformat.read(tmp_path / "S0001.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters["school_id"] == "S0001"
    assert any(SUMMARY_MIME in output.get("data", {}) for cell in executed.cells for output in cell.get("outputs", []))
    assert external_references((tmp_path / "S0001.html").read_text()) == []


def test_warm_engine_works_where_an_event_loop_is_already_running(shards, tmp_path):
    # Found in CI: after the browser tests, Playwright's loop ran in the main thread and
    # every warm run failed with "Cannot run the event loop while another loop is running".
    async def inside_a_loop():
        with WarmEngine(FIXTURES / "echo_report.ipynb", timeout=60) as engine:
            return engine.run(params(shards, "S0003"), tmp_path / "S0003.html")

    with ThreadPoolExecutor(1) as pool:  # a thread of its own, whatever loop this one runs
        result = pool.submit(asyncio.run, inside_a_loop()).result()
    assert result.ok, result.error
    assert "students:" in (tmp_path / "S0003.html").read_text()


def test_the_warm_up_runs_the_notebooks_imports_and_its_own_warm_up_then_clears_the_namespace(shards, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import gc\nfrom pathlib import Path as P  # comment\nx = 1\ndef f():\n    import json"),
        nbformat.v4.new_code_cell("%time import os\nimport gc"),  # IPython syntax: skipped
    ])
    assert notebook_imports(nb) == "import gc\nfrom pathlib import Path as P\n"
    with WarmEngine(FIXTURES / "echo_report.ipynb", timeout=60) as engine:
        engine.start()
        seen = []
        code = "import sys\nprint('onthemove_widgets.data' in sys.modules and 'wave' in sys.modules, *sorted(k for k in globals() if not k.startswith('_')))"
        engine._run(engine._kc.execute_interactive(code, output_hook=lambda msg: seen.append(msg["content"].get("text", ""))))
        result = engine.run(params(shards, "S0003"), tmp_path / "S0003.html")
        assert engine.kernels_started == 1  # the first school ran on the warmed kernel
    loaded, *names = "".join(seen).split()
    assert loaded == "True" and not {"pd", "gc", "display", "load_district", "wave"} & set(names)  # imports and warm-up ran, names cleared
    assert {"In", "get_ipython", "sys"} <= set(names)
    assert result.ok and "ids_S0003" in (tmp_path / "S0003.html").read_text()


def test_the_report_exporter_writes_the_page_nbconverts_exporter_writes():
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from onthemove_widgets.reports.engines import offline_exporter

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="printed <text>\n"),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": svg}, metadata={"image/svg+xml": {"alt": 'Chart: "Oak" <Hill>'}}),
        nbformat.v4.new_output("display_data", data={"text/html": "<table><tr><td>1</td></tr></table>"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "*note*"}),
    ])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Report"), cell])
    ours, _ = offline_exporter().from_notebook_node(nb)
    stock, _ = offline_exporter(HTMLExporter).from_notebook_node(nb)
    assert str(BeautifulSoup(ours, features="html.parser")) == stock
    assert ours.count('tabindex="0"') == 5 and 'alt="Chart: &quot;Oak&quot; &lt;Hill&gt;"' in ours
