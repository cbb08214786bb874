"""`EvidenceLog`: log what the team saw, tagged by success indicator, and see what is missing.

Each entry is its own draft in the store (kind `indicator_evidence`, a new key per
entry), so two people adding at the same time never conflict and nothing is lost. The
coverage table and chart are recomputed from the store after every add. Notes are typed
by people: every text is escaped before it goes into HTML.
"""

import uuid
from datetime import date
from html import escape

import ipywidgets as widgets

from .. import charts
from ..analysis.evidence_log import KINDS, coverage, coverage_summary, entries_frame
from ..framework import load_framework
from .chart_view import ChartView
from .guards import guard
from .saving import WARN

KIND = "indicator_evidence"
CHART_TITLE = "Evidence entries per success indicator"
LABELS = {"layout": widgets.Layout(width="95%"), "style": {"description_width": "210px"}}  # the longest label at 16 px
TABLE_STYLE = """<style>
.otm-evidence{border-collapse:collapse;font-size:16px;line-height:1.4}
.otm-evidence td,.otm-evidence th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
.otm-evidence tr.none td{background:#fff3cd}
</style>"""


class EvidenceLog(widgets.VBox):
    """One team's evidence entries for one school, and their coverage of the six indicators."""

    def __init__(self, store, school_id, team):
        self.store, self.school_id, self.team = store, school_id, team
        self.date = widgets.DatePicker(description="Date", value=date.today(), style=LABELS["style"])
        self.cycle = widgets.Text(description="Cycle", placeholder="e.g. Cycle 2, autumn", **LABELS)
        self.kind = widgets.Dropdown(description="Kind of evidence", options=[(label, key) for key, label in KINDS.items()], style=LABELS["style"])
        self.note = widgets.Textarea(description="What we saw", placeholder="What students did, said or wrote", **LABELS)
        self.indicators = widgets.SelectMultiple(description="Indicators", options=[(i.name, i.key) for i in load_framework().indicators], rows=6, **LABELS)
        self.author = widgets.Text(description="Your name", placeholder="optional", style=LABELS["style"])
        self.add_button = widgets.Button(description="Add evidence", button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.status, self.summary, self.table = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.chart = ChartView()
        self.refresh()
        form = [self.date, self.cycle, self.kind, self.note, self.indicators, widgets.HBox([self.author, self.add_button]), self.status]
        super().__init__([*form, widgets.HTML("<b>Coverage of the six success indicators</b>"), self.summary, self.table, self.chart])
        guard(self, self.status)

    def add(self):
        """Save the form as a new entry and refresh; return the revision, or None if the form is incomplete."""
        if self.date.value is None or not self.indicators.value:
            self.status.value = WARN.format("Choose a date and at least one indicator the evidence shows.")
            return None
        body = {"date": self.date.value.isoformat(), "cycle": self.cycle.value, "kind": self.kind.value, "note": self.note.value, "indicators": list(self.indicators.value)}
        saved = self.store.save(KIND, self.school_id, self.team, str(uuid.uuid4()), body, author=self.author.value)
        self.note.value, self.indicators.value = "", ()
        self.status.value = f"<i>Added evidence for {escape(', '.join(self._names(body['indicators'])))}.</i>"
        self.refresh()
        return saved

    def entries(self):
        """The team's entries from the store, oldest first."""
        return entries_frame(revision.body for revision in self.store.latest_items(KIND, self.school_id, self.team))

    def refresh(self):
        """Recompute coverage from the store (other people's entries too) and redraw."""
        self.coverage_table = table = coverage(self.entries())
        self.summary.value = f"<p style='font-size:16px'>{escape(coverage_summary(table))}</p>"
        self.table.value = coverage_html(table)
        self.chart.show(charts.evidence_per_indicator(table, CHART_TITLE))

    @staticmethod
    def _names(keys):
        framework = load_framework()
        return [framework.indicator(key).name for key in keys]


def coverage_html(table):
    """The coverage table as escaped HTML at 16px; indicators with no evidence are highlighted."""
    rows = []
    for row in table.to_dict("records"):
        last = "—" if row["last_date"] is None else row["last_date"].isoformat()
        cells = [row["name"], str(row["entries"]), last, ", ".join(row["kinds"]) or "—", row["last_note"] or "—"]
        css = " class='none'" if row["entries"] == 0 else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    header = "".join(f"<th>{name}</th>" for name in ("Indicator", "Entries", "Last entry", "Kinds seen", "Latest note"))
    return TABLE_STYLE + f"<table class='otm-evidence'><tr>{header}</tr>{''.join(rows)}</table>"
