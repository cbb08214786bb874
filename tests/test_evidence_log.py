"""Evidence tagged by success indicator: coverage, the EvidenceLog widget, escaping, the chart."""

from datetime import date

from onthemove_widgets import charts
from onthemove_widgets.analysis.evidence_log import coverage, coverage_summary, entries_frame, without_evidence
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.evidence_log import KIND, EvidenceLog, coverage_html

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def entry(day, kind, *indicators, note="", cycle="Cycle 1"):
    return {"date": f"2026-10-{day:02d}", "cycle": cycle, "kind": kind, "note": note, "indicators": list(indicators)}


ENTRIES = [
    entry(14, "learning_rounds", "structured_collaboration", note="Roles held in 5 of 6 groups"),
    entry(2, "student_work", "evidence_based_writing", "evidence_based_arguments", note="Claims, little evidence"),
    entry(9, "student_work", "evidence_based_writing", note="More quotations"),
    entry(20, "data_point", "evidence_based_writing", note="Rubric mean 2.4"),
]


def by_key(table):
    return table.set_index("indicator")


def test_coverage_counts_entries_last_dates_and_kinds_per_indicator():
    table = by_key(coverage(entries_frame(ENTRIES)))
    writing = table.loc["evidence_based_writing"]
    assert writing["entries"] == 3 and writing["last_date"] == date(2026, 10, 20)
    assert writing["kinds"] == ["Student work", "Data point"] and writing["last_note"] == "Rubric mean 2.4"
    assert table.loc["evidence_based_arguments", "entries"] == 1 and table.loc["evidence_based_arguments", "last_date"] == date(2026, 10, 2)
    assert table.loc["structured_collaboration", "kinds"] == ["Learning rounds observation"]
    assert table.loc["higher_order_thinking", "entries"] == 0 and table.loc["higher_order_thinking", "last_date"] is None


def test_coverage_keeps_the_framework_order_and_names_the_indicators_with_none():
    table = coverage(entries_frame(ENTRIES))
    assert list(table["indicator"])[:2] == ["higher_order_thinking", "close_analytic_reading"] and len(table) == 6
    assert without_evidence(table) == ["Higher-Order Thinking Skills", "Close and Analytic Reading", "Precise Use of Rigorous Academic Language"]
    assert coverage_summary(table) == "No evidence yet for: Higher-Order Thinking Skills, Close and Analytic Reading, Precise Use of Rigorous Academic Language."


def test_no_entries_means_no_evidence_for_all_six_and_full_coverage_says_so():
    assert len(without_evidence(coverage(entries_frame([])))) == 6
    keys = ["higher_order_thinking", "close_analytic_reading", "academic_language", "structured_collaboration", "evidence_based_arguments", "evidence_based_writing"]
    full = coverage(entries_frame([entry(1, "other", *keys)]))
    assert without_evidence(full) == [] and coverage_summary(full) == "Every success indicator has evidence (6 tags in all)."


def test_chart_counts_entries_per_indicator_with_a_title():
    spec = charts.evidence_per_indicator(coverage(entries_frame(ENTRIES)), "Evidence per indicator").to_dict()
    assert spec["title"] == "Evidence per indicator"
    values = {row["name"]: row["entries"] for row in next(iter(spec["datasets"].values()))}
    assert values["Evidence-Based Writing"] == 3 and values["Higher-Order Thinking Skills"] == 0


def log(tmp_path, team="Grade 7 team"):
    return EvidenceLog(Store(tmp_path / "drafts.db"), "S0001", team)


def test_adding_evidence_saves_an_entry_and_the_coverage_shows_it(tmp_path):
    widget = log(tmp_path)
    assert "Close and Analytic Reading" in widget.summary.value
    widget.date.value, widget.cycle.value, widget.kind.value = date(2026, 10, 7), "Cycle 2", "learning_rounds"
    widget.note.value, widget.indicators.value = "Annotated the text", ("close_analytic_reading",)
    saved = widget.add()
    assert saved.kind == KIND and saved.body == {"date": "2026-10-07", "cycle": "Cycle 2", "kind": "learning_rounds", "note": "Annotated the text", "indicators": ["close_analytic_reading"]}
    assert "Close and Analytic Reading" not in widget.summary.value and "Higher-Order Thinking Skills" in widget.summary.value
    assert "<td>Close and Analytic Reading</td><td>1</td><td>2026-10-07</td><td>Learning rounds observation</td><td>Annotated the text</td>" in widget.table.value
    widget.indicators.value = ("close_analytic_reading",)
    second = widget.add()
    assert second.key != saved.key and widget.coverage_table.set_index("indicator").at["close_analytic_reading", "entries"] == 2
    assert log(tmp_path).coverage_table["entries"].sum() == 2  # reopened from the store
    assert log(tmp_path, team="Grade 8 team").coverage_table["entries"].sum() == 0  # teams never share entries


def test_an_entry_needs_at_least_one_indicator(tmp_path):
    widget = log(tmp_path)
    widget.note.value = "Something"
    assert widget.add() is None and "at least one indicator" in widget.status.value
    assert widget.coverage_table["entries"].sum() == 0 and widget.note.value == "Something"


def test_markup_in_notes_and_cycles_is_escaped_in_the_coverage_html(tmp_path):
    widget = log(tmp_path)
    widget.note.value, widget.indicators.value = HOSTILE, ("academic_language",)
    widget.add()
    assert "<script" not in widget.table.value and "<img" not in widget.table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in widget.table.value
    assert "font-size:16px" in widget.table.value


def test_coverage_html_highlights_indicators_without_evidence():
    page = coverage_html(coverage(entries_frame(ENTRIES)))
    assert page.count("<tr class='none'>") == 3 and page.count("<tr>") == 4  # header + three with evidence
