"""`GrowthPlotter`: are all students, and each group, growing cycle by cycle?

Controls choose the measure, the two windows, the grouping and the view; the numbers
come from `analysis.views` (aggregated, small groups suppressed) and the pictures from
`charts`. No chart receives a student row, so no chart can carry a name.
"""

from html import escape

import ipywidgets as widgets
from IPython.display import display

from .. import charts
from ..analysis import explain, views
from ..analysis.scores import student_scores, window_order
from ..analysis.subgroups import group_columns, group_label
from ..analysis.suppress import MIN_N
from .guards import guard

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

    def __init__(self, district, min_n=MIN_N, view="lines", grouping="english_learner", private=False):
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
        self.grouping = widgets.Dropdown(options=groupings, value=grouping, description="Groups")
        self.view = widgets.ToggleButtons(options=[(label, key) for key, label in VIEWS.items()], value=view)
        self.chart, self.summary = widgets.Output(), widgets.HTML()
        self._set_windows()
        self.measure.observe(self._set_windows, "value")
        for control in (self.before, self.after, self.grouping, self.view):
            control.observe(self.draw, "value")
        super().__init__([widgets.HBox([self.measure, self.before, self.after, self.grouping]), self.view, self.chart, self.summary])
        guard(self, self.summary)
        self.draw()

    def scored(self):
        measure, subject = self.measure.value
        return student_scores(self.students, self.district.assessments, measure, subject)

    def figure(self):
        """The chart, its plain-language summary and its "How was this calculated?" for the current choices."""
        scored, column, view = self.scored(), self.grouping.value, self.view.value
        people, label = column in views.PEOPLE_COLUMNS, self.district.settings.label
        title = f"{self.measure.label}: "
        source = f"{self.measure.label}, {label(self.before.value)} to {label(self.after.value)}"
        if view == "run_chart":
            chart = views.school_run_chart(scored)
            return charts.run_chart_plot(chart, title + "all students' mean, window by window"), views.run_chart_summary(chart), explain.run_chart(chart, self.measure.label)
        if view == "effect_size":
            table = views.effect_sizes(scored, column, self.before.value, self.after.value, self.min_n)
            return charts.effect_size_bars(table, title + f"effect size of growth, {source}"), views.effect_summary(table, people), explain.effect_sizes(table, source)
        if view == "band_mix":
            counts = views.band_mix_over_time(scored, self.district.cut_scores, column, self.min_n)
            return charts.band_mix_over_time(counts, title + "band mix by window"), views.band_mix_summary(counts), explain.band_mix(counts, self.measure.label)
        means = views.group_means(scored, column, self.min_n)
        if view == "slope":
            chosen = means.loc[means["window"].astype(str).isin([self.before.value, self.after.value])]
            return charts.slope_chart(means, self.before.value, self.after.value, title + "mean score, two windows"), views.lines_summary(chosen, people), explain.group_means(chosen, source)
        return charts.growth_lines(means, title + f"mean score by {group_label(column).lower()}"), views.lines_summary(means, people), explain.group_means(means, self.measure.label)

    def draw(self, _=None):
        if self.before.value is None or self.after.value is None or self.before.value == self.after.value:
            self.summary.value = "<i>Choose two different windows.</i>"
            return
        chart, summary, how = self.figure()
        self.chart.clear_output(wait=True)
        with self.chart:
            display(chart)
        self.summary.value = f"<p style='max-width:46em'>{escape(summary)}</p>{explain.details_html(how)}"

    def _set_windows(self, _=None):
        measure, subject = self.measure.value
        chosen = self.district.assessments
        windows = window_order(chosen.loc[(chosen["measure"] == measure) & (chosen["subject"] == subject), "window"])
        with self.hold_trait_notifications():
            for dropdown in (self.before, self.after):
                dropdown.unobserve_all("value")
                dropdown.options = [(self.district.settings.label(w), w) for w in windows]
            self.before.value, self.after.value = windows[0], windows[-1]
            for dropdown in (self.before, self.after):
                dropdown.observe(self.draw, "value")
        if hasattr(self, "summary"):
            self.draw()
