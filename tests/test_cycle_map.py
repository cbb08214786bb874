"""The protocol cycle map: every protocol of Figure 4.3 linked in order, exactly one marked
as here, the team's saved notes counted from real store keys, and typed text escaped."""

import re
from types import SimpleNamespace

import pytest

from onthemove_widgets.curriculum import CURRICULUM
from onthemove_widgets.framework import load_framework
from onthemove_widgets.protocols.agenda import session_agenda
from onthemove_widgets.protocols.cycle_map import cycle_map_html, saved_counts, saved_words
from onthemove_widgets.protocols.records import records_of, store_key, store_kind, to_body
from onthemove_widgets.store import Store

FRAMEWORK = load_framework()
CYCLE_ORDER = [key for stage in FRAMEWORK.protocol_cycle for choice in stage.protocols for key in choice]


def item(key, body=None):
    return SimpleNamespace(key=key, body=body if body is not None else {"text": "written"})


def test_the_map_links_every_protocol_in_cycle_order_with_the_prefix():
    page = cycle_map_html(FRAMEWORK, prefix="../")
    paths = {e.protocol: e.path for e in CURRICULUM if e.protocol}
    assert re.findall(r'href="([^"]+)"', page) == [f"../{paths[key]}" for key in CYCLE_ORDER]
    stages = [f"{s.label}: {next(p.name for p in FRAMEWORK.inquiry_phases if p.key == s.phase)}" for s in FRAMEWORK.protocol_cycle]
    assert [page.index(s) for s in stages] == sorted(page.index(s) for s in stages)
    assert page.count("One of:") == 1 and "Repeat these for each teaching and learning cycle." in page
    assert "aria-current" not in page and "You are here" not in page


@pytest.mark.parametrize("current", CYCLE_ORDER)
def test_exactly_one_protocol_is_marked_here_in_words_not_colour_alone(current):
    page = cycle_map_html(FRAMEWORK, current=current)
    assert page.count("aria-current") == 1 and page.count("You are here") == 1
    marked = re.search(r'<a href="([^"]+)" aria-current="step">([^<]+)</a>', page)
    assert marked.groups() == (next(e.path for e in CURRICULUM if e.protocol == current), FRAMEWORK.protocol(current).name)


def test_an_unknown_current_protocol_fails_with_the_valid_keys():
    with pytest.raises(KeyError, match="critical_friends"):
        cycle_map_html(FRAMEWORK, current="cycle_1")


def test_the_map_shows_what_each_protocol_has_saved():
    page = cycle_map_html(FRAMEWORK, current="critical_friends", saved={"critical_friends": 3, "examining_data": 1})
    assert "Critical Friends Protocol</a></span> <span style=\"color:#333\">— 3 notes saved" in page
    assert "Examining Data</a> <span style=\"color:#333\">— 1 note saved" in page
    assert page.count("nothing saved yet") == len(CYCLE_ORDER) - 2
    assert [saved_words(n) for n in (0, 1, 2)] == ["nothing saved yet", "1 note saved", "2 notes saved"]


def test_text_is_large_and_the_page_has_no_scripts_and_escapes_the_prefix():
    page = cycle_map_html(FRAMEWORK, prefix='"><script>alert(1)</script>&')
    assert "<script" not in page and "&lt;script&gt;" in page and "&amp;" in page
    sizes = [int(size) for size in re.findall(r"font-size:(\d+)px", page)]
    assert sizes and min(sizes) >= 16
    assert not re.search(r"\bon\w+=", page)


def test_saved_counts_map_session_keys_and_earlier_keys_to_their_protocols():
    items = [
        item("critical_friends/1/presentation/request/1"),
        item("critical_friends/2/reflection/reflection/2"),
        item("examining_data_facts"),  # an earlier app's key (saved_as)
        item("determining_student_learning_needs"),  # saved_as that equals the protocol's own key
        item("learning_rounds/1/debrief/inform", body={"text": "   "}),  # saved blank: nothing written
        item("analyzing_student_work/1/review_student_work/stacks", body={"rows": []}),
        item("main"), item("unknown/1/a/b"), item("<script>"),
    ]
    assert saved_counts(items, FRAMEWORK) == {"critical_friends": 2, "examining_data": 1, "determining_student_learning_needs": 1}


def test_saved_counts_read_real_store_items(tmp_path):
    store = Store(tmp_path / "drafts.db")
    protocol = FRAMEWORK.protocol("analyzing_student_work")
    for at in records_of(session_agenda(protocol, ("Ms. Osei", "Mr. Ly"))):
        value = [{"presenter": "Ms. Osei", "sample": "J.P.", "band": "at"}] if at.record.kind == "table" else "Notes"
        store.save(store_kind(at.record), "S0001", "Grade 4 team", store_key(protocol, 1, at), to_body(at.record, value))
    items = store.latest_items("protocol_note", "S0001", "Grade 4 team") + store.latest_items("commitment", "S0001", "Grade 4 team")
    expected = len(records_of(session_agenda(protocol, ("Ms. Osei", "Mr. Ly"))))
    assert saved_counts(items, FRAMEWORK) == {"analyzing_student_work": expected}
    assert f"— {expected} notes saved" in cycle_map_html(FRAMEWORK, saved=saved_counts(items, FRAMEWORK))
