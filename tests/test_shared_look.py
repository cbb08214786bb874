"""Controls share one Layout, and one Style of each kind, instead of a pair of models each."""

import ipywidgets as widgets
from ipywidgets.widgets.widget import _instances  # every live model (Widget.widgets, deprecated, reads it)
from ipywidgets.widgets.widget_string import TextStyle

from onthemove_widgets.widgets.shared_look import control


def test_controls_with_one_look_share_its_models_and_another_look_gets_its_own():
    first, second = control(widgets.Dropdown, description="A"), control(widgets.Dropdown, description="B")
    assert first.layout is second.layout and first.style is second.style
    wide = control(widgets.IntSlider, layout={"width": "420px"})
    assert wide.layout is not first.layout and wide.layout.width == "420px"
    assert type(wide.style) is widgets.SliderStyle and control(widgets.HTML).style is not first.style
    initial = control(widgets.Text, style={"description_width": "initial"})
    assert type(initial.style) is TextStyle and initial.style.description_width == "initial"
    assert control(widgets.Text, style={"description_width": "initial"}).style is initial.style
    assert control(widgets.Text).style is not initial.style


def test_a_closed_shared_model_is_made_again():
    first = control(widgets.Button)
    first.layout.close()
    again = control(widgets.Button)
    assert again.layout is not first.layout and again.layout.comm is not None


def test_a_second_wall_adds_no_layout_or_style_models(tmp_path):
    from onthemove_widgets.data import load_district
    from onthemove_widgets.store import Store
    from onthemove_widgets.widgets.student_sorter import StudentSorter

    team = load_district(school_id="S0001").grade(4)
    store = Store(tmp_path / "drafts.db")
    StudentSorter(team, store, "Grade 4 team")
    before = set(_instances)
    StudentSorter(team, store, "Grade 4 team")
    made = [type(_instances[key]) for key in set(_instances) - before]
    assert not [kind for kind in made if issubclass(kind, widgets.Style)]
    assert made.count(widgets.Layout) == 2  # the wall's own box and its chart's; its 37 controls share theirs
    assert 35 < len(made) < 45
