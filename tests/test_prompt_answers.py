"""PromptAnswers: one text box per prompt, saved together as one revisioned draft."""

from onthemove_widgets.framework import load_framework
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.prompt_answers import KIND, PromptAnswers

STARTERS = next(item for item in load_framework().driver("collective_expertise").lists if item.key == "guiding_principle_starters").items


def answers(tmp_path, prompts=STARTERS, team="Grade 7 team"):
    return PromptAnswers(Store(tmp_path / "drafts.db"), "S0001", team, "guiding_principles", prompts, "Guiding principles <draft>")


def test_answers_save_together_and_reload(tmp_path):
    widget = answers(tmp_path)
    assert len(widget.answers) == 4 and "Guiding principles &lt;draft&gt;" in widget.children[0].value
    widget.answers[STARTERS[0]].value = "Not yet: EL students miss small-group time"
    widget.answers[STARTERS[2]].value = "Most days, in ELA only"
    saved = widget.save()
    assert saved.kind == KIND and saved.number == 1 and saved.body["answers"][STARTERS[2]] == "Most days, in ELA only"
    again = answers(tmp_path)
    assert again.answers[STARTERS[0]].value == "Not yet: EL students miss small-group time" and again.answers[STARTERS[1]].value == ""
    again.answers[STARTERS[1]].value = "Partly"
    assert again.save().number == 2
    assert answers(tmp_path, team="Grade 8 team").answers[STARTERS[0]].value == ""


def test_answers_follow_their_prompt_when_prompts_are_reordered(tmp_path):
    widget = answers(tmp_path)
    widget.answers[STARTERS[3]].value = "Yes, every cycle"
    widget.save()
    assert answers(tmp_path, prompts=list(reversed(STARTERS))).answers[STARTERS[3]].value == "Yes, every cycle"


def test_a_save_in_between_is_shown_not_overwritten(tmp_path):
    mine, theirs = answers(tmp_path), answers(tmp_path)
    theirs.answers[STARTERS[0]].value = "<b>their</b> answer"
    theirs.save()
    mine.answers[STARTERS[0]].value = "my answer"
    assert mine.save() is None
    assert "while you were working" in mine.status.value and "&lt;b&gt;their&lt;/b&gt; answer" in mine.status.value and "<b>their" not in mine.status.value
    assert mine.answers[STARTERS[0]].value == "my answer" and mine.save().number == 2
