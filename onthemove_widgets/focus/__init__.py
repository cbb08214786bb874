"""Clarity of focus (§4.1) and collective expertise (§4.3): the theory of action, the
school implementation plan and the 3-week learning progression.

Plain models and functions only, so widgets, notebooks and exports share one meaning
of a draft and its checks.
"""

from .plan import ImplementationPlan, component_prompts, revision_log, side_by_side
from .progression import LearningProgression, Task, progression_checks, progression_indicator_names, progression_link, span_line
from .theory_of_action import Check, TheoryOfAction, evidence_names, indicator_names, listing, quality_checks, statement

__all__ = [
    "Check",
    "ImplementationPlan",
    "LearningProgression",
    "Task",
    "TheoryOfAction",
    "component_prompts",
    "evidence_names",
    "indicator_names",
    "listing",
    "progression_checks",
    "progression_indicator_names",
    "progression_link",
    "quality_checks",
    "revision_log",
    "side_by_side",
    "span_line",
    "statement",
]
