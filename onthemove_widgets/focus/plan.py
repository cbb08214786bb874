"""The school implementation plan (Figure 4.5): one text per component, revised every cycle.

The fields are the framework's plan components, read from the YAML, so the editor,
the revision log and the exports always show the same components under the same
names. The framework's tip is never to overwrite a plan but to date each revision; the
store keeps every revision, and this module says what changed between them.
"""

from dataclasses import asdict, field, make_dataclass, replace

from ..framework import load_framework
from ..store import compare

PROTOCOL = "school_implementation_plan"


def _components():
    return load_framework().protocol(PROTOCOL).plan_components


def _to_body(plan):
    """A plain JSON dict for the store."""
    return asdict(plan)


def _from_body(cls, body):
    """The plan saved as ``body``; missing components are blank, so old drafts open."""
    return cls(**{name: body.get(name) or "" for name in cls.__dataclass_fields__})


ImplementationPlan = make_dataclass(
    "ImplementationPlan",
    [(component.key, str, field(default="")) for component in _components()] + [("school_name", str, field(default=""))],
    frozen=True,
    namespace={
        "__module__": __name__,
        "__doc__": "One revision of a school's implementation plan: a text per plan component, and the school's name.",
        "to_body": _to_body,
        "from_body": classmethod(_from_body),
    },
)


def component_prompts():
    """(key, name, review questions) for each component, in the framework's order."""
    return [(component.key, component.name, component.questions) for component in _components()]


def _changed(old, new):
    """Keys of the components that differ, read through the plan so missing fields count as blank."""
    old, new = (replace(revision, body=ImplementationPlan.from_body(revision.body).to_body()) for revision in (old, new))
    return {change.field for change in compare(old, new)}


def revision_log(history):
    """One row per revision, oldest first: what each save changed (the first: what it filled in).

    ``saved_at`` is the UTC time to the minute, so two saves on one day read apart.
    """
    rows = []
    for previous, revision in zip([None, *history], history):
        changed = _changed(previous or replace(revision, body={}), revision)
        rows.append(
            {
                "number": revision.number,
                "saved_at": f"{revision.saved_at:%Y-%m-%d %H:%M} UTC",
                "author": revision.author,
                "changed": [component.name for component in _components() if component.key in changed],
            }
        )
    return rows


def side_by_side(old, new):
    """(name, before, after, changed) per component, for reading two revisions next to each other."""
    changed = _changed(old, new)
    before, after = ImplementationPlan.from_body(old.body), ImplementationPlan.from_body(new.body)
    return [
        (component.name, getattr(before, component.key), getattr(after, component.key), component.key in changed)
        for component in _components()
    ]
