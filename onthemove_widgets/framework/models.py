"""Typed, frozen records for the Schools on the Move framework.

Each class mirrors one kind of item in `content/*.yaml`; field names are the YAML
keys, so the loader can check every file against these definitions. Fields with a
default may be left out of the YAML; all others must be present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Per = Literal["presenter", "participant", "room"]
"""What a step's minutes repeat for, when they are not a fixed block."""


@dataclass(frozen=True)
class Source:
    """A work the content paraphrases (book, article, blog, publisher page)."""

    key: str
    citation: str


@dataclass(frozen=True)
class Purpose:
    """Why the framework exists."""

    aim: str
    school_on_the_move: str


@dataclass(frozen=True)
class LeaderQuestion:
    """One of the four questions leaders ask about inequity."""

    key: str
    number: int
    text: str


@dataclass(frozen=True)
class CorePrinciple:
    """The principle every tool leans on: practice changes before results do."""

    statement: str
    meaning: str


@dataclass(frozen=True)
class AnchoringIdea:
    """A short idea that frames the whole framework."""

    key: str
    name: str
    meaning: str
    attribution: str | None = None
    non_example: str | None = None


@dataclass(frozen=True)
class FourC:
    """Climate, culture, capacity or coherence, with the probe that diagnoses it."""

    key: str
    name: str
    shorthand: str
    glosses: tuple[str, ...]
    verb: str
    probe: str
    probe_is_inference: bool = False


@dataclass(frozen=True)
class Phase:
    """A phase toward the "next normal" (Figure 0.1)."""

    key: str
    number: int
    name: str
    gist: str


