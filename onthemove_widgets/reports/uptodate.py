"""Which schools need their report (re)written: a hash of everything a report shows.

That is the school's data folder, the notebook and the parameters. A school whose hash
matches its last good report, whose report is still there, is skipped.
"""

import hashlib
import json

from .names import file_stem
from .parameters import validate_parameters
from .workers import Job


def plan(shards, selected, manifest, notebook, out_dir, settings):
    """The jobs to run, and the schools skipped because their report is up to date."""
    notebook_hash = hashlib.sha256(notebook.read_bytes()).hexdigest()
    jobs, skipped = [], []
    for school_id in selected:
        shard = shards[school_id]
        params = validate_parameters(notebook, {"data_dir": str(shard.path), "school_id": school_id, **settings}, shard.path.parent)
        job = Job(school_id, params, out_dir / f"{file_stem(school_id)}.html", input_hash(shard, notebook_hash, params))
        previous = manifest.get(school_id, {})
        if previous.get("input") == job.input_hash and previous.get("ok") and job.html.exists():
            skipped.append(school_id)
        else:
            jobs.append(job)
    return jobs, skipped


def input_hash(shard, notebook_hash, params):
    """Equal hashes, equal reports. data_dir is left out: the shard's own hash covers its content wherever it lies."""
    described = {"shard": shard.sha256, "notebook": notebook_hash, "parameters": {k: v for k, v in params.items() if k != "data_dir"}}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()
