"""Facilitator guides: the framework's steps and minutes, wrapped in hand-written coaching text.

`text` loads and checks the hand-written YAML, `build` assembles one guide as blocks,
`render` writes those blocks as Markdown, print HTML and Word, and `write` puts every
guide in a folder. One structure, three renderings, so the formats never disagree.
"""

from .build import GUIDE_KEYS, PlanOptions, build_guide
from .write import GUIDES_DIR, write_guides

__all__ = ["GUIDES_DIR", "GUIDE_KEYS", "PlanOptions", "build_guide", "write_guides"]
