"""Where the project's own folders are, so notebooks and the CLI agree on them."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
DATASETS_DIR = REPO_ROOT / "datasets"
DEMO_DIR = DATASETS_DIR / "anywhere_sd"
DEMO_SEED = 2026  # the seed DEMO_DIR was generated with (`onthemove demo-data`)
