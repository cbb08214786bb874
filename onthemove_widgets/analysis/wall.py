"""The data wall in one call: bands, targets, overrides, filters, order and labels."""

from dataclasses import dataclass

from .baseline import baseline_bands
from .overrides import apply_overrides
from .privacy import student_labels
from .sorting import sort_students
from .targets import growth_targets


@dataclass(frozen=True)
class WallSettings:
    """What a team chose on the wall's controls; the defaults suit a first look."""

    measures: tuple = ()  # (measure, subject) pairs; the first one sorts the wall and sets targets
    rule: str = "lowest"
    target_rule: str = "same_distance"
    points: float | None = None
    period: int | None = None
    only: tuple | None = None  # (column, value): show only one student group
    subgroup: str | None = None  # group cards by this column within each band
    privacy: str = "initials"

    @classmethod
    def opening(cls, measure=None, subject=None, **choices):
        """Settings that open the wall on `measure` (its first subject when `subject` is None);
        with no measure, the wall opens on the district's state test."""
        return cls(measures=((measure, subject),) if measure is not None else (), **choices)


def data_wall(students, assessments, cut_scores, overrides, settings):
    """Every student of `students` with band, target, override and display label, sorted.

    Students with no baseline score on the chosen measures keep a missing band; the
    caller decides how to show them (they are never silently dropped here).
    """
    frame = baseline_bands(students, assessments, cut_scores, list(settings.measures), settings.rule)
    measure, subject = settings.measures[0]
    frame = frame.join(growth_targets(frame, cut_scores, measure, subject, settings.target_rule, settings.points))
    frame = apply_overrides(frame, overrides)
    if settings.period is not None:
        frame = frame.loc[frame["class_period"].eq(settings.period).fillna(False).astype(bool)]
    if settings.only is not None:
        column, value = settings.only
        frame = frame.loc[frame[column] == value]
    frame = sort_students(frame, settings.subgroup)
    return frame.assign(label=student_labels(frame, settings.privacy))
