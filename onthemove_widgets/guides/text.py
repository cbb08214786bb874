"""The hand-written part of each guide: one YAML file per guide in facilitator_guides/text/.

The framework data holds what a protocol *is* (steps, minutes, prompts); these files hold
how to *run* it. Loading checks the two fit: every step of the data has text and every
text names a real step (or, for a guide without steps, a real part of its notebook), so
a renamed step fails here with the file and key, not as a silently stale guide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import OnTheMoveError
from ..paths import REPO_ROOT

TEXT_DIR = REPO_ROOT / "facilitator_guides" / "text"
_STEP_FIELDS = {"say": str, "click": list, "moves": list, "stems": list, "good": str, "pitfalls": list, "equity": str}
_OPTIONAL = {"stems"}


class GuideTextError(OnTheMoveError):
    """A guide's YAML is missing something or names a step that does not exist."""


@dataclass(frozen=True)
class Pitfall:
    pitfall: str
    recover: str


@dataclass(frozen=True)
class StepText:
    """How to run one step (or one part of a notebook): words, clicks, moves and recoveries."""

    say: str
    click: tuple[str, ...]
    moves: tuple[str, ...]
    good: str
    pitfalls: tuple[Pitfall, ...]
    equity: str
    stems: tuple[str, ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class CommandText:
    why: str
    command: str


@dataclass(frozen=True)
class Before:
    materials: tuple[str, ...]
    data: tuple[str, ...]
    commands: tuple[CommandText, ...]
    room: tuple[str, ...]


@dataclass(frozen=True)
class GuideText:
    """Everything hand-written for one guide; `steps` is keyed by step key, or holds notebook parts in order."""

    name: str
    purpose: str
    when: str
    who: str
    roles: dict[str, str]
    before: Before
    steps: dict[str, StepText]
    debrief: tuple[str, ...]
    next: tuple[str, ...]
    equity: tuple[str, ...]


def _check(data, where, required, optional=()):
    """The mapping `data`, with every required key and no unknown one."""
    if not isinstance(data, dict):
        raise GuideTextError(f"{where}: expected a mapping of keys, got {type(data).__name__}")
    missing = [key for key in required if key not in data]
    unknown = [key for key in data if key not in (*required, *optional)]
    if missing or unknown:
        raise GuideTextError(f"{where}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}")
    return data


def _texts(value, where):
    """A list of plain sentences; a YAML item with an unquoted ': ' would arrive as a mapping."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GuideTextError(f"{where}: must be a list of sentences (quote any item holding ': ')")
    return tuple(value)


def _step(data, where, heading=False) -> StepText:
    required = [k for k in _STEP_FIELDS if k not in _OPTIONAL] + (["heading"] if heading else [])
    data = _check(data, where, required, _OPTIONAL)
    for key, kind in _STEP_FIELDS.items():
        if key in data and not isinstance(data[key], kind):
            raise GuideTextError(f"{where}: '{key}' must be a {'list' if kind is list else 'text'}")
    pitfalls = tuple(Pitfall(**_check(p, f"{where}: pitfalls", ["pitfall", "recover"])) for p in data["pitfalls"])
    lists = {key: _texts(data.get(key, []), f"{where}: {key}") for key in ("click", "moves", "stems")}
    return StepText(data["say"], good=data["good"], equity=data["equity"], pitfalls=pitfalls, heading=data.get("heading", ""), **lists)


def _before(data, where) -> Before:
    data = _check(data, where, ["materials", "data", "room"], ["commands"])
    commands = tuple(CommandText(**_check(c, f"{where}: commands", ["why", "command"])) for c in data.get("commands", ()))
    texts = {key: _texts(data[key], f"{where}: {key}") for key in ("materials", "data", "room")}
    return Before(texts["materials"], texts["data"], commands, texts["room"])


def parse_text(name, data, where, step_keys=None, part_headings=None) -> GuideText:
    """A guide's text from its YAML data, checked against the protocol's step keys or the notebook's part headings."""
    top = ["purpose", "when", "who", "before", "debrief", "next", "equity"]
    data = _check(data, where, top + ["steps" if step_keys is not None else "parts"], ["roles"])
    if step_keys is not None:
        steps = _check(data["steps"], f"{where}: steps", list(step_keys))
        steps = {key: _step(steps[key], f"{where}: steps: {key}") for key in step_keys}
    else:
        parts = [_step(p, f"{where}: parts", heading=True) for p in data["parts"]]
        if [p.heading for p in parts] != list(part_headings):
            raise GuideTextError(f"{where}: parts must be the notebook's sections in order: {list(part_headings)}; "
                                 f"the text has {[p.heading for p in parts]}")
        steps = {p.heading: p for p in parts}
    lists = {key: _texts(data[key], f"{where}: {key}") for key in ("debrief", "next", "equity")}
    return GuideText(name, data["purpose"], data["when"], data["who"], dict(data.get("roles") or {}),
                     _before(data["before"], f"{where}: before"), steps, **lists)


def load_text(name, step_keys=None, part_headings=None, folder: Path = TEXT_DIR) -> GuideText:
    """The text of guide `name` from `folder`/<name>.yaml; GuideTextError names the file and key at fault."""
    path = folder / f"{name}.yaml"
    if not path.exists():
        raise GuideTextError(f"{path}: no guide text for '{name}'; write one (copy a neighbour's as a start)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_text(name, data, str(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path), step_keys, part_headings)
