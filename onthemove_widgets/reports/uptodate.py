"""Which schools need their report (re)written: a hash of everything a report shows.

That is the school's data folder, the notebook, the parameters, and the newest revision
of each draft the notebook shows (its section 5: the theory of action and the plan that
its `team` saved for the school). A school whose hash matches its last good report, whose
report is still there, is skipped.
"""

import hashlib
import json

from ..store import Store
from .names import file_stem
from .parameters import declared_parameters, read_report_notebook, validate_parameters
from .workers import Job

DRAFTS_SHOWN = ("theory_of_action", "implementation_plan")
DRAFT_KEY = "main"


def plan(shards, selected, manifest, notebook, out_dir, settings):
    """The jobs to run, and the schools skipped because their report is up to date."""
    notebook_hash = hashlib.sha256(notebook.read_bytes()).hexdigest()
    defaults = declared_parameters(read_report_notebook(notebook))
    store = Store() if "team" in defaults else None  # the database the kernels open: same environment
    jobs, skipped = [], []
    for school_id in selected:
        shard = shards[school_id]
        params = validate_parameters(notebook, {"data_dir": str(shard.path), "school_id": school_id, **settings}, shard.path.parent)
        drafts = drafts_shown(store, school_id, params.get("team", defaults.get("team"))) if store else {}
        job = Job(school_id, params, out_dir / f"{file_stem(school_id)}.html", input_hash(shard, notebook_hash, params, drafts))
        previous = manifest.get(school_id, {})
        if previous.get("input") == job.input_hash and previous.get("ok") and job.html.exists():
            skipped.append(school_id)
        else:
            jobs.append(job)
    return jobs, skipped


def drafts_shown(store, school_id, team):
    """The newest revision of each draft the report shows, as (number, time saved); None if never saved."""
    newest = {kind: store.latest(kind, school_id, team, DRAFT_KEY) for kind in DRAFTS_SHOWN}
    return {kind: None if r is None else [r.number, r.saved_at.isoformat()] for kind, r in newest.items()}


def input_hash(shard, notebook_hash, params, drafts):
    """Equal hashes, equal reports. data_dir is left out: the shard's own hash covers its content wherever it lies."""
    described = {"shard": shard.sha256, "notebook": notebook_hash, "parameters": {k: v for k, v in params.items() if k != "data_dir"}, "drafts": drafts}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()
