"""A batch over a district: failures isolated, hangs cut, reruns skip what is done,
a Dask cluster gives the same reports, and the index page is safe to open."""

import html
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import psutil  # installed with ipykernel
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from onthemove_widgets.cli import main
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.reports.batch import run_reports
from onthemove_widgets.reports.index import index_page
from onthemove_widgets.reports.names import file_stem
from onthemove_widgets.reports.shards import Shard
from onthemove_widgets.store import Store
from tiny_district import rename_first_student

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
ECHO = FIXTURES / "echo_report.ipynb"
DRAFTS = FIXTURES / "drafts_report.ipynb"
SCHOOLS = ["S0001", "S0002", "S0003"]
HOSTILE_NAME = 'Elm <script>alert("x")</script> & Sons'
MARKUP = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def district(folder):
    """Three small schools; the third's name would run a script if shown unescaped."""
    source = generate_district(folder, schools=3, students_per_school=20)
    quoted = '"' + HOSTILE_NAME.replace('"', '""') + '"'
    schools = (source / "schools.csv").read_text().replace("Mission Heights High School", quoted)
    (source / "schools.csv").write_text(schools)
    return source


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """One local batch (one worker) over the district: (district folder, reports folder, summary)."""
    folder = tmp_path_factory.mktemp("batch")
    source = district(folder / "district")
    return source, folder / "reports", run_reports(source, folder / "reports", notebook=ECHO, timeout=60)


def test_a_batch_writes_every_report_and_an_escaped_index(reports):
    _, out, summary = reports
    assert sorted(summary.results) == SCHOOLS and not summary.failed and summary.skipped == []
    assert all((out / f"{school}.html").exists() for school in SCHOOLS)
    index = (out / "index.html").read_text()
    assert all(f'<a href="{school}.html">' in index for school in SCHOOLS)
    assert "<script" not in index and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons" in index
    assert "Harbor View Elementary School" in index and "<th>students</th>" in index
    assert json.loads((out / "manifest.json").read_text())["S0003"]["summary"]["school_name"] == HOSTILE_NAME


def test_a_second_run_skips_everything_and_a_changed_school_runs_alone(reports, tmp_path):
    source, out, _ = reports
    source, out = shutil.copytree(source, tmp_path / "district"), shutil.copytree(out, tmp_path / "reports")
    again = run_reports(source, out, notebook=ECHO, timeout=60)
    assert again.results == {} and again.skipped == SCHOOLS

    rename_first_student(source, "S0002", "Zebedee")
    changed = run_reports(source, out, notebook=ECHO, timeout=60)
    assert list(changed.results) == ["S0002"] and changed.skipped == ["S0001", "S0003"]
    assert "Zebedee" in (out / "S0002.html").read_text()


def test_a_dask_cluster_produces_the_same_reports(reports, tmp_path):
    source, out, _ = reports
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        summary = run_reports(source, tmp_path / "reports", notebook=ECHO, timeout=60, scheduler=client)
    assert sorted(summary.results) == SCHOOLS and not summary.failed
    for school in SCHOOLS:
        assert (tmp_path / "reports" / f"{school}.html").read_text() == (out / f"{school}.html").read_text()


def test_one_school_failing_stops_no_other_and_the_command_exits_non_zero(tmp_path):
    source, out = district(tmp_path / "district"), tmp_path / "reports"
    result = CliRunner().invoke(main, ["reports", "--data", str(source), "--out", str(out), "--notebook", str(FIXTURES / "raises_for_S0002.ipynb"),
                                       "--engine", "papermill", "--workers", "2", "--min-n", "5"])
    assert result.exit_code == 1, result.output
    assert "2 report(s) written, 0 up to date, 1 failed" in result.output
    assert "FAILED S0002: RuntimeError: fixture failure for S0002" in result.output
    assert [p.name for p in sorted(out.glob("*.html"))] == ["S0001.html", "S0003.html", "index.html"]
    assert [p.name for p in sorted(out.glob("*.ipynb"))] == ["S0001.ipynb", "S0002.ipynb", "S0003.ipynb"]  # kept for audit
    assert "min_n=5" in (out / "S0001.html").read_text()
    index = (out / "index.html").read_text()
    assert '<a href="#failed-S0002">failed</a>' in index
    assert "RuntimeError: fixture failure for S0002\nsecond line of the message" in index


def test_a_school_that_always_hangs_fails_after_its_retry_and_the_batch_goes_on(tmp_path):
    source = district(tmp_path / "district")
    summary = run_reports(source, tmp_path / "reports", notebook=FIXTURES / "hangs_for_S0002.ipynb", timeout=4)
    assert [r.school_id for r in summary.failed] == ["S0002"]
    assert summary.results["S0002"].attempts == 2 and "timed out" in summary.results["S0002"].error
    assert summary.results["S0003"].ok and (tmp_path / "reports" / "S0003.html").exists()


