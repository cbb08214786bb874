"""Clarity of focus (§4.1): the theory-of-action drafter and the school implementation plan.

Plain models and functions only, so widgets, notebooks and exports share one meaning
of a draft and its checks.
"""

from .plan import ImplementationPlan, component_prompts, revision_log, side_by_side
from .theory_of_action import Check, TheoryOfAction, evidence_names, indicator_names, listing, quality_checks, statement

__all__ = [
    "Check",
    "ImplementationPlan",
    "TheoryOfAction",
    "component_prompts",
    "evidence_names",
    "indicator_names",
    "listing",
    "quality_checks",
    "revision_log",
    "side_by_side",
    "statement",
]
