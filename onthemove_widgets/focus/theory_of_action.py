"""The theory-of-action drafter's model: an if–then statement and the checks a coach would make.

Clarity of focus is written as "If we …, then …, as measured by …" (§4.1). The draft
keeps framework keys, not names, so renaming an indicator in the YAML never breaks a
saved draft; names come from the framework only when text is shown.
"""

import re
from dataclasses import asdict, dataclass

from ..framework import load_framework

PLACEHOLDER = "…"
# The framework's cycles run from a 3-week learning progression to a 9–12-week school
# implementation plan; these are the cycle lengths the cycle check cites.
MIN_WEEKS, MAX_WEEKS = 3, 12
CITED_CYCLES = ("progression", "clarity_of_focus", "site_central_office")
MAX_INDICATORS = 3
WHOLE_SCHOOL = {"all", "all students", "all our students", "all of our students", "every student", "everyone", "students"}

# Month names count only capitalised, because "may" and "march" are also verbs.
_MONTH = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_TIME_FRAME = re.compile(
    "|".join(
        [
            rf"(?:\b\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}}\b)?(?:,?\s+\d{{4}}\b)?",  # 15 May, May 15, May 2027
            r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",  # 2027-05-15, 5/15/2027
            r"\b(?:19|20)\d{2}(?:[–-]\d{2,4})?\b",  # 2027, 2026–27
            r"(?i:\bby the end of\b)",
            r"(?:\b\d+(?:\s*(?:[–-]|to)\s*\d+)?[\s-]*)?(?i:\b(?:weeks?|months?)\b)",  # 9 weeks, 9–12-week, months
        ]
    )
)
# An amount is a digit or "percent" left once the time frame is taken out, so "by 2027"
# or "in 9 weeks" alone does not count as how much growth.
_AMOUNT = re.compile(r"\d|%|\bper ?cent\b", re.IGNORECASE)
MEASURABLE_EXAMPLE = "“from 40% to 55% of English learners at or above near by May 2027”"


@dataclass(frozen=True)
class TheoryOfAction:
    """One school's draft; indicators and evidence are framework keys, checked on creation."""

    problem_of_practice: str = ""
    indicators: tuple[str, ...] = ()
    practices: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    cycle_weeks: int | None = None
    outcome: str = ""
    equity_focus: str = ""
    school_name: str = ""

    def __post_init__(self):
        framework = load_framework()
        _check_keys(self.indicators, framework.indicators, "success indicator")
        _check_keys(self.evidence, framework.evidence_sources, "evidence source")

    def to_body(self):
        """A plain JSON dict for the store; tuples become lists, as JSON reads them back."""
        return {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()}

    @classmethod
    def from_body(cls, body):
        """The draft saved as ``body``; missing fields get their defaults so old drafts open."""
        return cls(
            problem_of_practice=body.get("problem_of_practice") or "",
            indicators=tuple(body.get("indicators") or ()),
            practices=tuple(body.get("practices") or ()),
            evidence=tuple(body.get("evidence") or ()),
            cycle_weeks=body.get("cycle_weeks"),
            outcome=body.get("outcome") or "",
            equity_focus=body.get("equity_focus") or "",
            school_name=body.get("school_name") or "",
        )


@dataclass(frozen=True)
class Check:
    """One quality check: whether the draft passes, and why, in a coach's words."""

    key: str
    passed: bool
    message: str


def _check_keys(keys, items, kind):
    valid = [item.key for item in items]
    for key in keys:
        if key not in valid:
            raise ValueError(f"unknown {kind} key {key!r}; valid keys: {', '.join(valid)}")


def listing(items, conjunction="and"):
    """'a', 'a and b', 'a, b and c'; the placeholder when there is nothing to list."""
    items = [item for item in items if item]
    if not items:
        return PLACEHOLDER
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _clause(text):
    """Typed text as part of a sentence: on one line, without its own closing punctuation."""
    return " ".join(text.split()).rstrip(".;,").strip()


def _by_key(items, key):
    return next(item for item in items if item.key == key)


def _sources(names, conjunction="and"):
    """Evidence-source names inside a sentence: 'student work and surveys'."""
    return listing([_lower_first(name) for name in names], conjunction)


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _in_sentence(text):
    """A practice typed as its own line ("Model annotation") as it reads after "If we": "model annotation" (acronyms kept)."""
    return _lower_first(text) if text[1:2].islower() else text


def problem_line(toa):
    """The problem of practice the theory of action answers, as the sentence before it."""
    return f"Our problem of practice: {_clause(toa.problem_of_practice) or PLACEHOLDER}."


def _upper_first(text):
    return text[:1].upper() + text[1:]


def indicator_names(toa):
    """The chosen indicators' names, in the order chosen."""
    framework = load_framework()
    return [framework.indicator(key).name for key in toa.indicators]


