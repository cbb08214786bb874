"""`StudentSorter`: the digital data wall for Determining Student Learning Needs.

Controls only hold the team's choices; `analysis.wall.data_wall` does the work and
`widgets.html` draws it. Overrides go to the store, so a team's decisions outlive the
kernel and stay visible as decisions, beside what the data says.
"""

from html import escape

import ipywidgets as widgets
import pandas as pd

from .. import charts
from ..analysis import explain
from ..analysis.bands import BANDS
from ..analysis.baseline import COMBINING_RULES, with_cut_scores
from ..analysis.subgroups import ALL_STUDENTS, band_by_group, group_columns, group_label, value_label
from ..analysis.scores import window_order
from ..analysis.targets import TARGET_RULES
from ..analysis.wall import WallSettings, data_wall
from ..export import to_csv_bytes, to_excel_bytes
from ..store import ConflictError
from .chart_view import ChartView
from .guards import guard
from .shared_look import control
from .html import counts_html, wall_html
from .saving import MIME, WARN, download_links

OVERRIDE = "band_override"
CUT_SCORES = "cut_scores"
"""Store kind of a team's calibrated criteria: one item per measure, subject and grade, each save a dated revision."""
ALL = "all"
"""The 'All periods' / 'All students' / 'No grouping' choice: a value, because a Dropdown whose value is None shows blank."""
EXPORT_COLUMNS = ["student_id", "label", "class_period", "band", "computed_band", "override_reason", "score", "target", "target_rule"]


