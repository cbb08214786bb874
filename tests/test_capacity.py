"""The capacity and coherence self-assessment: its questions, aggregation, privacy, and widgets."""

import uuid
from html import escape

import pandas as pd
import pytest
import yaml

from onthemove_widgets.analysis.capacity import RoundProfile, capacity_profile, leadership_vs_staff, rounds_table, summary
from onthemove_widgets.capacity_answers import KIND, responses
from onthemove_widgets.framework import FrameworkContentError, load_framework, load_framework_from
from onthemove_widgets.store import Store
from onthemove_widgets.widgets.capacity import TEXT, CapacityProfile, CapacitySurvey

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


# --- aggregation ----------------------------------------------------------------------


def frame(*groups):
    """Rows for hand-made answer sets: each group is (round, role, [(capacity, coherence, impact), ...])."""
    rows = []
    for round_name, role, people in groups:
        for number, picks in enumerate(people):
            for indicator, profile in zip(INDICATORS, picks, strict=True):
                rows.append({"respondent": f"{round_name}-{role}-{number}", "round": round_name, "role": role, "indicator": indicator, "profile": profile})
    return pd.DataFrame(rows)


C, R, F, H = "compliant", "resistant", "fragmented", "coherent"
FALL_STAFF = [(F, F, C), (F, H, C), (F, F, F), (C, F, C), (H, H, F)]


def test_shares_pluralities_and_placement_of_five_staff():
    (staff, leadership) = capacity_profile(frame(("Fall", "staff", FALL_STAFF)))
    assert (staff.round, staff.role, staff.n, staff.note) == ("Fall", "staff", 5, "")
    assert staff.shares.loc["capacity_building"].tolist() == [20.0, 0.0, 60.0, 20.0]
    assert staff.shares.loc["instructional_coherence"].tolist() == [0.0, 0.0, 60.0, 40.0]
    assert staff.shares.loc["impact"].tolist() == [60.0, 0.0, 40.0, 0.0]
    assert staff.choices.to_dict() == {C: 4, R: 0, F: 8, H: 3}
    assert staff.pluralities == {"capacity_building": (F,), "instructional_coherence": (F,), "impact": (C,)}
    assert (staff.placement, staff.tied) == (F, ())
    assert staff.question == load_framework().profile(F).question
    assert summary(staff) == (
        "Fall: 5 staff respondents place the school as Fragmented (chosen 8 times of 15). "
        "Most chose Fragmented for capacity building; Fragmented for instructional coherence; Compliant for impact on school improvement."
    )
    assert (leadership.role, leadership.placement, leadership.n, leadership.note) == ("leadership", None, None, "fewer than 5 responses")


def test_four_respondents_show_nothing_and_five_show():
    four = capacity_profile(frame(("Fall", "staff", FALL_STAFF[:4])))[0]
    assert four == RoundProfile("Fall", "staff", "fewer than 5 responses")
    assert summary(four) == "Fall, staff: fewer than 5 responses."
    assert capacity_profile(frame(("Fall", "staff", FALL_STAFF)))[0].n == 5
    assert capacity_profile(frame(("Fall", "staff", FALL_STAFF)), min_n=6)[0].placement is None


def test_a_respondent_answering_twice_counts_once_with_the_latest_answer():
    five = frame(("Fall", "staff", FALL_STAFF))
    again = five.loc[five["respondent"] == "Fall-staff-0"].assign(profile=H)  # answered all coherent, later
    result = capacity_profile(pd.concat([five, again], ignore_index=True))[0]
    assert result.n == 5
    assert result.shares.loc["capacity_building"].tolist() == [20.0, 0.0, 40.0, 40.0]
    assert result.choices.to_dict() == {C: 3, R: 0, F: 6, H: 6}
    four_twice = frame(("Fall", "staff", FALL_STAFF[:4] + [FALL_STAFF[0]]))
    four_twice.loc[four_twice["respondent"] == "Fall-staff-4", "respondent"] = "Fall-staff-0"
    assert capacity_profile(four_twice)[0].placement is None  # four people, five submissions


