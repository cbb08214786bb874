"""Where a guide's app lives: its notebook file in the repository and its address in `onthemove serve`.

Links go through CURRICULUM only, so a guide can never point at a notebook the landing
page does not list.
"""

import json

from ..curriculum import CURRICULUM
from ..paths import NOTEBOOKS_DIR
from .blocks import Link

SERVER = "http://127.0.0.1:8866"
"""`onthemove serve`'s default address (its --ip and --port)."""


def entry_for(key):
    """The curriculum entry whose guide is `key`."""
    for entry in CURRICULUM:
        if entry.guide == key:
            return entry
    raise KeyError(f"no curriculum entry has the guide {key!r}")


def app_url(entry, grade=False):
    """The app's address with placeholders a coach replaces; a grade team's app also takes the grade.

    An app that opens no district's data (the import app) takes no placeholders.
    """
    if not entry.shows_data:
        return f"{SERVER}/voila/render/{entry.path}"
    query = "school=SCHOOL_ID" + ("&grade=GRADE" if grade else "") + "&team=TEAM_NAME"
    return f"{SERVER}/voila/render/{entry.path}?{query}"


def app_link(key, notebooks_href, grade=False):
    """A Link block to the guide's app: the notebook file and the served page."""
    entry = entry_for(key)
    return Link(f"The app: {entry.name}", f"{notebooks_href}/{entry.path}", app_url(entry, grade))


def takes_grade(entry):
    """True when the app's parameters name a grade (a grade team's app), so its link carries one."""
    path = NOTEBOOKS_DIR / entry.path
    if not path.exists():
        return False
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return any(line.startswith("grade =") for c in tagged for line in "".join(c["source"]).splitlines())


def room_urls(entry, code="ROOM_CODE"):
    """The facilitator's and a table's addresses when several tables run the protocol together."""
    base = f"{SERVER}/voila/render/{entry.path}?room={code}"
    return f"{base}&view=facilitator", f"{base}&school=SCHOOL_ID&team=TEAM_NAME"
