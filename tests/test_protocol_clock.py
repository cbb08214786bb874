"""The session agenda (repeats unrolled), the clock's arithmetic and record addresses."""

from datetime import datetime

import pytest

from onthemove_widgets.framework import load_framework
from onthemove_widgets.protocols import agenda, clock
from onthemove_widgets.protocols.clock import ClockState
from onthemove_widgets.protocols.records import from_body, records_of, store_key, to_body

FW = load_framework()


def test_critical_friends_repeats_presentation_through_reflection_for_each_presenter():
    protocol = FW.protocol("critical_friends")
    plan = agenda.session_agenda(protocol, agenda.unit_names(protocol, ["Ana", " ", "Ben"]))
    keys = [(i.step.key, i.unit_name) for i in plan]
    assert keys[0] == ("opening", "") and keys[-1] == ("debrief", "")
    assert keys[1:9] == [(k, who) for who in ("Ana", "Ben") for k in ("presentation", "preview_and_clarify", "critical_friends", "reflection")]
    # 5 + 2 × (5 + 5 + 10 + 10) + 5 at the longest; reflection is 5–10
    assert agenda.total_minutes(plan) == 70
    assert agenda.total_minutes(agenda.session_agenda(protocol, ("Ana", "Ben"), "shortest")) == 60


def test_learning_rounds_repeat_a_round_and_its_debrief_per_room_and_unnamed_units_are_numbered():
    protocol = FW.protocol("learning_rounds")
    rooms = agenda.unit_names(protocol, count=3)
    assert rooms == ("Room 1", "Room 2", "Room 3")
    plan = agenda.session_agenda(protocol, rooms)
    assert [i.step.key for i in plan].count("learning_rounds") == 3
    assert plan[1].title.endswith("(Room 1)") and plan[2].step.key == "debrief_between_rooms"
    assert agenda.unit_names(FW.protocol("examining_data"), ["Ana"]) == ()


def test_an_untimed_step_plans_no_time_and_clock_times_follow_the_budgets():
    protocol = FW.protocol("analyzing_student_work")
    plan = agenda.session_agenda(protocol, ("A", "B"))
    assert plan[1].step.key == "calibration" and plan[1].minutes is None
    times = agenda.clock_times(plan, datetime(2026, 12, 1, 15, 30))
    assert times[1][0] == times[1][1] == datetime(2026, 12, 1, 15, 35)
    assert times[-1][1] == datetime(2026, 12, 1, 15, 30) + (times[-1][1] - times[0][0])
    assert (times[-1][1] - times[0][0]).total_seconds() / 60 == agenda.total_minutes(plan) == 5 + 2 * 15 + 30 + 10 + 15 + 5


def test_the_countdown_pauses_runs_over_and_resumes_where_the_team_left_a_step():
    state = clock.start(ClockState(), now=1000)
    assert clock.step_remaining(state, 5, 1000 + 60) == 240
    state = clock.pause(state, 1000 + 60)
    assert clock.step_remaining(state, 5, 1000 + 600) == 240  # paused: no time passes
    state = clock.start(state, 1000 + 600)  # resume
    assert clock.step_remaining(state, 5, 1000 + 600 + 300) == -60  # over by a minute, never blocked
    state = clock.go_to(state, 1, 2000, length=3)
    assert state.position == 1 and state.spent == {0: 1000 - 540 + 0} and clock.step_elapsed(state, 2030) == 30
    back = clock.go_to(state, 0, 2030, length=3)
    assert clock.step_elapsed(back, 2030) == 460 and back.spent == {1: 30}  # the opening carries on from 7:40
    assert clock.go_to(back, -5, 2030, length=3) == back  # already first


def test_session_time_left_counts_the_rest_of_this_step_and_every_later_budget():
    budgets = [5, None, 10, 20]
    state = clock.go_to(clock.start(ClockState(), 0), 2, 0, 4)
    assert clock.session_remaining(state, budgets, 120) == 8 * 60 + 20 * 60
    assert clock.session_remaining(state, budgets, 15 * 60) == 20 * 60  # an overrun is already spent
    assert clock.session_overrun(state, budgets, 20 * 60) == 5 * 60
    assert clock.session_remaining(ClockState(), budgets, 99) == 35 * 60


def test_a_saved_state_round_trips_and_a_malformed_one_starts_afresh():
    state = clock.go_to(clock.pause(clock.start(ClockState(), 10.0), 70.0), 1, 80.0, 4)
    assert ClockState.from_json(state.to_json()) == state
    assert ClockState.from_json({"position": "x"}) == ClockState() == ClockState.from_json(None)


def test_records_have_one_address_per_session_unit_and_earlier_keys_are_kept():
    protocol = FW.protocol("critical_friends")
    found = records_of(agenda.session_agenda(protocol, ("Ana", "Ben")))
    keys = [store_key(protocol, 2, at) for at in found]
    assert "critical_friends/2/critical_friends/feedback/2" in keys and len(set(keys)) == len(keys) == 9
    examining = FW.protocol("examining_data")
    facts = next(at for at in records_of(agenda.session_agenda(examining)) if at.record.key == "facts")
    assert store_key(examining, 7, facts) == "examining_data_facts"


@pytest.mark.parametrize("kind_record", [("critical_friends", "feedback"), ("collaborative_instructional_design", "target"), ("examining_data", "facts")])
def test_bodies_round_trip_drop_blank_rows_and_keep_undeclared_fields(kind_record):
    protocol_key, record_key = kind_record
    record = next(r for s in FW.protocol(protocol_key).steps for r in s.records if r.key == record_key)
    value = {"notes": "<script>x</script>", "form": {"dok": "recall", "old": "kept"}, "table": [{"comment": "I noticed …"}, {"comment": " "}]}[record.kind]
    back = from_body(record, to_body(record, value))
    assert back == (value[:1] if record.kind == "table" else value)
    assert from_body(record, {"rows": "nonsense", "values": 3, "text": 5}) in ("", {}, [])


def test_a_table_follows_the_rooms_step_and_timing_whatever_its_presenters():
    from onthemove_widgets.protocols import room

    protocol = FW.protocol("critical_friends")
    facilitator = agenda.session_agenda(protocol, ("P1", "P2", "P3"))
    lead_state = clock.go_to(clock.start(ClockState(), 100.0), 8, 400.0, len(facilitator))  # P2's reflection
    told = room.lead(facilitator, lead_state)
    assert (told["step"], told["unit"], told["step_started_at"]) == ("reflection", 1, 400.0)
    two = agenda.session_agenda(protocol, ("Ana", "Ben"))
    followed = room.follow(two, ClockState(), told)
    assert followed.position == 8 and two[8].unit_name == "Ben" and clock.step_elapsed(followed, 460.0) == 60
    one = agenda.session_agenda(protocol, ("Ana",))
    assert room.follow(one, ClockState(), told).position == 4  # only one presenter: their reflection
    other = agenda.session_agenda(FW.protocol("examining_data"))
    assert room.follow(other, ClockState(position=2), told) == ClockState(position=2)  # a step it lacks: stay
    assert room.room_code(" ws-12_b ") == "ws-12_b" and room.room_code("../x") is None and room.room_code("a" * 41) is None
