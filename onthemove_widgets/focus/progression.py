"""The 3-week learning progression (§4.3): a unit of 1–3-day tasks with formative checks built in.

Collective expertise grows from teams designing progressions together: a learning
target, a performance outcome, a few success indicators in focus, and tasks short
enough that the task predicts performance (Elmore). The model keeps indicator keys,
not names, like the theory of action, so a renamed indicator never breaks a draft.
"""

from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from ..framework import load_framework
from .theory_of_action import MAX_INDICATORS, Check, listing

SPAN_WEEKS = 3
SPAN_DAYS = 15  # 3 school weeks
MIN_TASK_DAYS, MAX_TASK_DAYS = 1, 3


@dataclass(frozen=True)
class Task:
    """One learning task; refused on creation unless it lasts 1–3 days."""

    name: str = ""
    days: int = 1
    description: str = ""
    formative_check: str = ""

    def __post_init__(self):
        if isinstance(self.days, bool) or not isinstance(self.days, int) or not MIN_TASK_DAYS <= self.days <= MAX_TASK_DAYS:
            named = f"“{self.name.strip()}”" if self.name.strip() else "This task"
            raise ValueError(
                f"{named} is set to {self.days!r} days; a learning task lasts {MIN_TASK_DAYS}–{MAX_TASK_DAYS} days, "
                "short enough that the task predicts performance. Split a longer task in two."
            )


@dataclass(frozen=True)
class LearningProgression:
    """One team's progression; indicators are framework keys, checked on creation."""

    title: str = ""
    subject_grade: str = ""
    learning_target: str = ""
    performance_outcome: str = ""
    indicators: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = field(default_factory=tuple)
    school_name: str = ""

    def __post_init__(self):
        framework = load_framework()
        for key in self.indicators:
            framework.indicator(key)  # KeyError naming the valid keys

    @property
    def total_days(self):
        return sum(task.days for task in self.tasks)

    def to_body(self):
        """A plain JSON dict for the store; tuples become lists, as JSON reads them back."""
        body = asdict(self)
        body["indicators"] = list(self.indicators)
        body["tasks"] = [asdict(task) for task in self.tasks]
        return body

    @classmethod
    def from_body(cls, body):
        """The progression saved as ``body``; missing fields get their defaults so old drafts open."""
        tasks = tuple(Task(**{name: raw.get(name, default) for name, default in _TASK_DEFAULTS.items()}) for raw in body.get("tasks") or ())
        return cls(
            title=body.get("title") or "",
            subject_grade=body.get("subject_grade") or "",
            learning_target=body.get("learning_target") or "",
            performance_outcome=body.get("performance_outcome") or "",
            indicators=tuple(body.get("indicators") or ()),
            tasks=tasks,
            school_name=body.get("school_name") or "",
        )


_TASK_DEFAULTS = asdict(Task())


def progression_indicator_names(progression):
    """The indicators in focus, by their framework names, in the order chosen."""
    framework = load_framework()
    return [framework.indicator(key).name for key in progression.indicators]


def span_line(progression):
    """'9 of 15 school days (3 weeks)': the tasks' total against the progression's span."""
    return f"{progression.total_days} of {SPAN_DAYS} school days ({SPAN_WEEKS} weeks)"


def progression_checks(progression):
    """The three coaching checks, always in the same order: span, formative checks, indicators."""
    return [_span(progression), _formative_checks(progression), _indicators(progression)]


def _span(progression):
    total = progression.total_days
    if not progression.tasks:
        return Check("span", False, f"Add the learning tasks, {MIN_TASK_DAYS}–{MAX_TASK_DAYS} days each, that fill the {SPAN_WEEKS} weeks.")
    if total > SPAN_DAYS:
        return Check(
            "span",
            False,
            f"The tasks take {total} school days, {total - SPAN_DAYS} more than the {SPAN_WEEKS}-week span ({SPAN_DAYS} days). "
            "Cut or merge tasks, so the team looks at students' work while there is still time to adjust.",
        )
    return Check("span", True, f"The tasks take {span_line(progression)}, inside the span, leaving the team time to look at the work together.")


def _formative_checks(progression):
    missing = [task.name.strip() or f"task {number}" for number, task in enumerate(progression.tasks, 1) if not task.formative_check.strip()]
    if not progression.tasks or len(missing) == len(progression.tasks):
        return Check(
            "formative_checks",
            False,
            "No task has a formative check yet. Build one into each task, so the team sees during the progression, not after it, who is learning.",
        )
    if missing:
        return Check("formative_checks", True, f"Formative checks are built in; still to add for {listing(missing)}.")
    return Check("formative_checks", True, "Every task ends with a formative check, so learning is visible day by day.")


def _indicators(progression):
    count = len(progression.indicators)
    if count == 0:
        return Check("indicators", False, "Choose the success indicators in focus: the year-long skills these tasks make students practise.")
    if count > MAX_INDICATORS:
        return Check("indicators", False, f"{count} indicators spread one progression thin; keep the {MAX_INDICATORS} or fewer the tasks practise most.")
    return Check("indicators", True, f"The tasks practise {listing(progression_indicator_names(progression))}.")


def progression_link(school_id, team, key="main"):
    """The query string that opens this progression in another app (Collaborative Instructional Design)."""
    return "?" + urlencode({"school": school_id, "team": team, "progression": key})
