"""What a district calls its measures, subjects and windows: read from its data, or its `district.yaml`.

Apps and reports never name a measure or a window themselves. They ask the district's
settings which measure is the state test, which is the cycle check the team gives every
inquiry cycle, and in which order the windows come. Each answer is read from the data
when the district's files make it plain, and a small optional `district.yaml` beside the
four tables says it outright when they do not (see datasets/README.md):

```yaml
state_test: sbac                 # the measure reported as the state test, every subject
cycle_check: {measure: cycle_check, subject: ELA}   # the measure growth is read on
windows: [baseline, cycle_1, cycle_2, end_of_year]  # teaching order, the whole year
labels: {sbac: State test, cycle_check: Cycle check} # display names for codes
```
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

SETTINGS_FILE = "district.yaml"
KEYS = ("name", "state_test", "cycle_check", "windows", "windows_found", "compare_schools", "labels")
"""`windows_found` is written into each school's folder by the report batch: the district's
windows in order, found in its data rather than listed by the district (the year may have
more to come). People write `windows`."""
STANDARD_WINDOW = re.compile(r"^(baseline|cycle_([1-9]\d*)|end_of_year)$")
CYCLES = 10
"""Inquiry cycles in a school year when a district with standard window names does not list them."""


@dataclass(frozen=True)
class CycleCheck:
    """The local measure, and its subject, that growth and on-track are read on."""

    measure: str
    subject: str


@dataclass(frozen=True)
class DistrictSettings:
    """A district's measures, subjects and calendar; `windows` lists the whole year in teaching order.

    `listed` is True when `windows` came from `district.yaml` (so it holds windows not yet
    assessed); otherwise it holds the windows found in the data.
    """

    state_test: str | None = None
    cycle_check: CycleCheck | None = None
    windows: tuple = ()
    labels: dict = field(default_factory=dict)
    listed: bool = False
    name: str = "the district"
    compare_schools: tuple = ()  # school ids a driver notebook compares (empty: every school)

    @property
    def first_window(self):
        """Where growth is measured from (the demo's `baseline`)."""
        return self.windows[0] if self.windows else None

    @property
    def last_window(self):
        """The year's last window (the demo's `end_of_year`)."""
        return self.windows[-1] if self.windows else None

    def label(self, code):
        """The words to show for a code: the district's label, else the code made readable."""
        code = str(code)
        if code in self.labels:
            return self.labels[code]
        match = STANDARD_WINDOW.match(code)
        if match and match.group(2):
            return f"cycle {match.group(2)}"
        return code.replace("_", " ")

    def measure(self, measure=None, subject=None, role="cycle_check", subjects=()):
        """(measure, subject) to show: the ones asked for, else the district's measure for `role`.

        `role` is "cycle_check" or "state_test"; `subjects` lists the subjects the measure has
        (the first is taken when `subject` is None and the role names no subject).
        """
        if measure is None:
            if role == "state_test" and self.state_test is not None:
                measure = self.state_test
            elif self.cycle_check is not None:
                measure, subject = self.cycle_check.measure, subject or self.cycle_check.subject
        if subject is None and measure is not None and self.cycle_check is not None and measure == self.cycle_check.measure:
            subject = self.cycle_check.subject
        if subject is None and subjects:
            subject = sorted(subjects)[0]
        return measure, subject

    def school_year(self, cycles=CYCLES):
        """Every window of the year, assessed or not yet.

        Windows listed in `district.yaml` are the year. Otherwise, when the data's windows
        follow the standard names, the year is baseline, cycle_1 … cycle_`cycles`,
        end_of_year (so mid-year a report knows the year has more cycles to come); else it
        is the windows found in the data.
        """
        if self.listed or not all(STANDARD_WINDOW.match(w) for w in self.windows):
            return list(self.windows)
        found = [w for w in self.windows if w.startswith("cycle_")]
        cycles = max([cycles, *(int(w.removeprefix("cycle_")) for w in found)])
        return ["baseline", *(f"cycle_{k}" for k in range(1, cycles + 1)), "end_of_year"]


def district_settings(source, tables):
    """The settings of the district at `source` (its raw `tables` read), and every problem with them."""
    raw, problems = read_settings(source)
    settings, unresolved = resolve_settings(raw, tables.get("assessments"))
    problems += unresolved + unlisted_windows(settings, tables.get("assessments")) + unknown_schools(settings, tables.get("schools"))
    return settings, problems


def read_settings(source):
    """The raw `district.yaml` beside a district folder, as a dict, and its problems."""
    path = Path(source) / SETTINGS_FILE
    if not Path(source).is_dir() or not path.is_file():
        return {}, []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except UnicodeDecodeError:
        return {}, [Problem(SETTINGS_FILE, None, None, "is not UTF-8 text; save it again as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return {}, [Problem(SETTINGS_FILE, line, None, f"is not valid YAML ({getattr(error, 'problem', None) or 'unreadable'}); row is the line")]
    if not isinstance(raw, dict):
        return {}, [Problem(SETTINGS_FILE, None, None, "must be a list of 'key: value' lines (state_test, cycle_check, windows, labels)")]
    unknown = sorted(set(map(str, raw)) - set(KEYS))
    problems = [Problem(SETTINGS_FILE, None, key, f"unknown setting; the settings are {', '.join(KEYS)}") for key in unknown]
    return raw, problems


def resolve_settings(raw, assessments):
    """Settings for a district: what `raw` (from district.yaml) says, the rest read from `assessments`.

    `assessments` is the raw text table (or None when it could not be read). Returns
    ``(settings, problems)``; a setting that names something the data does not have is a
    problem, never a silent fallback.
    """
    problems = []
    windows, listed = _windows(raw, assessments, problems)
    pairs = _measure_windows(assessments)
    cycle_check = _cycle_check(raw, pairs, problems)
    state_test = _state_test(raw, pairs, cycle_check, problems)
    labels = raw.get("labels") or {}
    if not isinstance(labels, dict):
        problems.append(Problem(SETTINGS_FILE, None, "labels", "must be a list of 'code: words' lines"))
        labels = {}
    compare = raw.get("compare_schools") or []
    if not isinstance(compare, list):
        problems.append(Problem(SETTINGS_FILE, None, "compare_schools", "must list school ids, e.g. [S0002, S0003]"))
        compare = []
    name = str(raw.get("name") or "the district")
    labels = {str(k): str(v) for k, v in labels.items()}
    settings = DistrictSettings(state_test, cycle_check, tuple(windows), labels, listed, name, tuple(map(str, compare)))
    return settings, problems


def unlisted_windows(settings, assessments):
    """One problem per window in the data that `district.yaml` does not list, with its rows."""
    if not settings.listed or assessments is None or "window" not in assessments:
        return []
    file = assessments.attrs.get("file", "assessments.csv")
    stray = assessments.loc[~assessments["window"].isin(settings.windows) & (assessments["window"] != ""), "window"]
    return [
        Problem(file, int(rows.index[0]), "window", f"window '{window}' ({len(rows)} row(s)) is not among the windows listed in {SETTINGS_FILE}: {', '.join(settings.windows)}")
        for window, rows in stray.groupby(stray, sort=True)
    ]


def unknown_schools(settings, schools):
    """A problem when `compare_schools` names a school that schools.csv does not have."""
    if schools is None or "school_id" not in schools:
        return []
    unknown = [s for s in settings.compare_schools if s not in set(schools["school_id"])]
    return [Problem(SETTINGS_FILE, None, "compare_schools", f"school '{s}' is not in schools.csv") for s in unknown]


def settings_text(settings):
    """`district.yaml` text that says every setting outright (what a school's folder carries)."""
    body = {
        "name": settings.name,
        "state_test": settings.state_test,
        "cycle_check": {"measure": settings.cycle_check.measure, "subject": settings.cycle_check.subject} if settings.cycle_check else None,
        "windows" if settings.listed else "windows_found": list(settings.windows),
        "compare_schools": list(settings.compare_schools),
        "labels": dict(settings.labels),
    }
    return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def _windows(raw, assessments, problems):
    """The year's windows: listed in the settings, else standard order, else by date."""
    found = [] if assessments is None or "window" not in assessments else [w for w in assessments["window"].dropna().unique() if w != ""]
    for key in ("windows", "windows_found"):
        listed = raw.get(key)
        if listed is None:
            continue
        if not isinstance(listed, list) or not listed or len(set(map(str, listed))) != len(listed):
            problems.append(Problem(SETTINGS_FILE, None, key, "must list each window once, in teaching order, e.g. [fall, winter, spring]"))
        else:
            return [str(w) for w in listed], key == "windows"
    if all(STANDARD_WINDOW.match(w) for w in found):
        return sorted(found, key=_standard_position), False
    return _by_date(assessments, found), False


def _standard_position(window):
    if window == "baseline":
        return 0
    if window == "end_of_year":
        return 10**9
    return int(window.removeprefix("cycle_"))


def _by_date(assessments, found):
    """Windows ordered by the median date their scores were taken (a window's name says nothing)."""
    from .schemas import parse_dates

    median = parse_dates(assessments["date"]).groupby(assessments["window"]).median().dropna()
    dated = sorted((w for w in found if w in median.index), key=lambda w: (median[w], w))
    return dated + sorted(w for w in found if w not in median.index)


def _measure_windows(assessments):
    """{(measure, subject): (windows assessed, rows)} from the raw assessments."""
    if assessments is None or not {"measure", "subject", "window"} <= set(assessments.columns):
        return {}
    table = assessments.groupby(["measure", "subject"], observed=True)["window"].agg(["nunique", "size"])
    return {key: (int(n), int(rows)) for key, (n, rows) in table.iterrows() if all(key)}


def _cycle_check(raw, pairs, problems):
    """The named cycle check, else the measure and subject assessed in the most windows."""
    named = raw.get("cycle_check")
    if named is not None:
        if not isinstance(named, dict) or set(named) != {"measure", "subject"}:
            problems.append(Problem(SETTINGS_FILE, None, "cycle_check", "must name a measure and a subject, e.g. {measure: reading_check, subject: ELA}"))
            return None
        check = CycleCheck(str(named["measure"]), str(named["subject"]))
        if pairs and (check.measure, check.subject) not in pairs:
            problems.append(Problem(SETTINGS_FILE, None, "cycle_check", f"no scores for measure '{check.measure}', subject '{check.subject}' in assessments.csv"))
        return check
    if not pairs:
        return None
    measure, subject = max(sorted(pairs), key=pairs.get)  # ties: the first in alphabetical order
    return CycleCheck(measure, subject)


def _state_test(raw, pairs, cycle_check, problems):
    """The named state test, else the other measure assessed in the fewest windows (None if there is none)."""
    measures = {m for m, _ in pairs}
    if "state_test" in raw:
        named = raw["state_test"]
        if named is not None and measures and str(named) not in measures:
            problems.append(Problem(SETTINGS_FILE, None, "state_test", f"no scores for measure '{named}' in assessments.csv"))
        return None if named is None else str(named)
    others = {}
    for (measure, _), (windows, _) in pairs.items():
        if cycle_check is None or measure != cycle_check.measure:
            others[measure] = min(others.get(measure, windows), windows)
    return min(others, key=lambda m: (others[m], m)) if others else None