def evidence_names(toa):
    """The chosen evidence sources' names, in the order chosen."""
    sources = load_framework().evidence_sources
    return [_by_key(sources, key).name for key in toa.evidence]


def statement(toa):
    """The live preview: "If we <practices>, then <group> will grow in <indicators> (<outcome>), as measured by <evidence>."."""
    practices = listing([_in_sentence(_clause(practice)) for practice in toa.practices])
    group = _clause(toa.equity_focus) or PLACEHOLDER
    skills = listing(indicator_names(toa))
    outcome = _clause(toa.outcome) or PLACEHOLDER
    return f"If we {practices}, then {group} will grow in {skills} ({outcome}), as measured by {_sources(evidence_names(toa))}."


def quality_checks(toa):
    """The five checks, always in the same order, so the editor can show them as a list."""
    return [_measurable_outcome(toa), _lead_indicators(toa), _evidence_matches(toa), _student_group(toa), _cycle_length(toa)]


def _measurable_outcome(toa):
    missing = []
    if not _AMOUNT.search(_TIME_FRAME.sub(" ", toa.outcome)):
        missing.append("Say how much growth, as a number or percent.")
    if not _TIME_FRAME.search(toa.outcome):
        missing.append("Say by when: a month, a year, a date or a number of weeks.")
    if not missing:
        return Check("measurable_outcome", True, "The outcome says how much growth and by when, so the team will know whether the cycle worked.")
    return Check("measurable_outcome", False, f"{' '.join(missing)} For example: {MEASURABLE_EXAMPLE}. Without both, no one can tell whether the cycle worked.")


def _lead_indicators(toa):
    count = len(toa.indicators)
    lead = _by_key(load_framework().lead_terms, "lead_indicator")
    definition = f"A {lead.term.lower()} is {_lower_first(lead.meaning)}"
    if count == 0:
        return Check("lead_indicators", False, f"Choose at least one skill to focus on. {definition}")
    if count > MAX_INDICATORS:
        return Check(
            "lead_indicators",
            False,
            f"{count} indicators dilute the focus: staff can practise and watch only a few skills at once, and spread thin none moves far enough to see. "
            f"Keep the {MAX_INDICATORS} or fewer that best predict the outcome.",
        )
    return Check("lead_indicators", True, f"Few enough ({count}) to teach and watch every week. {definition}")


def _evidence_matches(toa):
    framework = load_framework()
    foundational = [source for source in framework.evidence_sources if source.category == "foundational"]
    category = _by_key(framework.evidence_categories, "foundational")
    measure = _by_key(framework.lead_terms, "lead_measure")
    why = f"{measure.term}s need a {category.term.lower()} source: {_lower_first(_clause(category.meaning))}."
    chosen = [source for source in foundational if source.key in toa.evidence]
    if chosen:
        return Check("evidence_matches", True, f"{_upper_first(_sources([s.name for s in chosen]))} show learning at the desk. {why}")
    options = _sources([source.name for source in foundational], "or")
    if toa.evidence:
        return Check("evidence_matches", False, f"{_upper_first(_sources(evidence_names(toa)))} add perspectives; add {options} too. {why}")
    if toa.indicators:
        return Check("evidence_matches", False, f"Nothing yet shows whether students gain {listing(indicator_names(toa))}: add {options}. {why}")
    return Check("evidence_matches", False, f"Choose how you will see the learning: {options}. {why}")


def _student_group(toa):
    group = " ".join(toa.equity_focus.lower().split()).strip(" .!")
    prompt = _by_key(load_framework().protocol("determining_student_learning_needs").steps, "determining_subgroups").prompts[0]
    if not group:
        return Check("student_group", False, f"Name the student group this cycle is for. {prompt}")
    if group in WHOLE_SCHOOL:
        return Check("student_group", False, f"“{toa.equity_focus.strip()}” hides who is furthest behind; equitable growth means naming them. {prompt}")
    return Check("student_group", True, f"The cycle keeps {toa.equity_focus.strip()} in view, so growth can be checked for them, not only on average.")


def _cycle_length(toa):
    cycles = [_by_key(load_framework().cycle_lengths, key) for key in CITED_CYCLES]
    cited = "Framework cycles: " + " · ".join(f"{cycle.context}: {cycle.length}" for cycle in cycles) + "."
    weeks = toa.cycle_weeks
    if weeks is None:
        return Check("cycle_length", False, f"Set how many weeks the cycle runs ({MIN_WEEKS}–{MAX_WEEKS}). {cited}")
    if weeks < MIN_WEEKS:
        return Check("cycle_length", False, f"{weeks} weeks is too short for practice, and then students' work, to change. {cited}")
    if weeks > MAX_WEEKS:
        return Check("cycle_length", False, f"{weeks} weeks is too long to wait before checking evidence and adjusting. {cited}")
    return Check("cycle_length", True, f"{weeks} weeks fits the framework's cycles. {cited}")
