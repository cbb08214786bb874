"""The framework content loads strictly and says what FRAMEWORK.md says."""

import dataclasses
from importlib import resources

import pytest
import yaml

from onthemove_widgets.framework import (
    FrameworkContentError,
    Step,
    load_framework,
    load_framework_from,
)
from onthemove_widgets.framework import render


@pytest.fixture(scope="module")
def fw():
    return load_framework()


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the shipped YAML, to break on purpose."""
    source = resources.files("onthemove_widgets.framework") / "content"
    for file in source.iterdir():
        if file.name.endswith(".yaml"):
            (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- counts and keys -------------------------------------------------------------


def test_section_sizes(fw):
    assert len(fw.questions) == 4
    assert len(fw.drivers) == 4
    assert len(fw.four_cs) == 4
    assert len(fw.phases) == 5
    assert len(fw.inquiry_phases) == 4
    assert len(fw.indicators) == 6
    assert len(fw.evidence_sources) == 5
    assert len(fw.profiles) == 4
    assert len(fw.pop_levels) == 5
    assert len(fw.protocols) == 7


def test_keys_named_in_framework_md(fw):
    assert [q.key for q in fw.questions] == [
        "who_struggles", "root_causes", "learn_from_what_works", "apply_to_all"]
    assert [c.key for c in fw.four_cs] == ["climate", "culture", "capacity", "coherence"]
    assert [p.key for p in fw.inquiry_phases] == ["analyze", "design", "implement", "refine"]
    assert [p.key for p in fw.profiles] == ["compliant", "resistant", "fragmented", "coherent"]
    assert [p.key for p in fw.pop_levels] == [
        "students", "teacher_teams", "leadership_teams", "principals", "district_staff"]
    assert [i.key for i in fw.indicators] == [
        "higher_order_thinking", "close_analytic_reading", "academic_language",
        "structured_collaboration", "evidence_based_arguments", "evidence_based_writing"]
    assert [d.key for d in fw.drivers] == [
        "clarity_of_focus", "shared_leadership", "collective_expertise", "continuous_improvement"]


def test_numbers_run_in_order(fw):
    for items in (fw.questions, fw.phases, fw.drivers, fw.indicators, fw.pop_levels, fw.protocols):
        assert [item.number for item in items] == list(range(1, len(items) + 1))


def test_four_cs_verbs_and_inferred_probe(fw):
    assert [c.verb for c in fw.four_cs] == ["transform", "shape", "build", "create"]
    assert [c.key for c in fw.four_cs if c.probe_is_inference] == ["coherence"]


def test_three_foundational_evidence_sources(fw):
    foundational = [s.key for s in fw.evidence_sources if s.category == "foundational"]
    assert foundational == ["formative_assessment_data", "student_work", "learning_rounds"]


def test_every_key_is_unique_within_its_list(fw):
    def walk(value, where):
        if dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                yield from walk(getattr(value, field.name), f"{where}.{field.name}")
        elif isinstance(value, tuple):
            keys = [item.key for item in value if hasattr(item, "key")]
            if keys:
                yield where, keys
            for item in value:
                yield from walk(item, where)

    lists = list(walk(fw, "fw"))
    assert len(lists) > 20
    for where, keys in lists:
        assert len(keys) == len(set(keys)), where


# --- protocols ---------------------------------------------------------------------


def test_protocols_in_figure_order(fw):
    assert [p.figure for p in fw.protocols] == ["4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10"]
    assert [p.key for p in fw.protocols] == [
        "determining_student_learning_needs", "school_implementation_plan",
        "collaborative_instructional_design", "critical_friends", "examining_data",
        "analyzing_student_work", "learning_rounds"]


def test_every_protocol_opens_and_closes_the_same_way(fw):
    for protocol in fw.protocols:
        assert protocol.steps[0].name.startswith("Opening"), protocol.key
        assert protocol.steps[-1].name == "Debrief", protocol.key


@pytest.mark.parametrize(
    "key, fixed",
    [
        ("determining_student_learning_needs", (195, 300)),
        ("school_implementation_plan", (245, 345)),
        ("collaborative_instructional_design", (80, 80)),
        ("critical_friends", (10, 10)),
        ("examining_data", (70, 70)),
        ("analyzing_student_work", (55, 65)),
        ("learning_rounds", (75, 105)),
    ],
)
def test_fixed_minutes_match_figure_sums(fw, key, fixed):
    assert fw.protocol(key).minutes_range() == fixed


@pytest.mark.parametrize(
    "key, per, repeated",
    [
        ("critical_friends", "presenter", (25, 30)),
        ("analyzing_student_work", "participant", (15, 15)),
        ("learning_rounds", "room", (15, 25)),
    ],
)
def test_repeated_minutes_match_figure_sums(fw, key, per, repeated):
    assert fw.protocol(key).minutes_range(per) == repeated


def test_dsln_marks_steps_longer_with_more_students(fw):
    steps = fw.protocol("determining_student_learning_needs").steps
    assert [s.key for s in steps if s.longer_with_more_students] == [
        "record_identify_sort_post", "determining_subgroups", "identify_document_sort"]


def test_calibration_has_no_minutes(fw):
    step = fw.protocol("analyzing_student_work").steps[1]
    assert step.name == "Calibration (as appropriate)"
    assert (step.minutes_min, step.minutes_max) == (None, None)


def test_roles_and_norms(fw):
    assert fw.protocol("examining_data").roles == ("facilitator", "recorder", "timekeeper")
    assert len(fw.protocol("learning_rounds").norms) == 5
    assert [p.key for p in fw.protocols if p.norms] == ["learning_rounds"]


def test_protocol_specific_lists(fw):
    dsln = fw.protocol("determining_student_learning_needs")
    assert [o.number for o in dsln.data_operations] == list(range(1, 8))
    plan = fw.protocol("school_implementation_plan")
    assert {c.key: c.lead_term for c in plan.plan_components if c.lead_term} == {
        "student_success_indicators": "lead_indicator", "evidence_of_learning": "lead_measure"}
    cid = fw.protocol("collaborative_instructional_design")
    assert (len(cid.lesson_components), len(cid.question_sets)) == (5, 3)
    rounds = fw.protocol("critical_friends").rounds
    assert [r.key for r in rounds] == ["plus", "delta", "share"]
    assert rounds[1].stem == "I wonder …"


def test_protocol_cycle_names_existing_protocols(fw):
    named = [key for stage in fw.protocol_cycle for choice in stage.protocols for key in choice]
    assert len(named) == 7
    for key in named:
        fw.protocol(key)
    assert [s.phase for s in fw.protocol_cycle] == ["analyze", "design", "implement", "refine"]


def test_anywhere_case(fw):
    (case,) = fw.cases
    assert [p.name for p in case.people] == ["Erin McFarland", "Jacob Westfall"]
    assert len(case.questions) == 6
    assert {f.key: f.profile for f in case.framings} == {
        "compliant": "compliant", "rogue": "resistant",
        "fragmented": "fragmented", "focused": "coherent"}


# --- lookups and loading ---------------------------------------------------------------


@pytest.mark.parametrize("lookup", ["driver", "protocol", "indicator", "profile"])
def test_lookup_of_unknown_key_lists_valid_keys(fw, lookup):
    with pytest.raises(KeyError, match="valid keys: .*, "):
        getattr(fw, lookup)("nope")


def test_lookups_find_items(fw):
    assert fw.driver("shared_leadership").name == "Shared leadership"
    assert fw.indicator("academic_language").number == 3
    assert fw.profile("coherent").name == "Coherent"


def test_load_framework_is_cached_and_frozen(fw):
    assert load_framework() is fw
    with pytest.raises(dataclasses.FrozenInstanceError):
        fw.drivers[0].name = "x"


def test_copy_loads_like_the_package(content_copy, fw):
    assert load_framework_from(content_copy) == fw


def test_unknown_field_names_file_and_item(content_copy):
    edit_yaml(content_copy / "drivers.yaml", lambda d: d["drivers"][1].update(colour="red"))
    with pytest.raises(FrameworkContentError, match=r"drivers\.yaml.*shared_leadership.*colour"):
        load_framework_from(content_copy)


def test_unknown_step_field_names_protocol_and_step(content_copy):
    edit_yaml(content_copy / "protocols.yaml",
              lambda d: d["protocols"][4]["steps"][1].update(minutes=10))
    pattern = r"protocols\.yaml.*examining_data.*gathering_facts.*minutes"
    with pytest.raises(FrameworkContentError, match=pattern):
        load_framework_from(content_copy)


def test_missing_field_names_file_and_item(content_copy):
    edit_yaml(content_copy / "evidence.yaml", lambda d: d["indicators"][0].pop("gist"))
    with pytest.raises(FrameworkContentError, match=r"evidence\.yaml.*higher_order_thinking.*gist"):
        load_framework_from(content_copy)


def test_wrong_type_is_rejected(content_copy):
    path = content_copy / "protocols.yaml"
    text = path.read_text(encoding="utf-8").replace('figure: "4.10"', "figure: 4.10")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkContentError, match=r"learning_rounds.*figure.*expected str"):
        load_framework_from(content_copy)


def test_duplicate_key_is_rejected(content_copy):
    edit_yaml(content_copy / "profiles.yaml", lambda d: d["profiles"][1].update(key="compliant"))
    with pytest.raises(FrameworkContentError, match=r"profiles\.yaml.*duplicate key.*compliant"):
        load_framework_from(content_copy)


def test_dangling_protocol_reference_is_rejected(content_copy):
    edit_yaml(content_copy / "protocols.yaml",
              lambda d: d["protocol_cycle"][0].update(protocols=[["nope"]]))
    with pytest.raises(FrameworkContentError, match=r"protocols\.yaml.*begin_by.*nope"):
        load_framework_from(content_copy)


def test_missing_section_is_rejected(content_copy):
    (content_copy / "glossary.yaml").unlink()
    with pytest.raises(FrameworkContentError, match="glossary"):
        load_framework_from(content_copy)


# --- rendering ---------------------------------------------------------------------


def step(**overrides):
    values = dict(key="s", name="S", minutes_min=5, minutes_max=5, what="w")
    return Step(**(values | overrides))


@pytest.mark.parametrize(
    "overrides, text",
    [
        ({}, "5"),
        ({"minutes_min": 30, "minutes_max": 45}, "30–45"),
        ({"minutes_min": None, "minutes_max": None}, "—"),
        ({"minutes_min": 15, "minutes_max": 15, "per": "participant"}, "15 per participant"),
        ({"minutes_min": 10, "minutes_max": 20, "per": "room", "approximate": True},
         "~10–20 per room"),
        ({"minutes_min": 45, "minutes_max": 90, "longer_with_more_students": True}, "45–90*"),
    ],
)
def test_format_minutes(overrides, text):
    assert render.format_minutes(step(**overrides)) == text


def row(markdown, step_name):
    (line,) = [line for line in markdown.splitlines() if f"**{step_name}**" in line]
    return [cell.strip() for cell in line.strip("|").split(" | ")]


def test_agenda_tables(fw):
    dsln = render.protocol_agenda_md(fw.protocol("determining_student_learning_needs"))
    assert row(dsln, "Calibrating Criteria for Student Baseline Status")[2] == "30–45"
    assert row(dsln, "Record, Identify, Sort, and Post")[2] == "45–90\\*"
    assert "Longer with more students" in dsln and "**Total:** 195–300 min" in dsln

    asw = render.protocol_agenda_md(fw.protocol("analyzing_student_work"))
    assert row(asw, "Presentation of Work and Clarifying Questions")[2] == "15 per participant"
    assert row(asw, "Calibration (as appropriate)")[2] == "—"
    assert "**Total:** 55–65 min + 15 min per participant" in asw

    cf = render.protocol_agenda_md(fw.protocol("critical_friends"))
    assert "**Total:** 10 min + 25–30 min per presenter" in cf
    assert len(row(cf, "Reflection")) == 4


def test_escape_keeps_tables_intact():
    assert render.escape("a | b <i> & c") == "a \\| b &lt;i&gt; &amp; c"


def test_overview_renderers_name_every_item(fw):
    checks = [
        (render.four_questions_md, [q.text for q in fw.questions]),
        (render.four_cs_md, [c.name for c in fw.four_cs]),
        (render.phases_md, [p.name for p in fw.phases]),
        (render.drivers_md, [d.name for d in fw.drivers] + ["collaborative inquiry"]),
        (render.inquiry_cycle_md, [p.name for p in fw.inquiry_phases]),
        (render.evidence_md, [s.name for s in fw.evidence_sources]),
        (render.indicators_md, [i.name for i in fw.indicators]),
        (render.profiles_md, [p.question for p in fw.profiles]),
        (render.protocol_cycle_md, ["Learning Rounds (4.10)", "repeat"]),
        (render.glossary_md, ["Theory of action"]),
    ]
    for function, expected in checks:
        markdown = function(fw)
        for text in expected:
            assert render.escape(text) in markdown, (function.__name__, text)


def test_driver_and_protocol_pages(fw):
    page = render.driver_md(fw.driver("continuous_improvement"))
    assert page.startswith("### 4. Continuous improvement")
    assert "What could be the cause of…" in page and "**Critical questions**" in page
    assert "Article questions" not in page
    guide = render.protocol_md(fw.protocol("learning_rounds"))
    assert "Keep strict confidentiality." in guide and "\\~10–20 per room" in guide


def test_purpose_md_holds_aim_and_principle():
    from onthemove_widgets.framework import load_framework, render

    fw = load_framework()
    text = render.purpose_md(fw)
    assert render.escape(fw.purpose.aim) in text
    assert render.escape(fw.core_principle.statement) in text


def test_step_md_holds_minutes_operations_and_prompts():
    from onthemove_widgets.framework import load_framework, render

    protocol = load_framework().protocol("determining_student_learning_needs")
    text = render.step_md(protocol, "record_identify_sort_post")
    assert text.startswith("## Step 3. Record, Identify, Sort, and Post (45–90\\* min)")
    assert "2. Set a growth target of at least one year of growth" in text
    calibrating = render.step_md(protocol, "calibrating_criteria")
    assert "> *What performance counts as above, at, near or below proficient?*" in calibrating
