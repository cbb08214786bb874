"""The sections of a notebook, so a guide without framework steps still follows its app part by part."""

import json

from ..paths import NOTEBOOKS_DIR

FRAME = ("What you will do", "Key points")
"""Every notebook opens and closes with these (house style); a guide covers them elsewhere."""


def notebook_parts(path):
    """The `##` headings of a notebook's Markdown cells, in order, without the opening and closing ones."""
    notebook = json.loads((NOTEBOOKS_DIR / path).read_text(encoding="utf-8"))
    headings = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            lines = "".join(cell["source"]).splitlines()
            headings += [line[3:].strip() for line in lines if line.startswith("## ")]
    return tuple(h for h in headings if h not in FRAME)