def test_an_unknown_school_stops_the_command_before_any_report_is_written(tmp_path):
    source = district(tmp_path / "district")
    result = CliRunner().invoke(main, ["reports", "--data", str(source), "--out", str(tmp_path / "reports"), "--notebook", str(ECHO), "--schools", "S0001,S9999"])
    assert result.exit_code == 1
    assert "school(s) not in the district: S9999" in result.output
    assert not list((tmp_path / "reports").glob("*.html"))


def test_the_index_lists_schools_never_run_and_links_odd_ids_by_their_file_names(tmp_path):
    shards = {school: Shard(school, f"School {school}", tmp_path / school, "", 3) for school in ("S1", "a b/c")}
    manifest = {"a b/c": {"ok": True, "error": "", "summary": {"students": 3, "growth": float("nan")}}}
    page = index_page(shards, manifest)
    assert "<td>S1</td><td>School S1</td><td>not run yet</td><td>—</td><td>—</td>" in page
    assert f'<a href="{file_stem("a b/c")}.html">School a b/c</a>' in page and "<td>3</td><td>—</td>" in page  # NaN reads —


def test_every_value_on_the_index_is_escaped(tmp_path):
    shards = {school: Shard(school, MARKUP, tmp_path / school, "", 3) for school in (MARKUP, "S2", "S3")}
    manifest = {MARKUP: {"ok": True, "summary": {MARKUP: MARKUP}},
                "S2": {"ok": False, "error": f"ValueError: {MARKUP}"},
                "S3": {"ok": False, "not_written": f"School {MARKUP} (S3) has no students in students.csv; no report was written."}}
    page = index_page(shards, manifest)
    assert "<img" not in page
    assert page.count(ESCAPED) == 9  # one id, three names and the failed school's name again, the summary column and value, the error, the note
    assert f"<th>{ESCAPED}</th>" in page and f"<pre>ValueError: {ESCAPED}</pre>" in page


def rename_school(source, old, new, name=None):
    """Give school `old` the id `new` (and a `name`) in schools.csv and students.csv."""
    schools = (source / "schools.csv").read_text().splitlines()
    schools = [f"{new},{name or line.split(',')[1]},{','.join(line.split(',')[2:])}" if line.startswith(f"{old},") else line for line in schools]
    (source / "schools.csv").write_text("\n".join(schools) + "\n")
    (source / "students.csv").write_text((source / "students.csv").read_text().replace(f",{old},", f",{new},"))


def linked_reports(index):
    """The report files the index page links to."""
    return [unquote(href) for href in re.findall(r'<a href="([^"#]+)">', index)]


def test_report_file_names_never_collide_with_the_index_or_each_other(tmp_path):
    source, out = district(tmp_path / "district"), tmp_path / "reports"
    rename_school(source, "S0001", "index")
    rename_school(source, "S0003", "s0002")  # beside S0002: one file on a case-insensitive file system, unless named apart
    (source / "district.yaml").unlink()  # it names the profile schools by their old ids
    summary = run_reports(source, out, notebook=ECHO, timeout=60)
    assert sorted(summary.results) == ["S0002", "index", "s0002"] and not summary.failed
    names = sorted(p.name for p in out.glob("*.html"))
    assert len({n.casefold() for n in names}) == 4 and names == sorted(["index.html", "S0002.html", f"{file_stem('index')}.html", f"{file_stem('s0002')}.html"])
    index = (out / "index.html").read_text()
    assert index.startswith("<!DOCTYPE html>") and "<h1>School reports</h1>" in index
    for school_id, file in zip(["index", "S0002", "s0002"], linked_reports(index)):
        assert f"parameters: school_id={school_id} " in (out / file).read_text()


@pytest.mark.parametrize("args, message", [
    (["--after", "spring"], "the district has no window 'spring'; its windows are baseline, cycle_1"),
    (["--before", "cycle_4", "--after", "cycle_2"], "(cycle_4) must come before the one it is measured to (cycle_2)"),
])
def test_windows_are_checked_before_any_report_runs(tmp_path, args, message):
    source = district(tmp_path / "district")
    result = CliRunner().invoke(main, ["reports", "--data", str(source), "--out", str(tmp_path / "reports"), "--notebook", str(ECHO), *args])
    assert result.exit_code == 1 and message in result.output
    assert list((tmp_path / "reports").glob("*.html")) == []  # checked against the district's own windows, once it is read


def test_a_mid_year_batch_passes_its_windows_to_every_report(tmp_path):
    source = district(tmp_path / "district")
    result = CliRunner().invoke(main, ["reports", "--data", str(source), "--out", str(tmp_path / "reports"), "--notebook", str(ECHO),
                                       "--schools", "S0001", "--after", "cycle_4", "--cycles", "8"])
    assert result.exit_code == 0, result.output
    assert "school_id=S0001 before=baseline after=cycle_4" in (tmp_path / "reports" / "S0001.html").read_text()


