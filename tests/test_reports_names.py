"""School ids are untrusted text: each gets a file name of its own, never the index's, on any file system."""

import re
import unicodedata

from onthemove_widgets.reports.names import file_stem

ODD_IDS = ["index", "INDEX", "Index", "../x", "..", ".", "a/b", "a\\b", "a b", "CON", "con", "COM1", "LPT9", "NUL",
           "S1", "s1", "Ñandú", unicodedata.normalize("NFD", "Ñandú"), "学校", "///", "x" * 300, "<img src=x onerror=alert(1)>"]


def test_usual_ids_are_their_own_file_names():
    assert [file_stem(i) for i in ("S0001", "1234", "DIST-07_A")] == ["S0001", "1234", "DIST-07_A"]


def test_odd_ids_get_distinct_safe_names_even_ignoring_case():
    stems = [file_stem(i) for i in ODD_IDS]
    assert len({s.casefold() for s in stems}) == len(ODD_IDS)
    assert all(re.fullmatch(r"[A-Za-z0-9_~-]{1,64}", s) for s in stems)  # no dots, slashes or anything a URL must quote
    assert "index" not in {s.casefold() for s in stems}
    reserved = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))}
    assert not reserved & {s.casefold() for s in stems}


def test_a_name_is_stable_and_readable():
    assert file_stem("index") == "index~1bc04b5291c26a46"  # the first 16 hex digits of sha256(b"index")
    assert file_stem("../x").startswith("x~") and file_stem("a/b").startswith("a-b~") and file_stem("Ñandú").startswith("nandu~")
    assert file_stem("学校").startswith("school~") and len(file_stem("x" * 300)) == 40 + 1 + 16
