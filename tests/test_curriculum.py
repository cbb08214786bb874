"""The curriculum list and the notebooks on disk agree, and the landing links them all."""

from onthemove_widgets.curriculum import CURRICULUM, curriculum_html, notebook_paths


def test_every_notebook_is_listed_once_and_exists():
    listed = [entry.path for entry in CURRICULUM]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == notebook_paths()


def test_landing_links_every_notebook_under_its_section():
    html = curriculum_html()
    assert "<h3>Key drivers</h3><ul><li><a href=\"drivers/01_clarity_of_focus.ipynb\">Clarity of focus</a></li>" in html
    assert '<h3>Protocols</h3><ul><li><a href="protocols/determining_student_learning_needs.ipynb">Determining Student Learning Needs</a></li>' in html
    assert html.count("<a href=") == len(CURRICULUM)