@dataclass(frozen=True)
class ItemList:
    """A named list inside a driver (stems, routes, components, ...)."""

    key: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Driver:
    """One of the four key drivers, as a coach would teach it."""

    key: str
    number: int
    name: str
    meaning: str
    key_facts: tuple[str, ...]
    examples: tuple[str, ...]
    non_examples: tuple[str, ...]
    critical_questions: tuple[str, ...]
    article_questions: tuple[str, ...]
    lists: tuple[ItemList, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProblemOfPracticeLevel:
    """A level at which a problem of practice can sit (key `pop_level`)."""

    key: str
    number: int
    name: str
    question: str


@dataclass(frozen=True)
class InquiryPhase:
    """Analyze, design, implement or refine, with the evidence each uses."""

    key: str
    number: int
    name: str
    what: str
    evidence: str


@dataclass(frozen=True)
class CycleLength:
    """How long one kind of cycle runs, and where the figure comes from."""

    key: str
    context: str
    length: str
    source: str


@dataclass(frozen=True)
class FirstCycle:
    """How a school can run its first inquiry cycle."""

    steps: tuple[str, ...]
    advice: tuple[str, ...]
    starting_points: tuple[str, ...]


@dataclass(frozen=True)
class Definition:
    """A term and what it means here (glossary, lead terms, evidence classes)."""

    key: str
    term: str
    meaning: str


@dataclass(frozen=True)
class EvidenceUse:
    """How a source of evidence serves one inquiry phase."""

    phase: str
    how: str


@dataclass(frozen=True)
class EvidenceSource:
    """One of the five sources of evidence teams triangulate."""

    key: str
    name: str
    category: Literal["foundational", "added_value"]
    used_in: tuple[EvidenceUse, ...]
    description: str | None = None


@dataclass(frozen=True)
class AssessmentLevel:
    """A step on the assessment continuum, from annual to daily."""

    key: str
    frequency: str
    name: str
    example: str | None = None


@dataclass(frozen=True)
class SuccessIndicator:
    """A student success indicator (Figure 4.2): a key cognitive skill."""

    key: str
    number: int
    name: str
    gist: str


@dataclass(frozen=True)
class Profile:
    """A school profile of capacity and coherence (Figure 4.1)."""

    key: str
    name: str
    capacity_building: str
    instructional_coherence: str
    impact: str
    question: str


CapacityIndicatorKey = Literal["capacity_building", "instructional_coherence", "impact"]
"""The key indicators of Figure 4.1: each is a `Profile` field."""


@dataclass(frozen=True)
class CapacityIndicator:
    """A key indicator as a self-assessment question.

    It holds only the prompt: the answers are the four profiles' text for `key`
    (`Framework.capacity_options`), so the survey never drifts from Figure 4.1.
    """

    key: CapacityIndicatorKey
    name: str
    prompt: str


@dataclass(frozen=True)
class CycleStage:
    """A stage of the school-site protocol cycle (Figure 4.3).

    `protocols` is a sequence of choices: each inner tuple lists alternatives, and
    a team runs one of them before moving on.
    """

    key: str
    label: str
    phase: str
    activity: str
    protocols: tuple[tuple[str, ...], ...]
    repeats: bool = False


ChoicesFrom = Literal["rounds", "indicators", "bands", "lesson_components", "presenters", "dok_levels"]
"""Where a choice field's options come from: the protocol's or framework's own lists,
or the presenters a session names."""


@dataclass(frozen=True)
class Field:
    """One column of a form or table a step records. `choices_from` makes it a choice."""

    key: str
    label: str
    choices_from: ChoicesFrom | None = None
    long: bool = False


@dataclass(frozen=True)
class Record:
    """What a team records at a step: free notes, one form, or a table of rows.

    `per` gives one record per presenter or room (the step's repeat); `commitment`
    files it with the team's commitments; `saved_as` is the store key an earlier
    version of the app used, so nothing saved before is lost; `stays_in_room` marks
    what must never leave a confidential protocol (Learning Rounds); `starts_from: wall`
    lets a table start from the team's data wall.
    """

    key: str
    label: str
    kind: Literal["notes", "form", "table"] = "notes"
    fields: tuple[Field, ...] = ()
    placeholder: str = ""
    commitment: bool = False
    saved_as: str | None = None
    stays_in_room: bool = False
    starts_from: Literal["wall"] | None = None


Tool = Literal["student_wall", "growth_views", "plan_editor"]
"""An app piece a step shows above its records (see widgets/protocol_tools.py)."""


@dataclass(frozen=True)
class Step:
    """One timed step of a protocol.

    Minutes are None where the figure gives "—". `per` says the minutes repeat for
    each presenter, participant or room instead of being spent once.
    """

    key: str
    name: str
    minutes_min: int | None
    minutes_max: int | None
    what: str
    per: Per | None = None
    approximate: bool = False
    longer_with_more_students: bool = False
    prompts: tuple[str, ...] = ()
    records: tuple[Record, ...] = ()
    tool: Tool | None = None


@dataclass(frozen=True)
class NumberedItem:
    """A numbered entry in a protocol (lesson component, norm)."""

    key: str
    number: int
    text: str
    detail: str | None = None


@dataclass(frozen=True)
class DataOperation:
    """An operation on the student list in Determining Student Learning Needs."""

    key: str
    number: int
    step: str
    text: str


@dataclass(frozen=True)
class PlanComponent:
    """A component of the school implementation plan and how to review it."""

    key: str
    name: str
    questions: tuple[str, ...]
    lead_term: str | None = None


@dataclass(frozen=True)
class QuestionSet:
    """A named set of design questions (Collaborative Instructional Design)."""

    key: str
    name: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackRound:
    """A Critical Friends round (plus, delta, share) and its sentence stem."""

    key: str
    name: str
    purpose: str
    stem: str


@dataclass(frozen=True)
class Protocol:
    """One of the seven school-site protocols (Figures 4.4–4.10)."""

    key: str
    number: int
    name: str
    figure: str
    purpose: str
    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    norms: tuple[NumberedItem, ...] = ()
    notes: tuple[str, ...] = ()
    data_operations: tuple[DataOperation, ...] = ()
    plan_components: tuple[PlanComponent, ...] = ()
    lesson_components: tuple[NumberedItem, ...] = ()
    question_sets: tuple[QuestionSet, ...] = ()
    rounds: tuple[FeedbackRound, ...] = ()
    confidential: bool = False

    def minutes_range(self, per: Per | None = None) -> tuple[int, int]:
        """Sum (min, max) minutes of the steps that repeat `per` unit (None: the fixed
        part). Steps without minutes ("—") add nothing."""
        timed = [s for s in self.steps if s.per == per and s.minutes_min is not None]
        return sum(s.minutes_min for s in timed), sum(s.minutes_max for s in timed)


@dataclass(frozen=True)
class Person:
    """Someone in a case story."""

    key: str
    name: str
    role: str


@dataclass(frozen=True)
class Framing:
    """How a school in a case first framed its work, and the profile it became."""

    key: str
    name: str
    meaning: str
    profile: str


@dataclass(frozen=True)
class Case:
    """A teaching case the demo data retells."""

    key: str
    name: str
    people: tuple[Person, ...]
    focus: str
    root_causes: str
    questions: tuple[str, ...]
    framings: tuple[Framing, ...]


@dataclass(frozen=True)
class Finding:
    """A research finding the sources cite."""

    key: str
    finding: str
    cited_as: str
    where: str
    note: str | None = None


@dataclass(frozen=True)
class Reference:
    """A full reference as the sources give it."""

    key: str
    citation: str


def _find(items, key: str, kind: str):
    for item in items:
        if item.key == key:
            return item
    valid = ", ".join(item.key for item in items)
    raise KeyError(f"no {kind} {key!r}; valid keys: {valid}")


@dataclass(frozen=True)
class Framework:
    """The whole framework. Sections are the top-level keys of the YAML files."""

    sources: tuple[Source, ...]
    figures_credit: str
    purpose: Purpose
    questions_intro: str
    questions: tuple[LeaderQuestion, ...]
    core_principle: CorePrinciple
    anchoring_ideas: tuple[AnchoringIdea, ...]
    four_cs_intro: str
    four_cs: tuple[FourC, ...]
    phases_intro: str
    phases: tuple[Phase, ...]
    drivers_intro: str
    drivers: tuple[Driver, ...]
    pop_levels: tuple[ProblemOfPracticeLevel, ...]
    inquiry_intro: str
    inquiry_phases: tuple[InquiryPhase, ...]
    cycle_lengths: tuple[CycleLength, ...]
    first_cycle: FirstCycle
    evidence_intro: str
    evidence_categories: tuple[Definition, ...]
    evidence_sources: tuple[EvidenceSource, ...]
    assessment_continuum: tuple[AssessmentLevel, ...]
    lead_terms: tuple[Definition, ...]
    indicators_intro: str
    indicators: tuple[SuccessIndicator, ...]
    profiles_intro: str
    profiles: tuple[Profile, ...]
    capacity_survey_intro: str
    capacity_survey: tuple[CapacityIndicator, ...]
    protocols_intro: str
    protocol_conventions: tuple[str, ...]
    protocol_cycle: tuple[CycleStage, ...]
    dok_levels: tuple[NumberedItem, ...]
    protocols: tuple[Protocol, ...]
    cases: tuple[Case, ...]
    glossary: tuple[Definition, ...]
    findings: tuple[Finding, ...]
    references: tuple[Reference, ...]

    def driver(self, key: str) -> Driver:
        """The driver with this key; KeyError lists the valid keys."""
        return _find(self.drivers, key, "driver")

    def protocol(self, key: str) -> Protocol:
        """The protocol with this key; KeyError lists the valid keys."""
        return _find(self.protocols, key, "protocol")

    def indicator(self, key: str) -> SuccessIndicator:
        """The success indicator with this key; KeyError lists the valid keys."""
        return _find(self.indicators, key, "success indicator")

    def profile(self, key: str) -> Profile:
        """The school profile with this key; KeyError lists the valid keys."""
        return _find(self.profiles, key, "profile")

    def capacity_options(self, indicator: str) -> tuple[tuple[str, str], ...]:
        """The answers to one survey question: (profile key, that profile's text for
        `indicator`), in Figure 4.1's order."""
        key = _find(self.capacity_survey, indicator, "capacity indicator").key
        return tuple((p.key, getattr(p, key)) for p in self.profiles)
