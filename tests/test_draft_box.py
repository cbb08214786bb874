"""DraftBox saves every edit as a revision and never overwrites someone else's."""

from onthemove_widgets.store import Store
from onthemove_widgets.widgets.draft_box import DraftBox

ADDRESS = ("commitment", "S0001", "Grade 4 team", "dsln")


def test_saves_revisions_and_reopens_the_latest(tmp_path):
    store = Store(tmp_path / "d.db")
    box = DraftBox(store, *ADDRESS)
    box.text.value = "Ms. Lee: small-group reading, by Friday"
    box.author.value = "Lee"
    assert box.save().number == 1
    box.text.value = "Ms. Lee: small-group reading, by Monday"
    assert box.save().number == 2
    again = DraftBox(store, *ADDRESS)
    assert again.text.value == "Ms. Lee: small-group reading, by Monday"
    assert [r.body["text"] for r in store.history(*ADDRESS)] == ["Ms. Lee: small-group reading, by Friday", "Ms. Lee: small-group reading, by Monday"]
    assert "Saved revision 2 by Lee" in again.status.value


def test_a_conflict_keeps_both_texts(tmp_path):
    store = Store(tmp_path / "d.db")
    mine, theirs = DraftBox(store, *ADDRESS), DraftBox(store, *ADDRESS)
    theirs.text.value = "<script>alert('theirs')</script>"
    theirs.save()
    mine.text.value = "mine"
    assert mine.save() is None
    assert mine.text.value == "mine"  # nothing the user typed is lost
    assert "&lt;script&gt;alert(&#x27;theirs&#x27;)&lt;/script&gt;" in mine.status.value
    assert len(store.history(*ADDRESS)) == 1
    assert mine.save().number == 2  # a second save, having seen theirs, goes through
