"""Per-school reports in batches: shards, parameters, execution engines and the batch runner.

Only the default notebook path lives here, so the CLI can show it without importing
papermill and nbconvert; import the modules for the rest.
"""

from ..paths import NOTEBOOKS_DIR

DEFAULT_NOTEBOOK = NOTEBOOKS_DIR / "reports" / "school_report.ipynb"
