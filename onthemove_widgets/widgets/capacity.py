"""The capacity and coherence self-assessment (Figure 4.1): a survey screen and the school's profile.

Thin on purpose: the questions come from the framework, the arithmetic and the
five-respondent floor from `analysis.capacity`, saving from the drafts store.
"""

import uuid
from html import escape

import ipywidgets as widgets
from IPython.display import display

from .. import charts
from ..analysis.capacity import MIN_N, ROLES, capacity_profile, leadership_vs_staff, rounds_table, summary
from ..capacity_answers import KIND, answer_body, responses
from ..framework import load_framework
from .guards import guard
from .saving import WARN, DraftAddress

TEXT = "<div style='font-size:16px;line-height:1.4'>{}</div>"
RADIO_STYLE = "<style>.otm-capacity label{font-size:16px;line-height:1.4}</style>"
TABLE_STYLE = "border-collapse:collapse;font-size:16px"
CELL_STYLE = "border:1px solid #ccc;padding:4px 8px;text-align:left"


class CapacitySurvey(widgets.VBox):
    """Three questions, one per key indicator, answered anonymously for one round.

    The screen makes one random respondent token; submitting again saves a new
    revision of the same item, so a respondent counts once with their latest answer.
    """

    def __init__(self, store, school_id, round_name, role="staff"):
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        fw = load_framework()
        self.role = role
        self.draft = DraftAddress(store, KIND, school_id, round_name, uuid.uuid4().hex)
        self.questions = {
            i.key: widgets.RadioButtons(options=[(text, key) for key, text in fw.capacity_options(i.key)], value=None, layout=widgets.Layout(width="100%"))
            for i in fw.capacity_survey
        }
        for radio in self.questions.values():
            radio.add_class("otm-capacity")
        self.submit_button = widgets.Button(description="Submit", button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.submit_button.on_click(lambda _: self.submit())
        parts = [widgets.HTML(RADIO_STYLE + TEXT.format(escape(fw.capacity_survey_intro)))]
        for i in fw.capacity_survey:
            parts += [widgets.HTML(TEXT.format(f"<b>{escape(i.name)}</b>: {escape(i.prompt)}")), self.questions[i.key]]
        super().__init__([*parts, self.submit_button, self.status])
        guard(self, self.status)

    def submit(self):
        """Save the answers (a new revision when submitted before); refuse an incomplete set."""
        try:
            body = answer_body(self.role, {key: radio.value for key, radio in self.questions.items()})
        except ValueError as error:
            self.status.value = TEXT.format(WARN.format(escape(str(error))))
            return None
        saved, message = self.draft.save(body)
        if saved is None:
            self.status.value = TEXT.format(message)
            return None
        again = " Your new answers replaced the earlier ones." if saved.number > 1 else ""
        self.status.value = TEXT.format(f"Thank you: your answers are saved, without your name.{again} You can change them and submit again.")
        return saved


class CapacityProfile(widgets.VBox):
    """Where the school places itself, round by round: placement, shares, question, staff beside leaders.

    Reads the store on Refresh; a round and role under `min_n` respondents shows only
    that it has fewer.
    """

    def __init__(self, store, school_id, min_n=MIN_N):
        self.store, self.school_id, self.min_n = store, school_id, min_n
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.html, self.charts = widgets.HTML(), widgets.Output()
        self.figures = []
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([self.refresh_button, self.html, self.charts])
        guard(self, self.html)
        self.refresh()

    def refresh(self):
        """Re-read the answers and redraw everything."""
        answers = responses(self.store, self.school_id)
        results = capacity_profile(answers, self.min_n)
        self.figures = [charts.profile_shares(r.shares, f"{r.round}, {r.role}: profile chosen per key indicator") for r in results if r.placement]
        self.html.value = TEXT.format(profile_html(answers, results, self.min_n))
        self.charts.clear_output(wait=True)
        with self.charts:
            for figure in self.figures:
                display(figure)


def profile_html(answers, results, min_n):
    """The profile as HTML: the rounds table, then per round each role's result and the comparison."""
    if not results:
        return "<p>No answers yet.</p>"
    parts = []
    if len({r.round for r in results}) > 1:
        parts.append("<h3>How the placement moved</h3>" + table_html(rounds_table(answers, min_n).set_index("round")))
    for round_name in dict.fromkeys(r.round for r in results):
        parts.append(f"<h3>{escape(round_name)}</h3>")
        parts += [_result_html(r) for r in results if r.round == round_name]
        parts.append("<h4>Leadership team beside staff</h4>" + table_html(leadership_vs_staff(answers, round_name, min_n).drop(columns="same")))
    return "".join(parts)


def _result_html(result):
    fw = load_framework()
    if result.placement is None:
        return f"<p><b>{escape(result.role.capitalize())}</b>: {escape(result.note)}.</p>"
    return (
        f"<p>{escape(result.role.capitalize())} placement: <b>{escape(fw.profile(result.placement).name)}</b></p>"
        f"<p>{escape(summary(result))}</p>"
        f"<p>Question to consider: <i>{escape(result.question)}</i></p>"
    )


def table_html(table):
    """A small table with its index as the first column; every cell escaped."""
    header = "".join(f"<th style='{CELL_STYLE}'>{escape(str(c))}</th>" for c in [table.index.name or "", *table.columns])
    rows = "".join(
        "<tr>" + "".join(f"<td style='{CELL_STYLE}'>{escape(str(v))}</td>" for v in [index, *row]) + "</tr>"
        for index, row in zip(table.index, table.itertuples(index=False), strict=True)
    )
    return f"<table style='{TABLE_STYLE}'><tr>{header}</tr>{rows}</table>"
