"""The theory-of-action drafter: the live if–then statement, its five checks, and saved drafts."""

import json

import pytest

from onthemove_widgets.focus import TheoryOfAction, quality_checks, statement
from onthemove_widgets.framework import load_framework

FW = load_framework()
OUTCOME = "Raise the share of English learners at or above 'near' on the cycle check from 40% to 55% by May 2027"
DRAFT = TheoryOfAction(
    problem_of_practice="Students cite text but do not explain how it supports their claim.",
    indicators=("close_analytic_reading", "evidence_based_writing"),
    practices=("plan lessons around text-dependent questions", "model annotation."),
    evidence=("formative_assessment_data", "student_work"),
    cycle_weeks=9,
    outcome=OUTCOME,
    equity_focus="English learners",
    school_name="Somewhere School",
)


def check(toa, key):
    return next(c for c in quality_checks(toa) if c.key == key)


def test_statement_reads_as_one_if_then_sentence():
    assert statement(DRAFT) == (
        "If we plan lessons around text-dependent questions and model annotation, "
        "then English learners will grow in Close and Analytic Reading and Evidence-Based Writing "
        f"({OUTCOME}), as measured by formative assessment data and student work."
    )


@pytest.mark.parametrize(
    ("practices", "expected"),
    [(("a",), "If we a,"), (("a", "b"), "If we a and b,"), (("a", "b", "c"), "If we a, b and c,")],
)
def test_statement_lists_one_two_or_three_practices(practices, expected):
    assert statement(TheoryOfAction(practices=practices)).startswith(expected)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_statement_names_indicators_and_evidence_from_the_framework(count):
    indicators, sources = FW.indicators[:count], FW.evidence_sources[:count]
    text = statement(TheoryOfAction(indicators=tuple(i.key for i in indicators), evidence=tuple(s.key for s in sources)))
    names = [i.name for i in indicators]
    assert f"will grow in {', '.join(names[:-1])}{' and ' if count > 1 else ''}{names[-1]} (" in text
    assert text.endswith(f"{sources[-1].name.lower()}.")
    assert all(s.name.lower() in text for s in sources)


def test_missing_parts_show_placeholders():
    assert statement(TheoryOfAction()) == "If we …, then … will grow in … (…), as measured by …."
    partial = statement(TheoryOfAction(practices=("model annotation",), equity_focus="English learners"))
    assert partial == "If we model annotation, then English learners will grow in … (…), as measured by …."


def test_statement_keeps_typed_text_on_one_line_and_drops_blank_practices():
    toa = TheoryOfAction(practices=("  model\nannotation. ", " "), outcome="55% by May\n2027.")
    assert statement(toa).startswith("If we model annotation, then … will grow in … (55% by May 2027), as")


def test_checks_come_in_a_fixed_order_and_all_pass_for_a_good_draft():
    checks = quality_checks(DRAFT)
    assert [c.key for c in checks] == ["measurable_outcome", "lead_indicators", "evidence_matches", "student_group", "cycle_length"]
    assert all(c.passed for c in checks), [c.message for c in checks if not c.passed]
    assert all(c.message for c in checks)


@pytest.mark.parametrize(
    "outcome",
    [OUTCOME, "ELs at or above near rise from 12 to 20 in 9 weeks", "Half of SWD reach 60 points by the end of the year", "55 percent at 'at' by 15 June", "30% meet target by 2027-05-15"],
)
def test_measurable_outcome_needs_an_amount_and_a_time_frame(outcome):
    assert check(TheoryOfAction(outcome=outcome), "measurable_outcome").passed


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        ("students will read better", ["how much", "by when"]),
        ("", ["how much", "by when"]),
        ("raise scores by 15 points", ["by when"]),
        ("students may gain 10 points", ["by when"]),  # "may" the verb is no month
        ("students will read better by May 2027", ["how much"]),  # the year is the date, not the amount
        ("students read better within 9 weeks", ["how much"]),
    ],
)
def test_measurable_outcome_fails_and_says_what_is_missing(outcome, says):
    result = check(TheoryOfAction(outcome=outcome), "measurable_outcome")
    assert not result.passed
    assert all(part in result.message for part in says)
    assert ("how much" in result.message) == ("how much" in says)


@pytest.mark.parametrize(("count", "passed"), [(0, False), (1, True), (3, True), (4, False), (6, False)])
def test_lead_indicators_one_to_three(count, passed):
    result = check(TheoryOfAction(indicators=tuple(i.key for i in FW.indicators[:count])), "lead_indicators")
    assert result.passed is passed
    if count > 3:
        assert "dilute" in result.message
    if count == 0:
        lead = next(t for t in FW.lead_terms if t.key == "lead_indicator")
        assert lead.meaning[1:] in result.message


@pytest.mark.parametrize("source", FW.evidence_sources, ids=lambda s: s.key)
def test_evidence_needs_a_foundational_source(source):
    result = check(TheoryOfAction(indicators=("academic_language",), evidence=(source.key,)), "evidence_matches")
    assert result.passed is (source.category == "foundational")
    if not result.passed:
        foundational = [s.name.lower() for s in FW.evidence_sources if s.category == "foundational"]
        assert all(name in result.message for name in foundational)


def test_evidence_missing_for_chosen_indicators_names_them():
    result = check(TheoryOfAction(indicators=("academic_language",)), "evidence_matches")
    assert not result.passed and FW.indicator("academic_language").name in result.message
    assert not check(TheoryOfAction(), "evidence_matches").passed


@pytest.mark.parametrize(("group", "passed"), [("English learners", True), ("Grade 7 students with disabilities", True), ("", False), ("   ", False), ("All students", False), (" all students. ", False), ("Everyone", False)])
def test_student_group_must_be_named(group, passed):
    assert check(TheoryOfAction(equity_focus=group), "student_group").passed is passed


@pytest.mark.parametrize(("weeks", "passed"), [(None, False), (2, False), (3, True), (9, True), (12, True), (13, False)])
def test_cycle_length_three_to_twelve_weeks_citing_the_framework(weeks, passed):
    result = check(TheoryOfAction(cycle_weeks=weeks), "cycle_length")
    assert result.passed is passed
    lengths = {c.key: c.length for c in FW.cycle_lengths}
    assert lengths["site_central_office"] in result.message and lengths["clarity_of_focus"] in result.message


def test_body_round_trips_through_json():
    body = DRAFT.to_body()
    assert body["indicators"] == ["close_analytic_reading", "evidence_based_writing"]
    assert TheoryOfAction.from_body(json.loads(json.dumps(body))) == DRAFT


def test_an_old_draft_with_missing_fields_still_opens():
    old = TheoryOfAction.from_body({"outcome": OUTCOME, "indicators": ["academic_language"]})
    assert old == TheoryOfAction(outcome=OUTCOME, indicators=("academic_language",))
    assert TheoryOfAction.from_body({}) == TheoryOfAction()


@pytest.mark.parametrize("field", ["indicators", "evidence"])
def test_unknown_keys_are_rejected_by_name(field):
    with pytest.raises(ValueError, match="'reading_fluency'"):
        TheoryOfAction.from_body({field: ["reading_fluency"]})
    with pytest.raises(ValueError, match="'reading_fluency'"):
        TheoryOfAction(**{field: ("reading_fluency",)})
