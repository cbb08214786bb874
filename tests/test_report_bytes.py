"""A report made now is byte for byte the report made before a speed-up, on the same inputs.

The reports of a small generated district are hashed, the date they were made taken out,
and compared with the hashes recorded in `fixtures/reports/report_hashes.json`. A change
meant to change what a report shows updates the record on purpose:
`ONTHEMOVE_RECORD_REPORTS=1 pytest tests/test_report_bytes.py`.
"""

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.reports.batch import run_reports

RECORD = Path(__file__).parent / "fixtures" / "reports" / "report_hashes.json"
STAMP = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d\d:\d\d [A-Za-z0-9+\-]+")  # "May 2, 2025, 14:05 PDT" (report_scope.stamped)


def report_hashes(out_dir):
    """sha256 of each page (reports and index), with every date of making replaced by 'DATE'."""
    return {path.name: hashlib.sha256(STAMP.sub("DATE", path.read_text(encoding="utf-8")).encode()).hexdigest()
            for path in sorted(Path(out_dir).glob("*.html"))}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bytes")
    district = generate_district(folder / "district", schools=3, students_per_school=80, seed=41)
    with pytest.MonkeyPatch.context() as patch:  # a store of its own: no other test's saved drafts reach these reports
        patch.setenv("ONTHEMOVE_DB", str(folder / "drafts.db"))
        summary = run_reports(district, folder / "reports", workers=1, timeout=120)
    assert summary.failed == []
    return folder / "reports"


def test_reports_are_the_bytes_recorded_for_these_inputs(made):
    hashes = report_hashes(made)
    if os.environ.get("ONTHEMOVE_RECORD_REPORTS") == "1":
        RECORD.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    assert hashes == json.loads(RECORD.read_text(encoding="utf-8"))
