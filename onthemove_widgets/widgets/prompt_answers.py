"""Prompts a team answers and keeps: one text box per prompt, saved together as one draft.

Like `DraftBox`, every save is a dated revision (kind `prompt_answers`) and a save made
by someone else in the meantime is shown, not overwritten. Answers are stored by their
prompt's text, so reordering the prompts never attaches an answer to the wrong one.
"""

from html import escape

import ipywidgets as widgets

from .guards import guard
from .saving import DraftAddress, saved_line

KIND = "prompt_answers"


class PromptAnswers(widgets.VBox):
    """A team's answers to `prompts` (e.g. the guiding-principle starters), under `label`."""

    def __init__(self, store, school_id, team, key, prompts, label):
        self.prompts = list(prompts)
        self.draft = DraftAddress(store, KIND, school_id, team, key)
        self.answers = {prompt: widgets.Textarea(layout=widgets.Layout(width="95%", height="80px")) for prompt in self.prompts}
        self.author = widgets.Text(description="Your name", placeholder="optional")
        self.save_button = widgets.Button(description="Save answers", button_style="primary", icon="save")
        self.save_button.on_click(lambda _: self.save())
        self.status = widgets.HTML(saved_line(self.draft.latest))
        if self.draft.latest:
            self.show(self.draft.latest.body)
        rows = [widgets.VBox([widgets.HTML(f"<p style='margin-bottom:2px'>{escape(prompt)}</p>"), text]) for prompt, text in self.answers.items()]
        super().__init__([widgets.HTML(f"<b>{escape(label)}</b>"), *rows, widgets.HBox([self.author, self.save_button]), self.status])
        guard(self, self.status)

    def body(self):
        return {"answers": {prompt: text.value for prompt, text in self.answers.items()}}

    def show(self, body):
        saved = body.get("answers") or {}
        for prompt, text in self.answers.items():
            text.value = saved.get(prompt, "")

    def save(self):
        """Save all answers as one new revision; on a conflict keep both versions in view."""
        saved, message = self.draft.save(self.body(), self.author.value)
        if saved is None:
            theirs = (self.draft.latest.body.get("answers") or {}).items()
            message += "".join(f"<p><b>{escape(prompt)}</b></p><pre>{escape(answer)}</pre>" for prompt, answer in theirs)
        self.status.value = message
        return saved