def test_a_tie_places_the_school_at_the_profile_furthest_from_coherence():
    clear = [(H, H, H), (H, H, C), (C, C, C), (C, F, H), (F, R, R)]
    result = capacity_profile(frame(("Fall", "staff", clear)))[0]
    assert result.choices.to_dict() == {C: 5, R: 2, F: 2, H: 6}
    assert (result.placement, result.tied) == (H, ())
    tie = [(H, H, H), (H, C, C), (C, C, R), (C, F, F), (F, R, H)]
    result = capacity_profile(frame(("Fall", "staff", tie)))[0]
    assert result.choices.to_dict() == {C: 5, R: 2, F: 3, H: 5}
    assert (result.placement, result.tied) == (C, (C, H))
    assert result.pluralities["capacity_building"] == (C, H)
    assert "tied with Coherent at 5 of 15 choices" in summary(result)
    assert result.question == load_framework().profile(C).question


def test_rounds_table_shows_how_the_placement_moved():
    spring = [(H, H, F), (H, H, H), (F, H, H), (H, F, H), (C, H, H)]
    leaders = [(H, H, H)] * 5
    table = rounds_table(frame(("Fall", "staff", FALL_STAFF), ("Winter", "staff", FALL_STAFF[:3]), ("Spring", "staff", spring), ("Spring", "leadership", leaders), ("Summer", "staff", spring)))
    assert table.to_dict("records") == [
        {"round": "Fall", "role": "staff", "respondents": 5, "placement": "Fragmented", "change": "first shown round"},
        {"round": "Fall", "role": "leadership", "respondents": "fewer than 5 responses", "placement": "fewer than 5 responses", "change": ""},
        {"round": "Winter", "role": "staff", "respondents": "fewer than 5 responses", "placement": "fewer than 5 responses", "change": ""},
        {"round": "Winter", "role": "leadership", "respondents": "fewer than 5 responses", "placement": "fewer than 5 responses", "change": ""},
        {"round": "Spring", "role": "staff", "respondents": 5, "placement": "Coherent", "change": "from Fragmented"},
        {"round": "Spring", "role": "leadership", "respondents": 5, "placement": "Coherent", "change": "first shown round"},
        {"round": "Summer", "role": "staff", "respondents": 5, "placement": "Coherent", "change": "no change"},
        {"round": "Summer", "role": "leadership", "respondents": "fewer than 5 responses", "placement": "fewer than 5 responses", "change": ""},
    ]


def test_leadership_view_beside_the_staff_view():
    leaders = [(H, H, C), (H, F, C), (H, H, C), (F, H, C), (H, H, H)]
    both = frame(("Fall", "staff", FALL_STAFF), ("Fall", "leadership", leaders))
    table = leadership_vs_staff(both, "Fall")
    assert table.to_dict("index") == {
        "Capacity building": {"staff": "Fragmented", "leadership": "Coherent", "same": False},
        "Instructional coherence": {"staff": "Fragmented", "leadership": "Coherent", "same": False},
        "Impact on school improvement": {"staff": "Compliant", "leadership": "Compliant", "same": True},
        "Placement": {"staff": "Fragmented", "leadership": "Coherent", "same": False},
    }
    few = leadership_vs_staff(frame(("Fall", "staff", FALL_STAFF), ("Fall", "leadership", leaders[:4])), "Fall")
    assert few["leadership"].tolist() == ["fewer than 5 responses"] * 4
    assert few["staff"].tolist() == ["Fragmented", "Fragmented", "Compliant", "Fragmented"]
    assert few["same"].tolist() == [None] * 4
    with pytest.raises(KeyError, match="no answers for round 'Spring'"):
        leadership_vs_staff(both, "Spring")


def test_unknown_values_are_refused():
    bad = frame(("Fall", "staff", FALL_STAFF)).assign(profile="focused")
    with pytest.raises(ValueError, match="unknown profile focused; expected one of compliant, resistant, fragmented, coherent"):
        capacity_profile(bad)


# --- storage and widgets -----------------------------------------------------------------


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ONTHEMOVE_DB", str(tmp_path / "drafts.db"))
    return Store()


def answer(survey, picks):
    for indicator, profile in zip(INDICATORS, picks, strict=True):
        survey.questions[indicator].value = profile
    survey.submit_button.click()