def test_workers_stop_when_the_batch_is_killed(tmp_path):
    source, out = district(tmp_path / "district"), tmp_path / "reports"
    batch = subprocess.Popen([sys.executable, "-m", "onthemove_widgets.cli", "reports", "--data", str(source), "--out", str(out),
                              "--notebook", str(FIXTURES / "slow_report.ipynb")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out / "S0001.html").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert (out / "S0001.html").exists(), "the first report never came"
    workers = psutil.Process(batch.pid).children(recursive=True)  # the worker and its kernel
    batch.kill()
    batch.wait()
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == [] and len(gone) >= 2
    assert not (out / "S0003.html").exists()  # the worker stopped instead of running on


def test_a_school_without_students_gets_a_note_not_a_failure(tmp_path):
    source, out = district(tmp_path / "district"), tmp_path / "reports"
    rename_school(source, "S0001", MARKUP, name=MARKUP)
    with (source / "schools.csv").open("a") as schools:
        schools.write(f"S0009,{MARKUP} Annex,elementary,K-5\n")
    result = CliRunner().invoke(main, ["reports", "--data", str(source), "--out", str(out), "--notebook", str(ECHO)])
    note = f"School {MARKUP} Annex (S0009) has no students in students.csv; no report was written."
    assert result.exit_code == 0, result.output
    assert "3 report(s) written, 0 up to date, 0 failed, 1 without students" in result.output
    assert f"NO REPORT: {note}" in result.output and ".work" not in result.output
    index = (out / "index.html").read_text()
    assert "<img" not in index and f'<li id="no-report-S0009">{html.escape(note)}</li>' in index
    assert '<a href="#no-report-S0009">no report</a>' in index and "failed</a>" not in index and ".work" not in index
    assert "4 schools: 3 reports, 0 failed, 1 without a report." in index
    assert not (out / "S0009.html").exists()
    assert f"parameters: school_id={MARKUP} " not in (out / linked_reports(index)[0]).read_text()  # escaped in the report too
    assert f"parameters: school_id={ESCAPED} " in (out / linked_reports(index)[0]).read_text()


def test_a_new_draft_rebuilds_only_its_schools_report(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))  # the batch and its kernels open this one
    source, out = district(tmp_path / "district"), tmp_path / "reports"
    first = run_reports(source, out, notebook=DRAFTS, timeout=60)
    assert sorted(first.results) == SCHOOLS and not first.failed
    assert "S0002 theory_of_action: none" in (out / "S0002.html").read_text()

    Store().save("theory_of_action", "S0002", "Another team", "main", {"if": "we"})  # a draft no report shows
    assert run_reports(source, out, notebook=DRAFTS, timeout=60).skipped == SCHOOLS
    Store().save("theory_of_action", "S0002", "School leadership team", "main", {"if": "we"})
    second = run_reports(source, out, notebook=DRAFTS, timeout=60)
    assert list(second.results) == ["S0002"] and second.skipped == ["S0001", "S0003"]
    assert "S0002 theory_of_action: revision 1" in (out / "S0002.html").read_text()
    Store().save("implementation_plan", "S0003", "School leadership team", "main", {"goal": "read"})
    assert list(run_reports(source, out, notebook=DRAFTS, timeout=60).results) == ["S0003"]
    assert "S0003 implementation_plan: revision 1" in (out / "S0003.html").read_text()


def test_the_index_links_each_report_by_its_school_name_and_adds_a_district_row(tmp_path):
    shards = {school: Shard(school, f"School {school}", tmp_path / school, "", 3) for school in ("S1", "S2", "S3")}
    totals = lambda students, tested, at, n, d: {"students": students, "tested": tested, "at_or_above": at, "growth_n": n, "growth_d": d}  # noqa: E731
    manifest = {
        "S1": {"ok": True, "summary": {"students": 100, "ELA at or above": "40%", "growth effect size": "0.50", "_totals": totals(100, {"ELA": 90}, {"ELA": 36}, 80, 0.5)}},
        "S2": {"ok": True, "summary": {"students": 300, "ELA at or above": "60%", "growth effect size": "0.25", "_totals": totals(300, {"ELA": 210}, {"ELA": 126}, 240, 0.25)}},
        "S3": {"ok": True, "summary": {"students": 8, "ELA at or above": "—", "growth effect size": "—", "_totals": totals(8, {}, {}, 7, None)}},
    }
    page = index_page(shards, manifest)
    assert '<a href="S1.html">School S1</a>' in page and ">report</a>" not in page
    # 408 students; (36 + 126) / (90 + 210) = 54%; (80·0.5 + 240·0.25) / 320 = 0.3125 (S3's hidden result left out)
    assert '<th scope="row">District (3 schools)</th><td></td><td>408</td><td>54%</td><td>0.31</td>' in page
    assert "_totals" not in page and "How was this calculated?" in page and "Cohen, 1988" in page
