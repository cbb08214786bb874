"""Write an import as a district data folder, or add it to one (`--into`)."""

import csv
from pathlib import Path

import pandas as pd
import yaml

from ..data.read import read_tables
from ..data.schemas import SCHEMAS
from .result import COLUMNS, TABLES

SETTINGS_HEADER = "# Written by `onthemove import`; every key is optional (datasets/README.md).\n"


def write_district(result, out):
    """Write `result`'s tables and settings into the new folder `out`; returns the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_table(out, name, frame) for name, frame in result.tables.items()]
    if result.settings:
        path = out / "district.yaml"
        path.write_text(SETTINGS_HEADER + yaml.safe_dump(result.settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
        written.append(path)
    return written


def add_into(result, folder):
    """Add `result` to the district folder `folder`: scores matched to its students by id.

    The folder's schools and students stay as they are (the roster came first); scores,
    criteria and settings the folder lacks are added, its own rows and keys win. Returns
    the assessment rows whose student the folder does not hold (left out, counted by the
    caller); a table the folder lacks is written whole.
    """
    existing = read_tables(Path(folder))[0]
    combined = {}
    for name in TABLES:
        old, new = existing.get(name), result.tables.get(name)
        if new is None or (old is not None and name in ("schools", "students")):
            continue
        combined[name] = new if old is None else _union(name, old, new)
    known = set(combined.get("students", existing.get("students", pd.DataFrame(columns=["student_id"])))["student_id"])
    unmatched = pd.DataFrame()
    if "assessments" in combined:
        scores = combined["assessments"]
        unmatched = scores[~scores["student_id"].isin(known)]
        combined["assessments"] = scores[scores["student_id"].isin(known)]
    for name, frame in combined.items():
        _write_table(Path(folder), name, frame)
    _add_settings(Path(folder), result.settings)
    return unmatched


def _add_settings(folder, settings):
    """district.yaml keys the folder lacks, added at the end (its own keys and comments stay)."""
    path = folder / "district.yaml"
    current = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    missing = {key: value for key, value in settings.items() if key not in current}
    if not missing:
        return
    text = path.read_text(encoding="utf-8") if path.exists() else SETTINGS_HEADER
    path.write_text(text.rstrip("\n") + "\n" + yaml.safe_dump(missing, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _union(name, old, new):
    """Old rows, then new rows whose key the old table lacks (the folder's own rows win)."""
    schema = SCHEMAS[name]  # the key validate holds unique: one row per school, student, score, criterion
    key = list(schema.unique or [column for column, check in schema.columns.items() if check.unique])
    fresh = new.merge(old[key].drop_duplicates(), on=key, how="left", indicator=True)
    fresh = fresh[fresh["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([old, fresh], ignore_index=True).fillna("")


def _write_table(folder, name, frame):
    columns = [c for c in COLUMNS[name] if c in frame.columns] + [c for c in frame.columns if c not in COLUMNS[name]]
    path = folder / f"{name}.csv"
    frame[columns].fillna("").astype(str).to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return path
