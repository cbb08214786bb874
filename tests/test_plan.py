"""The school implementation plan: fields from the framework, and its dated revisions in a real store."""

import dataclasses

import pytest

from onthemove_widgets.focus import ImplementationPlan, component_prompts, revision_log, side_by_side
from onthemove_widgets.framework import load_framework
from onthemove_widgets.store import Store

COMPONENTS = load_framework().protocol("school_implementation_plan").plan_components
NAMES = {c.key: c.name for c in COMPONENTS}
PLAN = ("plan", "s01", "slt", "main")


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "d.db")


def test_one_text_field_per_framework_component_plus_the_school():
    fields = [f.name for f in dataclasses.fields(ImplementationPlan)]
    assert fields == [c.key for c in COMPONENTS] + ["school_name"]
    assert fields[:6] == ["focus_and_outcome", "student_success_indicators", "staff_practices", "school_supports", "evidence_of_learning", "timeline"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ImplementationPlan().timeline = "x"


def test_component_prompts_come_from_the_framework():
    assert component_prompts() == [(c.key, c.name, c.questions) for c in COMPONENTS]
    assert any("district" in q for _, _, questions in component_prompts() for q in questions)


def test_body_round_trips_and_old_drafts_open():
    plan = ImplementationPlan(focus_and_outcome="Close reading", timeline="Sept–Nov", school_name="Somewhere School")
    assert ImplementationPlan.from_body(plan.to_body()) == plan
    assert ImplementationPlan.from_body({"timeline": "Sept–Nov", "retired_field": "x"}) == ImplementationPlan(timeline="Sept–Nov")


def saved(store, author, based_on, **texts):
    return store.save(*PLAN, ImplementationPlan(**texts).to_body(), author=author, based_on=based_on)


def test_revision_log_dates_each_revision_and_names_what_changed(store):
    saved(store, "Ana", None, focus_and_outcome="Close reading", timeline="9 weeks")
    saved(store, "Ben", 1, focus_and_outcome="Close reading", timeline="12 weeks", staff_practices="Text-dependent questions")
    store.save(*PLAN, {"focus_and_outcome": "Close reading", "timeline": "12 weeks", "staff_practices": "Text-dependent questions"}, author="Cy", based_on=2)
    history = store.history(*PLAN)
    log = revision_log(history)
    assert [row["number"] for row in log] == [1, 2, 3]
    assert [row["author"] for row in log] == ["Ana", "Ben", "Cy"]
    assert [row["saved_at"] for row in log] == [f"{r.saved_at:%Y-%m-%d %H:%M} UTC" for r in history]  # same-day saves read apart
    assert log[0]["changed"] == [NAMES["focus_and_outcome"], NAMES["timeline"]]
    assert log[1]["changed"] == [NAMES["staff_practices"], NAMES["timeline"]]  # in the framework's order
    assert log[2]["changed"] == []  # a body missing blank fields is the same plan
    assert revision_log([]) == []


def test_side_by_side_shows_every_component_and_flags_changes(store):
    old = saved(store, "Ana", None, school_supports="Release time", timeline="9 weeks")
    new = saved(store, "Ben", 1, school_supports="Release time; district coach", timeline="9 weeks")
    rows = side_by_side(store.revision(*PLAN, 1), store.latest(*PLAN))
    assert [row[0] for row in rows] == [c.name for c in COMPONENTS]
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name[NAMES["school_supports"]] == (old.body["school_supports"], new.body["school_supports"], True)
    assert by_name[NAMES["timeline"]] == ("9 weeks", "9 weeks", False)
    assert by_name[NAMES["staff_practices"]] == ("", "", False)
