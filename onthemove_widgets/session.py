"""One way for an app or report to open "this school, this grade, this team" of a district.

Values come from the notebook's parameters (Papermill, nbval, JupyterLab) and, in a
Voilà app, from the page's query string (`?school=S0004&grade=7&team=Grade+7`), so a
coach can hand each table its own link. A participant who opens an app with no school
chosen gets a chooser (`session_view.chooser_html`) instead of someone else's school.

Only the chosen school's rows are loaded: the district is validated and split into one
folder per school once (`reports.shards`, kept in a cache keyed by the files' sizes and
times), and an app then reads its school's folder alone, so opening an app costs the
same in a 12-school and an 80-school district.
"""

import csv
import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from .data import load_district
from .data.stamp import is_stamped
from .errors import OnTheMoveError
from .paths import DEMO_DIR

QUERY_KEYS = {"district": "district", "school": "school_id", "grade": "grade", "team": "team"}
DATA_ROOT = "ONTHEMOVE_DATA_ROOT"
CACHE = "ONTHEMOVE_CACHE"
INDEX = "schools.json"
DEMO = "demo"
PREHEAT = "VOILA_PREHEAT"  # "True" in a kernel of Voilà's preheated pool until its page arrives


class ChooseFirst(OnTheMoveError):
    """The app needs a choice (school, grade) that the page did not carry; the chooser is shown."""


@dataclass(frozen=True)
class Choice:
    """What the participant opened: a data folder, a school, a grade (K or 1–12) and a team."""

    data_dir: str | None = None
    school_id: str | None = None
    grade: str | None = None
    team: str | None = None
    district: str | None = None  # the name of a folder under ONTHEMOVE_DATA_ROOT, from the page


def in_voila():
    """True in a kernel that Voilà started for a page (it sets the CGI-style SERVER_SOFTWARE) or for its pool."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila") or preheating()


def preheating():
    """True in a kernel of Voilà's pool that is still waiting for its page: time spent now costs no one."""
    return os.environ.get(PREHEAT) == "True"


def query_string():
    """The page's query string; a preheated kernel first waits here for the page it will serve.

    Voilà runs a pooled kernel's notebook before anyone opens the page, so the imports
    are paid in advance; `voila.utils.get_query_string` returns once a request takes the
    kernel, with that request's QUERY_STRING and SERVER_SOFTWARE put in os.environ.
    """
    if preheating():
        from voila.utils import get_query_string

        get_query_string()
        if os.environ.get("SERVER_SOFTWARE", "").startswith("voila"):
            os.environ[PREHEAT] = "False"  # the page has come: a later call must not wait for another
    return os.environ.get("QUERY_STRING", "")


def page_query():
    """The page's query string values we accept (first value of each), only inside Voilà."""
    if not in_voila():
        return {}
    values = parse_qs(query_string(), keep_blank_values=False)
    return {field: values[key][0].strip() for key, field in QUERY_KEYS.items() if key in values and values[key][0].strip()}


def page_value(name, default, allowed=None):
    """One more value an app takes from its link (e.g. a survey's `role`), else `default`.

    With `allowed`, only those values are taken; anything else in the link is ignored.
    """
    if not in_voila():
        return default
    values = parse_qs(query_string())
    value = values.get(name, [""])[0].strip()
    return value if value and (allowed is None or value in allowed) else default


def choose(data_dir=None, school_id=None, grade=None, team=None):
    """The parameters, overridden by whatever the page's query string says."""
    query = page_query()
    grade = query.get("grade", grade)
    return Choice(
        data_dir=data_dir,
        school_id=query.get("school_id", school_id),
        grade=None if grade is None else str(grade),
        team=query.get("team", team),
        district=query.get("district"),
    )


def data_root():
    """Where districts are kept by name: ONTHEMOVE_DATA_ROOT, else a folder in the user's data (not created here).

    `onthemove serve` sets ONTHEMOVE_DATA_ROOT to this when it is not given a --data
    folder, so a district the import app writes there is offered in every app's chooser.
    """
    share = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return Path(os.environ.get(DATA_ROOT) or share / "onthemove" / "districts")


def district_folders():
    """The districts a page may open by name: the demo, and each data folder under ONTHEMOVE_DATA_ROOT.

    A query string can only pick one of these names, never a path.
    """
    folders = {DEMO: DEMO_DIR}
    root = os.environ.get(DATA_ROOT)
    if root and Path(root).is_dir():
        for path in sorted(Path(root).iterdir()):
            if path.is_dir() and any((path / f"schools.{ext}").exists() for ext in ("csv", "xlsx")):
                folders[path.name] = path
    return folders


def data_folder(choice):
    """The folder to open: a named district from the page, else the parameter, else the demo."""
    if choice.district is not None:
        folders = district_folders()
        if choice.district not in folders:
            raise ChooseFirst(f"There is no district called '{choice.district}' here; choose one of: {', '.join(folders)}.")
        return Path(folders[choice.district])
    return Path(choice.data_dir) if choice.data_dir is not None else DEMO_DIR


def school_index(source):
    """{school_id: (school_name, folder)} for a district, splitting it into school folders once.

    The split (which validates the whole district, raising `DistrictDataError`) runs only
    when the district's files changed since the last one; many kernels opening at once
    wait for one split under a file lock.
    """
    from .reports.shards import split_district  # pandas and the split load only when needed

    if is_stamped(source):  # already one school's folder (a report batch's), written by us: nothing to split
        with open(Path(source) / "schools.csv", newline="", encoding="utf-8") as schools:
            return {row["school_id"]: (row["school_name"], Path(source)) for row in csv.DictReader(schools)}
    folder = _cache_folder(source)
    index = folder / INDEX
    if index.exists():
        return _read_index(index)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not index.exists():
            shards = split_district(source, folder)
            entries = [[s.school_id, s.school_name, s.path.name] for s in shards.values()]
            tmp = index.with_suffix(".tmp")
            tmp.write_text(json.dumps(entries, ensure_ascii=False))
            tmp.replace(index)
    return _read_index(index)


def open_school(choice, schools=None):
    """The chosen school's own rows (a `District` of one school), graded when a grade is chosen.

    `schools` is the district's `school_index`, when the caller has it already.
    """
    schools = school_index(data_folder(choice)) if schools is None else schools
    if choice.school_id not in schools:
        raise ChooseFirst(f"There is no school with the id '{choice.school_id}' in this district; choose one from the list.")
    school = load_district(schools[choice.school_id][1])
    if choice.grade is None:
        return school
    if choice.grade not in {"K", *map(str, range(1, 13))}:
        raise ChooseFirst(f"'{choice.grade}' is not a grade; choose K or a grade from 1 to 12.")
    return school.grade(choice.grade)


def _read_index(index):
    return {school_id: (name, index.parent / folder) for school_id, name, folder in json.loads(index.read_text(encoding="utf-8"))}


def cache_root():
    """Where school folders are kept: ONTHEMOVE_CACHE, else the user's cache folder."""
    return Path(os.environ.get(CACHE) or Path.home() / ".cache" / "onthemove") / "schools"


def _cache_folder(source):
    """A folder per version of a district: keyed by its path and its files' names, sizes and times."""
    source = Path(source).resolve()
    files = sorted(source.iterdir()) if source.is_dir() else [source]
    sha = hashlib.sha256(str(source).encode())
    for path in files:
        if path.is_file():
            stat = path.stat()
            sha.update(f"\0{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return cache_root() / sha.hexdigest()[:24]
