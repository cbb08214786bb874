"""The capacity and coherence self-assessment: its questions, aggregation, privacy, and widgets."""

import pytest
import yaml

from onthemove_widgets.framework import FrameworkContentError, load_framework, load_framework_from

INDICATORS = ("capacity_building", "instructional_coherence", "impact")


@pytest.fixture
def content_copy(tmp_path):
    from importlib import resources

    source = resources.files("onthemove_widgets.framework") / "content"
    folder = tmp_path / "content"
    folder.mkdir()
    for file in source.iterdir():
        if file.name.endswith(".yaml"):
            (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


# --- framework data -----------------------------------------------------------------


def test_survey_asks_the_three_key_indicators_with_the_profiles_text_as_answers():
    fw = load_framework()
    assert [i.key for i in fw.capacity_survey] == list(INDICATORS)
    assert [i.name for i in fw.capacity_survey] == ["Capacity building", "Instructional coherence", "Impact on school improvement"]
    assert all(i.prompt.endswith("?") for i in fw.capacity_survey)
    options = fw.capacity_options("instructional_coherence")
    assert [key for key, _ in options] == ["compliant", "resistant", "fragmented", "coherent"]
    assert dict(options)["fragmented"] == fw.profile("fragmented").instructional_coherence
    assert dict(fw.capacity_options("impact"))["coherent"] == "Everyone uses one inquiry process to keep improving."
    with pytest.raises(KeyError, match="valid keys: capacity_building, instructional_coherence, impact"):
        fw.capacity_options("climate")


def _edit_survey(folder, change):
    path = folder / "profiles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["capacity_survey"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_loader_rejects_an_indicator_that_is_not_a_profile_field(content_copy):
    _edit_survey(content_copy, lambda items: items[0].update(key="climate"))
    with pytest.raises(FrameworkContentError, match=r"profiles\.yaml: capacity_survey.*'climate' is not one of"):
        load_framework_from(content_copy)


def test_loader_rejects_a_survey_that_skips_an_indicator(content_copy):
    _edit_survey(content_copy, lambda items: items.pop())
    with pytest.raises(FrameworkContentError, match="capacity_survey: must ask about each key indicator once, not capacity_building, instructional_coherence"):
        load_framework_from(content_copy)
