"""Taking names out of text before it leaves a confidential protocol.

Learning Rounds' norm: only trends, patterns and next steps leave the rounds, nothing
about a single classroom. People type names anyway ("Ms. Osei's room", "Reyes, Ana
finished first"), so every summary that leaves passes through `redact`.
"""

from __future__ import annotations

import re
import unicodedata

REMOVED = "[name removed]"
TITLES = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof"}


def name_forms(name: str) -> set[str]:
    """The ways a name is written: as given, "last, first", and for "Ms. Ana Osei" also
    "Ana Osei", "Ms Osei" and "Osei" (a teacher is often called by surname alone)."""
    words = name.split()
    if not words:
        return set()
    forms = {" ".join(words)}
    if words[0].lower().rstrip(".") in TITLES and len(words) > 1:
        title, words = words[0], words[1:]
        forms |= {" ".join(words), words[-1], f"{title} {words[-1]}", f"{title.rstrip('.')} {words[-1]}"}
    if len(words) > 1:
        forms.add(f"{words[-1]}, {' '.join(words[:-1])}")
    return forms


def _pattern(form: str) -> str:
    """A form as a regex: any run of spaces between words, either apostrophe, nothing else special."""
    words = [re.escape(word).replace("'", "['’]") for word in form.split()]
    return r"\s+".join(words)


def redact(text: str, names) -> str:
    """`text` with every given name, in all its forms, replaced by "[name removed]".

    Whole words only, any case; longer forms first, so "Ana Reyes" goes as one and
    never leaves "[name removed] Reyes"; one pass, so a replacement is never matched
    again. Blank names are ignored."""
    text = unicodedata.normalize("NFC", str(text or ""))
    forms = {f for n in names for f in name_forms(unicodedata.normalize("NFC", str(n or "")).replace("’", "'"))}
    if not forms:
        return text
    alternatives = "|".join(_pattern(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", REMOVED, text, flags=re.IGNORECASE)


def school_names(students) -> list[str]:
    """Every name a school's student table could leak: teachers, students' full, first
    and last names, and student ids. Withholding a first name that is also a word
    ("Will") blanks that word too, which is the safe way to be wrong."""
    full = students["first_name"] + " " + students["last_name"]
    columns = [students["teacher"], full, students["first_name"], students["last_name"], students["student_id"]]
    return sorted({str(name) for column in columns for name in column.dropna()})
