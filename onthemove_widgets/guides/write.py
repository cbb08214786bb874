"""Every guide written to a folder, in the formats asked for, with an index for the Markdown."""

import os
from pathlib import Path

from ..curriculum import CURRICULUM
from ..framework.render import escape
from ..paths import NOTEBOOKS_DIR, REPO_ROOT
from .build import GUIDE_KEYS, build_guide
from .plan import PlanOptions
from .render import to_docx, to_html, to_markdown

GUIDES_DIR = REPO_ROOT / "facilitator_guides"
FORMATS = {"md": to_markdown, "html": to_html, "docx": to_docx}
REGENERATE = "onthemove guides --out facilitator_guides --format md"
"""The command that rewrites the committed Markdown guides; the tests name it when they drift."""


def index_markdown():
    """facilitator_guides/README.md: what the guides are, how to print and regenerate them, and the list."""
    rows = "\n".join(f"| {escape(e.section)} | [{escape(e.name)}]({e.guide}.md) |" for e in CURRICULUM)
    return f"""# Facilitator guides

One guide per app: each key driver, each protocol of the school-site cycle, start here and
the school report. A coach who has never run a protocol can run it from its guide and the
app: purpose, who is in the room, what to prepare, the agenda with its minutes, a session
plan with clock times, and for every step what to say, what to click, facilitation moves,
what good looks like, pitfalls and how to recover, and the question it asks about student
groups.

The steps, minutes, prompts, roles, norms, rounds and lists come from the framework data
(onthemove\\_widgets/framework/content/); the coaching text around them is in text/, one
file per guide. Do not edit the .md files by hand: change the text or the data, then run

```bash
{REGENERATE}
```

and commit the result (the tests fail while a guide differs from what this writes).

To print, write the guides as HTML pages and Word files, with the session plan timed from
your own start (here 08:15, four presenters, the shortest times):

```bash
onthemove guides --out printed_guides --start 08:15 --presenters 4 --pace shortest
```

While the apps are served, the landing page links each app's guide.

| Section | Guide |
|---|---|
{rows}
"""


def write_guides(out, options=PlanOptions(), keys=GUIDE_KEYS, formats=tuple(FORMATS)):
    """Write each guide in each format into `out`; the Markdown index too when every guide is written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    href = Path(os.path.relpath(NOTEBOOKS_DIR, out.resolve())).as_posix()
    written = []
    for key in keys:
        guide = build_guide(key, options, notebooks_href=href)
        for fmt in formats:
            content = FORMATS[fmt](guide)
            path = out / f"{key}.{fmt}"
            path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
            written.append(path)
    if "md" in formats and tuple(keys) == GUIDE_KEYS:
        (out / "README.md").write_text(index_markdown(), encoding="utf-8")
        written.append(out / "README.md")
    return written
