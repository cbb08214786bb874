"""Read `content/*.yaml` into a `Framework`, strictly.

The YAML is hand-edited, so a misspelt, missing or mistyped field must fail at load
time with the file and item key, not surface later as a blank cell in a notebook.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import types
import typing
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from .errors import FrameworkContentError
from .models import CapacityIndicatorKey, Framework

_KEY = re.compile(r"[a-z][a-z0-9_]*")


@functools.cache
def load_framework() -> Framework:
    """The framework shipped with the package, read once per process."""
    return load_framework_from(resources.files(__package__) / "content")


def load_framework_from(directory: Traversable | str | os.PathLike) -> Framework:
    """Read every `*.yaml` in `directory` (uncached: for tests and content editors)."""
    if isinstance(directory, (str, os.PathLike)):
        directory = Path(directory)
    sections, origin = _read_sections(directory)
    framework = _assemble(sections, origin)
    _check_references(framework, origin)
    return framework


def _read_sections(directory: Traversable) -> tuple[dict, dict[str, str]]:
    """Merge the top-level keys of all files, remembering which file holds each."""
    sections: dict = {}
    origin: dict[str, str] = {}
    files = sorted(
        (f for f in directory.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name
    )
    for file in files:
        try:
            document = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise FrameworkContentError(f"{file.name}: not valid YAML: {error}") from error
        if not isinstance(document, dict):
            raise FrameworkContentError(f"{file.name}: expected a mapping of sections")
        for name, value in document.items():
            if name in origin:
                raise FrameworkContentError(
                    f"{file.name}: section {name!r} is also in {origin[name]}"
                )
            sections[name], origin[name] = value, file.name
    return sections, origin


def _assemble(sections: dict, origin: dict[str, str]) -> Framework:
    hints = typing.get_type_hints(Framework)
    for name in sections.keys() - hints:
        raise FrameworkContentError(f"{origin[name]}: unknown section {name!r}")
    for name in hints.keys() - sections.keys():
        raise FrameworkContentError(f"no content file defines section {name!r}")
    return Framework(**{n: _build(hints[n], sections[n], f"{origin[n]}: {n}") for n in hints})


def _build(tp, value, where: str):
    """Turn plain YAML `value` into type `tp`, or fail naming `where`."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _build_record(tp, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise FrameworkContentError(f"{where}: expected a list, got {value!r}")
        items = tuple(_build(args[0], v, f"{where}[{_label(v, i)}]") for i, v in enumerate(value))
        _check_unique_keys(items, where)
        return items
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))
        return _build(inner, value, where)
    if origin is typing.Literal:
        if value not in args:
            raise FrameworkContentError(f"{where}: {value!r} is not one of {', '.join(args)}")
        return value
    if type(value) is not tp:
        raise FrameworkContentError(f"{where}: expected {tp.__name__}, got {value!r}")
    return value


def _build_record(cls, value, where: str):
    if not isinstance(value, dict):
        raise FrameworkContentError(f"{where}: expected a mapping, got {value!r}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    required = {n for n, f in fields.items() if f.default is dataclasses.MISSING}
    if unknown := sorted(value.keys() - fields.keys()):
        raise FrameworkContentError(
            f"{where}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(fields)})"
        )
    if missing := sorted(required - value.keys()):
        raise FrameworkContentError(f"{where}: missing field(s) {', '.join(missing)}")
    if "key" in fields and not (isinstance(value["key"], str) and _KEY.fullmatch(value["key"])):
        raise FrameworkContentError(f"{where}: key {value['key']!r} must be lower_snake_case")
    hints = typing.get_type_hints(cls)
    return cls(**{n: _build(hints[n], v, f"{where}.{n}") for n, v in value.items()})


def _label(value, index: int) -> str:
    return value["key"] if isinstance(value, dict) and "key" in value else str(index)


def _check_unique_keys(items: tuple, where: str) -> None:
    keys = [item.key for item in items if hasattr(item, "key")]
    if duplicates := sorted({k for k in keys if keys.count(k) > 1}):
        raise FrameworkContentError(f"{where}: duplicate key(s) {', '.join(duplicates)}")


def _check_references(fw: Framework, origin: dict[str, str]) -> None:
    """Keys that point at other items must exist; step minutes must make sense."""

    def require(ok: bool, section: str, where: str, message: str) -> None:
        if not ok:
            raise FrameworkContentError(f"{origin[section]}: {section}{where}: {message}")

    phases = {p.key for p in fw.inquiry_phases}
    protocols = {p.key for p in fw.protocols}
    profiles = {p.key for p in fw.profiles}
    lead_terms = {t.key for t in fw.lead_terms}
    for stage in fw.protocol_cycle:
        where = f"[{stage.key}]"
        require(stage.phase in phases, "protocol_cycle", where, f"unknown phase {stage.phase!r}")
        for key in (k for choice in stage.protocols for k in choice):
            require(key in protocols, "protocol_cycle", where, f"unknown protocol {key!r}")
    for source in fw.evidence_sources:
        for use in source.used_in:
            require(use.phase in phases, "evidence_sources", f"[{source.key}]",
                    f"unknown phase {use.phase!r}")
    for case in fw.cases:
        for framing in case.framings:
            require(framing.profile in profiles, "cases", f"[{case.key}].framings[{framing.key}]",
                    f"unknown profile {framing.profile!r}")
    asked = [i.key for i in fw.capacity_survey]
    require(sorted(asked) == sorted(typing.get_args(CapacityIndicatorKey)), "capacity_survey", "",
            f"must ask about each key indicator once, not {', '.join(asked) or 'none'}")
    for protocol in fw.protocols:
        where = f"[{protocol.key}]"
        for c in protocol.plan_components:
            require(c.lead_term in lead_terms | {None}, "protocols",
                    f"{where}.plan_components[{c.key}]", f"unknown lead term {c.lead_term!r}")
        steps = {s.key for s in protocol.steps}
        for op in protocol.data_operations:
            require(op.step in steps, "protocols", f"{where}.data_operations[{op.key}]",
                    f"unknown step {op.step!r}")
        for step in protocol.steps:
            low, high = step.minutes_min, step.minutes_max
            timed = low is not None and high is not None and 0 < low <= high
            untimed = low is None and high is None and step.per is None
            require(timed or untimed, "protocols", f"{where}.steps[{step.key}]",
                    "minutes must run 0 < min <= max, or both be null (and then no 'per')")
        _check_records(protocol, lambda ok, at, message: require(ok, "protocols", f"{where}.steps[{at}]", message))


def _check_records(protocol, require) -> None:
    """A step's records must draw their choices from lists the protocol has, and no two
    records may share a store key (a new one, or one an earlier app used)."""
    repeats = any(s.per in ("presenter", "participant") for s in protocol.steps)
    available = {"rounds": bool(protocol.rounds), "lesson_components": bool(protocol.lesson_components),
                 "presenters": repeats, "indicators": True, "bands": True, "dok_levels": True}
    seen = set()
    for step in protocol.steps:
        for record in step.records:
            address = record.saved_as or f"{step.key}.{record.key}"
            require(address not in seen, step.key, f"record {record.key!r} repeats the store key {address!r}")
            seen.add(address)
            require((record.kind == "notes") == (not record.fields), step.key,
                    f"record {record.key!r}: notes have no fields; a form or table needs them")
            for field in record.fields:
                require(available.get(field.choices_from, True), step.key,
                        f"record {record.key!r}: field {field.key!r} takes choices from {field.choices_from!r}, which this protocol lacks")