def test_the_survey_saves_anonymous_revisions_of_one_respondent(store):
    survey = CapacitySurvey(store, "S0001", "Fall 2026", role="leadership")
    assert [label for label, _ in survey.questions["impact"].options] == [p.impact for p in load_framework().profiles]
    assert "otm-capacity" in survey.questions["impact"]._dom_classes and "font-size:16px" in survey.children[0].value
    answer(survey, (F, F, C))
    assert "Thank you" in survey.status.value
    answer(survey, (F, H, C))
    assert "replaced the earlier ones" in survey.status.value
    (item,) = store.latest_items(KIND, "S0001")
    assert (item.team, item.number, item.author) == ("Fall 2026", 2, "")
    assert uuid.UUID(item.key).version == 4
    assert item.body == {"role": "leadership", "answers": {"capacity_building": F, "instructional_coherence": H, "impact": C}}
    assert [r.body["answers"]["instructional_coherence"] for r in store.history(KIND, "S0001", "Fall 2026", item.key)] == [F, H]
    other = CapacitySurvey(store, "S0001", "Fall 2026")
    assert other.draft.item[3] != item.key
    assert responses(store, "S0001").to_dict("records") == [
        {"respondent": item.key, "round": "Fall 2026", "role": "leadership", "indicator": i, "profile": p} for i, p in zip(INDICATORS, (F, H, C), strict=True)
    ]


def test_the_survey_refuses_incomplete_answers(store):
    survey = CapacitySurvey(store, "S0001", "Fall 2026")
    survey.questions["capacity_building"].value = F
    survey.submit_button.click()
    assert "Please choose an answer for: Instructional coherence, Impact on school improvement." in survey.status.value
    assert store.latest_items(KIND, "S0001") == []
    with pytest.raises(ValueError, match="role must be one of staff, leadership"):
        CapacitySurvey(store, "S0001", "Fall 2026", role="principal")


def test_the_profile_appears_at_five_respondents_and_never_shows_an_answer(store):
    surveys = [CapacitySurvey(store, "S0001", "Fall <2026>") for _ in FALL_STAFF]
    for survey, picks in zip(surveys[:4], FALL_STAFF, strict=False):
        answer(survey, picks)
    CapacitySurvey(store, "S0002", "Fall <2026>").questions  # another school's screen saves nothing
    profile = CapacityProfile(store, "S0001")
    assert "Fall &lt;2026&gt;" in profile.html.value and "<2026>" not in profile.html.value
    assert profile.html.value.count("fewer than 5 responses") >= 2
    assert not any(p.name in profile.html.value for p in load_framework().profiles)  # nothing of four answers leaks
    assert profile.figures == []
    answer(surveys[4], FALL_STAFF[4])
    profile.refresh_button.click()
    html = profile.html.value
    assert "Staff placement: <b>Fragmented</b>" in html
    assert escape(load_framework().profile(F).question) in html
    assert "<b>Leadership</b>: fewer than 5 responses." in html
    assert "font-size:16px" in html
    (figure,) = profile.figures
    spec = figure.to_dict()
    assert spec["title"] == "Fall <2026>, staff: profile chosen per key indicator"
    rows = next(iter(spec["datasets"].values()))
    assert sorted(rows[0]) == ["indicator", "percent", "profile"]
    assert {(r["indicator"], r["profile"]): r["percent"] for r in rows}[("Impact on school improvement", "Compliant")] == 60.0
    tokens = [s.draft.item[3] for s in surveys]
    assert not any(token in html or token in str(spec) for token in tokens)


def test_the_profile_shows_rounds_and_both_views(store):
    for round_name, role, people in [("Fall", "staff", FALL_STAFF), ("Spring", "staff", [(H, H, H)] * 5), ("Spring", "leadership", [(H, H, C)] * 5)]:
        for picks in people:
            answer(CapacitySurvey(store, "S0001", round_name, role), picks)
    html = CapacityProfile(store, "S0001").html.value
    assert "<h3>How the placement moved</h3>" in html
    assert "<td style='border:1px solid #ccc;padding:4px 8px;text-align:left'>from Fragmented</td>" in html
    assert html.index("<h3>Fall</h3>") < html.index("<h3>Spring</h3>")
    assert "Leadership placement: <b>Coherent</b>" in html
    assert CapacityProfile(Store(), "S0009").html.value == TEXT.format("<p>No answers yet.</p>")
