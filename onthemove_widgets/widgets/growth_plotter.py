"""`GrowthPlotter`: are all students, and each group, growing cycle by cycle?

Controls choose the measure, the two windows, the grouping and the view; the numbers
come from `analysis.views` (aggregated, small groups suppressed) and the pictures from
`charts`. No chart receives a student row, so no chart can carry a name.
"""

from html import escape

import ipywidgets as widgets

from .. import charts
from ..analysis import explain, views
from ..analysis.scores import student_scores, window_order
from ..analysis.subgroups import group_column, group_columns, group_label
from ..analysis.suppress import MIN_N
from .chart_view import ChartView
from .guards import guard
from .labels import grade_label

SPAN_VIEWS = ("lines", "band_mix", "run_chart")
"""Views that draw every window from From to To (the others compare exactly those two)."""
VIEWS = {
    "lines": "Lines per group",
    "band_mix": "Band mix over time",
    "slope": "Baseline to latest",
    "run_chart": "Run chart",
    "effect_size": "Effect sizes",
}
PLACES = {"school_name": "School", "grade": "Grade", "class_period": "Class period"}
PRIVATE_PLACES = {"teacher": "Teacher (the team's private work: not for projecting)"}
"""Offered only with `private=True`, where the app is a team's own work, never on a projected default."""


class GrowthPlotter(widgets.VBox):
    """Growth views for one district or school (`district` as `data.District`)."""

    def __init__(self, district, min_n=MIN_N, view="lines", grouping=None, private=False):
        self.district, self.min_n = district, min_n
        self.students = district.students.merge(district.schools[["school_id", "school_name"]], on="school_id")
        pairs = sorted({(m, s) for m, s in district.assessments[["measure", "subject"]].itertuples(index=False)})
        check = district.settings.cycle_check
        default = (check.measure, check.subject) if check and (check.measure, check.subject) in pairs else pairs[0]
        label = district.settings.label
        self.measure = widgets.Dropdown(options=[(f"{label(m)} {label(s)}", (m, s)) for m, s in pairs], value=default, description="Measure")
        self.before, self.after = widgets.Dropdown(description="From"), widgets.Dropdown(description="To")
        places = PLACES | (PRIVATE_PLACES if private else {})
        groupings = [(group_label(c), c) for c in group_columns(district.students)] + [(label, c) for c, label in places.items()]
        self.grouping = widgets.Dropdown(options=groupings, value=grouping or group_column(district.students), description="Groups")
        self.view = widgets.ToggleButtons(options=[(label, key) for key, label in VIEWS.items()], value=view)
        self.chart, self.summary = ChartView(), widgets.HTML()
        self._set_windows()
        self.measure.observe(self._set_windows, "value")
        for control in (self.before, self.after, self.grouping, self.view):
            control.observe(self.draw, "value")
        super().__init__([widgets.HBox([self.measure, self.before, self.after, self.grouping]), self.view, self.chart, self.summary])
        guard(self, self.summary)
        self.draw()

    def scored(self):
        """Scores on the chosen measure; the span views keep only the windows From … To."""
        measure, subject = self.measure.value
        scored = student_scores(self.students, self.district.assessments, measure, subject)
        if self.view.value in SPAN_VIEWS:
            windows = [value for _, value in self.before.options]
            span = windows[windows.index(self.before.value) : windows.index(self.after.value) + 1]
            scored = scored.loc[scored["window"].astype(str).isin(span)]
        return scored

    def figure(self):
        """The chart, its plain-language summary and its "How was this calculated?", in the district's words."""
        scored, column = self.scored(), self.grouping.value
        if column == "grade":
            scored = scored.assign(grade=scored["grade"].map(grade_label))
        chart, summary, how = self._figure(scored, column, self.view.value, f"{self.measure.label}: ")
        summary = self._words(summary)
        return charts.described(chart, summary, caption=False), summary, how  # the summary shows beneath, in self.summary

    def _figure(self, scored, column, view, title):
        before, after, people = self.before.value, self.after.value, column in views.PEOPLE_COLUMNS
        source = f"{self.measure.label}, {self.before.label} to {self.after.label}"
        if view == "run_chart":
            chart = views.school_run_chart(scored)
            shown = views.run_chart_in_words(chart, self._window)
            return charts.run_chart_plot(shown, title + "all students' mean, window by window"), views.run_chart_summary(chart), explain.run_chart(chart, self.measure.label)
        if view == "effect_size":
            table = views.effect_sizes(scored, column, before, after, self.min_n)
            return (charts.effect_size_bars(self._shown(table), title + f"effect size of growth, {self.before.label} to {self.after.label}"),
                    views.effect_summary(table, people), explain.effect_sizes(table, source))
        if view == "band_mix":
            counts = views.band_mix_over_time(scored, self.district.cut_scores, column, self.min_n)
            return (charts.band_mix_over_time(self._shown(counts), title + f"band mix by window, {self._grouping_words(column)}"),
                    views.band_mix_summary(counts), explain.band_mix(counts, self.measure.label))
        means = views.group_means(scored, column, self.min_n)
        if view == "slope":
            chosen = means.loc[means["window"].astype(str).isin([before, after])]
            return (charts.slope_chart(self._shown(means), self.before.label, self.after.label, title + "mean score, two windows"),
                    views.lines_summary(chosen, people), explain.group_means(chosen, source))
        return (charts.growth_lines(self._shown(means), title + f"mean score, {self._grouping_words(column)}"),
                views.lines_summary(means, people), explain.group_means(means, self.measure.label))

    def _window(self, code):
        return self.district.settings.label(code)

    def _grouping_words(self, column):
        places = PLACES | PRIVATE_PLACES
        return f"by {places[column].split(' (')[0].lower()}" if column in places else f"{group_label(column)} and other students"

    def _shown(self, table):
        """A view's table with the district's window names, for its chart."""
        return views.windows_in_words(table, self._window)

    def _words(self, text):
        return views.sentence_in_words(text, [code for _, code in self.before.options], self._window)

    def draw(self, _=None):
        if self._quiet:
            return
        windows = [value for _, value in self.before.options]
        if self.before.value is None or self.after.value is None or windows.index(self.before.value) >= windows.index(self.after.value):
            self.summary.value = "<i>Choose two different windows, From before To.</i>"
            return
        chart, summary, how = self.figure()
        self.chart.show(chart)
        self.summary.value = f"<p style='max-width:46em'>{escape(summary)}</p>{explain.details_html(how)}"

    def _set_windows(self, _=None):
        measure, subject = self.measure.value
        chosen = self.district.assessments
        windows = window_order(chosen.loc[(chosen["measure"] == measure) & (chosen["subject"] == subject), "window"])
        self._quiet = True  # a flag, not unobserve_all: that also drops the dropdown's own index sync (a blank From)
        for dropdown in (self.before, self.after):
            dropdown.options = [(self._window(w), w) for w in windows]
        self.before.value, self.after.value = windows[0], windows[-1]
        self._quiet = False
        if hasattr(self, "summary"):
            self.draw()
