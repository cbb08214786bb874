"""File names for school ids, which are untrusted text from the district's files.

An id of capital letters, digits, `-` and `_` (as district ids usually are: `S0001`) is
its own name, unless it is a Windows device name (`CON`, `NUL`, `COM1`, …) or `INDEX`.
Any other id (`index`, `../x`, `a/b`, `s1` beside `S1`, `Ñandú`) is named by a readable
lower-case slug, `~` (which a plain name never holds) and 16 hex digits of the SHA-256 of
the exact id. So no name is `index`, none differs from another only by case (two schools
get one file on macOS or Windows), and a school's name never depends on the other schools:
links and bookmarks stay right as schools come and go. Two ids would share a name only if
their 64-bit hashes matched (odds under 1 in 10^7 for a million schools).
"""

import hashlib
import re
import unicodedata

PLAIN = re.compile(r"[A-Z0-9_-]{1,64}")
RESERVED = {"INDEX", "CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}
SLUG_LENGTH = 40


def file_stem(school_id):
    """The name of a school's report (`<stem>.html`) and of its data folder."""
    if PLAIN.fullmatch(school_id) and school_id not in RESERVED:
        return school_id
    ascii_text = unicodedata.normalize("NFKD", school_id).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_LENGTH].strip("-") or "school"
    return f"{slug}~{hashlib.sha256(school_id.encode()).hexdigest()[:16]}"