class StudentSorter(widgets.VBox):
    """Sort one school's (or team's) students into bands and subgroups, as a wall."""

    def __init__(self, district, store, team, page_size=40, settings=WallSettings()):
        school = district.schools.iloc[0]
        self.school_id, self.team, self.store, self.page_size = school["school_id"], team, store, page_size
        self.students, self.assessments = district.students, district.assessments
        self.cut_scores = district.cut_scores.copy()
        self.groups = group_columns(self.students)
        self.frame = pd.DataFrame()
        self._building = True

        self.labels = district.settings
        first = window_order(self.assessments["window"])[:1]
        pairs = sorted({(m, s) for m, s in self.assessments.loc[self.assessments["window"].isin(first), ["measure", "subject"]].itertuples(index=False)})
        asked = [district.measure(m, s) if s is None else (m, s) for m, s in settings.measures]
        chosen = [p for p in asked if p in pairs] or self._default_measure(district, pairs)
        self.measures = control(widgets.SelectMultiple, options=[(f"{self.labels.label(m)} {self.labels.label(s)}", (m, s)) for m, s in pairs], value=chosen, description="Measures", rows=min(4, len(pairs)))
        self.rule = control(widgets.Dropdown, options=[(label, key) for key, label in COMBINING_RULES.items()], value=settings.rule, description="Combine")
        self.target_rule = control(widgets.Dropdown, options=[(label, key) for key, label in TARGET_RULES.items()], value=settings.target_rule, description="Target")
        self.points = control(widgets.BoundedIntText, value=int(settings.points or 30), min=1, max=500, description="Points")
        grades = sorted(self.students["grade"].unique())
        self.grade = control(widgets.Dropdown, options=[("K" if g == 0 else str(g), int(g)) for g in grades], description="Grade")
        self.near, self.at, self.above = (control(widgets.IntSlider, description=d, continuous_update=False, layout={"width": "420px"}) for d in ("Near ≥", "At ≥", "Above ≥"))
        periods = sorted(self.students["class_period"].dropna().unique())
        self.period = control(widgets.Dropdown, options=[("All periods", ALL)] + [(f"Period {p}", int(p)) for p in periods], description="Period")
        self.only = control(widgets.Dropdown, options=self._only_options(), description="Show")
        self.subgroup = control(widgets.Dropdown, options=[("No grouping", ALL)] + [(group_label(c), c) for c in self.groups], description="Group by")
        self.privacy = control(widgets.ToggleButtons, options=[("Names", "names"), ("Initials", "initials"), ("IDs", "ids")], value=settings.privacy, description="Show as")
        self.page = control(widgets.BoundedIntText, value=1, min=1, max=1, description="Page (of 1)")
        self.status = control(widgets.HTML)
        self.wall = control(widgets.HTML)
        self.counts = control(widgets.HTML)
        self.chart = ChartView()
        self.export_button = control(widgets.Button, description="Prepare CSV and Excel", icon="download")
        self.export_links = control(widgets.HTML)
        self.override_student = control(widgets.Dropdown, description="Student")
        self.override_band = control(widgets.Dropdown, options=[(b.capitalize(), b) for b in BANDS], description="Move to")
        self.override_reason = control(widgets.Text, description="Reason", placeholder="why the team moves this student")
        self.override_button = control(widgets.Button, description="Save decision", icon="save")
        self.override_status = control(widgets.HTML)

        self._reopen_cut_scores()
        self._sync_sliders()
        for choice in (self.measures, self.rule, self.target_rule, self.points, self.period, self.only, self.subgroup, self.privacy):
            choice.observe(self._refresh, "value")
        self.grade.observe(self._sync_sliders, "value")
        for slider in (self.near, self.at, self.above):
            slider.observe(self._cut_scores_changed, "value")
        self.page.observe(self._draw_wall, "value")
        self.export_button.on_click(self._export)
        self.override_button.on_click(self._save_override)
        self._building = False

        controls = control(widgets.VBox, [
            control(widgets.HBox, [self.measures, control(widgets.VBox, [self.rule, self.target_rule, self.points])]),
            control(widgets.HTML, "<b>Calibrated criteria</b> (the first measure, one grade at a time)"),
            control(widgets.HBox, [self.grade, control(widgets.VBox, [self.near, self.at, self.above])]),
            control(widgets.HBox, [self.period, self.only, self.subgroup]),
            control(widgets.HBox, [self.privacy]),
        ])
        overrides = control(widgets.VBox, [control(widgets.HTML, "<b>Team decision: move a student to another band</b>"), control(widgets.HBox, [self.override_student, self.override_band]), control(widgets.HBox, [self.override_reason, self.override_button]), self.override_status])
        super().__init__([controls, self.status, self.wall, self.page, self.counts, self.chart, overrides, control(widgets.HBox, [self.export_button, self.export_links])])
        guard(self, self.status)
        self._refresh()

    # --- state → settings ------------------------------------------------------------
    def settings(self):
        """The team's current choices, as the analysis layer takes them."""
        return WallSettings(
            measures=tuple(self.measures.value), rule=self.rule.value, target_rule=self.target_rule.value,
            points=self.points.value, period=_chosen(self.period.value), only=_chosen(self.only.value),
            subgroup=_chosen(self.subgroup.value), privacy=self.privacy.value,
        )

    @staticmethod
    def _default_measure(district, pairs):
        """The district's state test (its first subject) where these students sat it, else its cycle check."""
        for role in ("state_test", "cycle_check"):
            if district.measure(role=role) in pairs:
                return [district.measure(role=role)]
        return pairs[:1]

    def _only_options(self):
        options = [("All students", ALL)]
        for column in self.groups:
            values = sorted(self.students[column].dropna().unique(), key=str)
            options += [(value_label(column, v), (column, v)) for v in values if not (isinstance(v, bool) and not v)]
        return options

    def _overrides(self):
        rows = [{"student_id": r.key, "band": r.body["band"], "reason": r.body["reason"], "saved_at": r.saved_at} for r in self.store.latest_items(OVERRIDE, self.school_id, self.team)]
        return pd.DataFrame(rows, columns=["student_id", "band", "reason", "saved_at"])

    # --- reactions -------------------------------------------------------------------
    def _sync_sliders(self, _=None):
        """Point the sliders at the first measure's thresholds for the chosen grade."""
        if not self.measures.value:
            return
        measure, subject = self.measures.value[0]
        row = self.cut_scores.loc[(self.cut_scores["measure"] == measure) & (self.cut_scores["subject"] == subject) & (self.cut_scores["grade"] == self.grade.value)]
        building, self._building = self._building, True
        for slider, column in ((self.near, "near"), (self.at, "at"), (self.above, "above")):
            slider.disabled = row.empty
            if not row.empty:
                slider.min = 0  # widen first, so max never falls below the old min
                slider.max = int(row["highest_score"].iloc[0])
                slider.min = int(row["lowest_score"].iloc[0])
                slider.value = int(row[column].iloc[0])
        self._building = building

    def _cut_scores_changed(self, _):
        if self._building:
            return
        measure, subject = self.measures.value[0]
        try:
            self.cut_scores = with_cut_scores(self.cut_scores, measure, subject, self.grade.value, self.near.value, self.at.value, self.above.value)
        except ValueError as error:
            self.status.value = WARN.format(escape(str(error)) + " The wall keeps the criteria it had.")
            self._sync_sliders()  # the sliders show the criteria the wall uses, not the rejected ones
            return
        self._save_cut_scores(measure, subject, self.grade.value)
        self._refresh()

    def _cut_key(self, measure, subject, grade):
        return f"{measure}|{subject}|{grade}"

    def _save_cut_scores(self, measure, subject, grade):
        """Keep the team's calibration as a dated revision, so it is there after a reload."""
        body = {"near": self.near.value, "at": self.at.value, "above": self.above.value}
        key = self._cut_key(measure, subject, grade)
        latest = self.store.latest(CUT_SCORES, self.school_id, self.team, key)
        if latest is None or latest.body != body:
            self.store.save(CUT_SCORES, self.school_id, self.team, key, body, based_on=latest.number if latest else None)

    def _reopen_cut_scores(self):
        """The team's saved calibrations, laid over the district's cut scores (one that no longer fits is skipped)."""
        for item in self.store.latest_items(CUT_SCORES, self.school_id, self.team):
            measure, subject, grade = item.key.split("|")
            try:
                self.cut_scores = with_cut_scores(self.cut_scores, measure, subject, int(grade), item.body["near"], item.body["at"], item.body["above"])
            except (ValueError, KeyError):
                continue

    def _refresh(self, _=None):
        if self._building:
            return
        if not self.measures.value:
            self.status.value = WARN.format("Choose at least one measure.")
            return
        if self.measures.value[0] != getattr(self, "_slider_measure", None):
            self._slider_measure = self.measures.value[0]
            self._sync_sliders()
        try:
            self.frame = data_wall(self.students, self.assessments, self.cut_scores, self._overrides(), self.settings())
        except ValueError as error:
            self.status.value = WARN.format(escape(str(error)))
            return
        placed = self.frame.loc[self.frame["band"].notna()]
        unscored = len(self.frame) - len(placed)
        self.status.value = f"{len(placed)} students on the wall" + (f"; {unscored} have no baseline score on these measures and are not shown." if unscored else ".")
        largest = int(placed.groupby("band", observed=True).size().max()) if len(placed) else 0
        self.page.max = max(1, -(-largest // self.page_size))
        self.page.description = f"Page (of {self.page.max})"
        self.override_student.options = [(label, sid) for label, sid in zip(self.frame["label"], self.frame["student_id"])]
        self._draw_wall()
        self._draw_counts(placed)

    def _draw_wall(self, _=None):
        placed = self.frame.loc[self.frame["band"].notna()]
        self.wall.value = wall_html(placed, self.groups, page=self.page.value - 1, page_size=self.page_size, subgroup=_chosen(self.subgroup.value))

    def _draw_counts(self, placed):
        column = _chosen(self.subgroup.value) or self.groups[0]
        counts = band_by_group(placed, column)
        if _chosen(self.only.value):  # the first row holds the students shown, not all students
            counts["group"] = counts["group"].replace(ALL_STUDENTS, f"{self.only.label} (shown)")
        first = window_order(self.assessments["window"])[:1]
        source = f"{', '.join(label for label, value in self.measures.options if value in self.measures.value)}, {', '.join(self.labels.label(w) for w in first)}"
        everyone = band_by_group(self.frame, column)  # the same counts, with the students who have no band as `no_score`
        self.counts.value = counts_html(counts) + explain.details_html(explain.band_counts(everyone, source))
        title = f"Students in each band: {group_label(column)} and other students"
        self.chart.show(charts.band_mix_by_group(counts, "group", title=title, group_title="Group"))

    def _export(self, _):
        table = self.frame[[c for c in EXPORT_COLUMNS if c in self.frame.columns]].rename(columns={"label": "student"})
        stem = f"{self.school_id}_{self.team}_sorted".replace(" ", "_")
        files = [(f"{stem}.csv", to_csv_bytes(table), MIME["csv"]), (f"{stem}.xlsx", to_excel_bytes(table), MIME["xlsx"])]
        self.export_links.value = download_links(files) + f" <i>({len(table)} students, shown as {escape(self.privacy.value)})</i>"

    def _save_override(self, _):
        student, reason = self.override_student.value, self.override_reason.value.strip()
        if not student or not reason:
            self.override_status.value = WARN.format("Choose a student and write the team's reason.")
            return
        latest = self.store.latest(OVERRIDE, self.school_id, self.team, student)
        try:
            self.store.save(OVERRIDE, self.school_id, self.team, student, {"band": self.override_band.value, "reason": reason}, based_on=latest.number if latest else None)
        except ConflictError:
            self.override_status.value = WARN.format("Someone changed this decision a moment ago; the wall now shows theirs.")
        else:
            self.override_status.value = f"Saved: {escape(self.override_student.label)} → {self.override_band.value} ({escape(reason)})."
            self.override_reason.value = ""
        self._refresh()


def _chosen(value):
    """A control's value as the analysis takes it: None for 'all'."""
    return None if value == ALL else value

