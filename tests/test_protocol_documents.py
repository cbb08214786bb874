"""The documents a protocol session leaves: real values in, the right words in the right
places out, typed markup kept as text, and nothing confidential leaving Learning Rounds."""

import html
import io
import re

import docx
import mistune
import pandas as pd
import pytest

from onthemove_widgets.analysis.privacy import student_labels

from onthemove_widgets.analysis.wall import WallSettings, data_wall
from onthemove_widgets.data import load_district
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.export.documents import to_docx, to_html, to_markdown
from onthemove_widgets.framework import load_framework
from onthemove_widgets.protocols.documents import DOCUMENTS, document_for, session_sections
from onthemove_widgets.protocols.redact import REMOVED, redact, school_names
from onthemove_widgets.protocols.rounds_summary import rounds_trends
from onthemove_widgets.protocols.student_work import patterns_sentence, stack_patterns, stacks_from_wall
from onthemove_widgets.protocols.written import NOTHING

FRAMEWORK = load_framework()
SCRIPT = "<script>alert(1)</script>"
NO_OVERRIDES = pd.DataFrame(columns=["student_id", "band", "reason"])


def docx_paragraphs(data):
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def rendered_texts(document):
    """The document as Markdown, HTML and Word, each read back as the words a reader sees."""
    args = (document.title, "Somewhere School", None, None, document.sections)
    markdown = html.unescape(to_markdown(*args).replace("\\", ""))
    page = html.unescape(to_html(*args))
    word = "\n".join(text for _, text in docx_paragraphs(to_docx(*args)))
    return {"markdown": markdown, "html": page, "docx": word}


# ------------------------------------------------------------------ session notes


def test_session_notes_hold_every_record_in_agenda_order_with_its_presenter():
    protocol = FRAMEWORK.protocol("critical_friends")
    values = {
        ("presentation", "request", 1): "How do I push my quiet students to argue?",
        ("critical_friends", "feedback", 1): [{"participant": "Bo", "round": "delta", "comment": "I wonder\nabout wait time"}, {"participant": "", "round": "", "comment": ""}],
    }
    sections = session_sections(FRAMEWORK, protocol, values, ("Ana Reyes", "Dan O'Neil"))
    headings = [heading for heading, _ in sections]
    assert len(headings) == 4 * 2 + 1  # four records per presenter, then the debrief
    assert headings[0].endswith("(Ana Reyes)") and headings[4].endswith("(Dan O'Neil)")
    assert headings[-1] == "Debrief: what worked, and how did our norms hold?"  # not "Debrief: Debrief: …"
    content = dict(sections)
    assert content[headings[4]] == "How do I push my quiet students to argue?"
    delta = FRAMEWORK.protocol("critical_friends").rounds[1]
    assert content[headings[6]] == [f"Who offered it: Bo; Round: {delta.name}: {delta.purpose}; What they said (use the round's stem): I wonder\nabout wait time"]
    assert content[headings[0]] == NOTHING and content[headings[2]] == NOTHING  # the blank row is dropped


def test_session_notes_show_forms_field_by_field_and_survive_values_of_the_wrong_shape():
    protocol = FRAMEWORK.protocol("collaborative_instructional_design")
    values = {("opening", "lesson", None): {"title": "Claims & evidence", "subject_grade": ""}, ("learning_target", "target", None): "not a form", ("debrief", "debrief", None): 42}
    content = dict(session_sections(FRAMEWORK, protocol, values))
    assert content["Opening: The lesson or unit"] == ["Lesson or unit: Claims & evidence"]
    assert content["Design the Learning Target: The learning target"] == NOTHING
    assert next(v for k, v in content.items() if k.startswith("Debrief")) == "42"


def test_every_protocol_gets_documents_with_safe_unique_stems():
    for protocol in FRAMEWORK.protocols:
        documents = document_for(FRAMEWORK, protocol, {}, ("Ana", "Ana", "../../etc/passwd", "<script>"))
        assert documents, protocol.key
        stems = [d.stem for d in documents]
        assert len(set(stems)) == len(stems)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) for stem in stems), stems
        assert (protocol.key in DOCUMENTS) == (len(documents) > 1 or protocol.confidential)
    rounds = document_for(FRAMEWORK, FRAMEWORK.protocol("learning_rounds"), {}, ("Room 1",))
    assert [d.title for d in rounds] == ["Learning Rounds: trends and next steps"]  # no session notes leave the rounds


def test_typed_markup_stays_text_in_every_format():
    protocol = FRAMEWORK.protocol("examining_data")
    values = {("gathering_facts", "facts", None): f"{SCRIPT}\n# not a heading\n[link](javascript:alert(1)) & more"}
    (notes,) = document_for(FRAMEWORK, protocol, values)
    args = (notes.title, "Somewhere School", None, None, notes.sections)
    assert "<script" not in to_html(*args) and "&amp; more" in to_html(*args)
    shown = mistune.html(to_markdown(*args))
    assert "<script" not in shown and "<a " not in shown and "<h1>not a heading" not in shown
    assert f"{SCRIPT}" in [text for _, text in docx_paragraphs(to_docx(*args))]


# ------------------------------------------------------------------ lesson design

LESSON = {
    ("opening", "lesson", None): {"title": "Argument <writing> & evidence", "subject_grade": "ELA, grade 7"},
    ("learning_target", "target", None): {"standards": "CCSS.ELA-LITERACY.W.7.1", "dok": "strategic_thinking", "target": "I can back a claim with two pieces of evidence."},
    ("performance_outcome", "outcome", None): {"outcome": "A one-page argument", "success_criteria": "States a claim\n\n  Cites two sources  \nExplains the reasoning", "feedback": "Peer check"},
    ("learning_tasks", "tasks", None): [
        {"component": "feedback_during_learning", "task": "Peer review with the checklist", "strategies": "", "support": ""},
        {"component": "prior_knowledge", "task": "Quick-write: a time you changed your mind", "strategies": "Think-pair-share", "support": "Sentence frames for English learners"},
        {"component": "", "task": "Exit ticket", "strategies": "", "support": ""},
        {"component": "literacy_and_critical_thinking", "task": "Annotate two sources", "strategies": "Close reading", "support": ""},
    ],
    ("we_agree", "commitments", None): [{"member": "Ms. O'Brien", "strategies": "Sentence frames"}, {"member": "Mr. Ly", "strategies": "Exit tickets"}],
}


def test_lesson_design_word_file_has_target_dok_label_and_tasks_in_component_order():
    protocol = FRAMEWORK.protocol("collaborative_instructional_design")
    design = document_for(FRAMEWORK, protocol, LESSON)[0]
    assert design.title == "Lesson design: Argument <writing> & evidence" and design.stem == "lesson-design-argument-writing-evidence"
    paragraphs = docx_paragraphs(to_docx(design.title, "Somewhere School", None, None, design.sections))
    texts = [text for _, text in paragraphs]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert "I can back a claim with two pieces of evidence." in texts
    dok = FRAMEWORK.dok_levels[2]
    assert f"DOK {dok.number}: {dok.text}" in texts
    components = {c.key: f"{c.number}. {c.text}" for c in protocol.lesson_components}
    tasks = [h for h in headings if h.startswith("Task ")]
    assert tasks == [f"Task 1: {components['prior_knowledge']}", f"Task 2: {components['literacy_and_critical_thinking']}",
                     f"Task 3: {components['feedback_during_learning']}", "Task 4: A part of the lesson not named"]
    first_task = texts.index(tasks[0])
    assert texts[first_task + 1:first_task + 4] == ["Student task, guiding questions and formative feedback: Quick-write: a time you changed your mind",
                                                    "Literacy and engagement strategies: Think-pair-share", "Targeted student support: Sentence frames for English learners"]
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert bullets == ["States a claim", "Cites two sources", "Explains the reasoning", "Ms. O'Brien: Sentence frames", "Mr. Ly: Exit tickets"]


def test_an_empty_lesson_design_says_what_is_missing():
    design = document_for(FRAMEWORK, FRAMEWORK.protocol("collaborative_instructional_design"), {})[0]
    assert design.title == "Lesson design"
    assert dict(design.sections)["The sequence of learning tasks"] == NOTHING


# ------------------------------------------------------------------ critical friends


def test_critical_friends_gives_each_presenter_their_own_page_with_comments_under_their_rounds():
    protocol = FRAMEWORK.protocol("critical_friends")
    values = {
        ("presentation", "request", 0): "Are my exit tickets telling me anything?",
        ("critical_friends", "feedback", 0): [
            {"participant": "Bo", "round": "plus", "comment": "I noticed every student wrote because the prompt was short"},
            {"participant": "Cy", "round": "share", "comment": "Something to consider: a two-column ticket"},
            {"participant": "Di", "round": "plus", "comment": "I saw you sort them in front of the class"},
        ],
        ("critical_friends", "feedback", 1): [{"participant": "Bo", "round": "delta", "comment": "I wonder who the <b>audience</b> is"}, {"participant": "Ed", "round": "later", "comment": "Typed round"}],
        ("reflection", "reflection", 1): "I will name the audience first.",
    }
    pages = [d for d in document_for(FRAMEWORK, protocol, values, ("Ana Reyes", "Sean O'Casey")) if d.title.startswith("Critical Friends feedback")]
    assert [p.title for p in pages] == ["Critical Friends feedback for Ana Reyes", "Critical Friends feedback for Sean O'Casey"]
    assert [p.stem for p in pages] == ["critical-friends-ana-reyes", "critical-friends-sean-ocasey"]
    plus, delta, share = (f"{r.name}: “{r.stem}”" for r in protocol.rounds)
    ana, sean = dict(pages[0].sections), dict(pages[1].sections)
    assert ana["What Ana Reyes asked for help with"] == "Are my exit tickets telling me anything?"
    assert ana[plus] == ["Bo: I noticed every student wrote because the prompt was short", "Di: I saw you sort them in front of the class"]
    assert ana[delta] == "Nothing offered in this round." and ana[share] == ["Cy: Something to consider: a two-column ticket"]
    assert sean[delta] == ["Bo: I wonder who the <b>audience</b> is"] and sean["Other comments"] == ["Ed: Typed round"]
    assert sean["Sean O'Casey: reflection, and any further help asked for"] == "I will name the audience first."
    assert "Typed round" not in str(ana) and "audience" not in str(ana)  # no one else's feedback on a page


# ------------------------------------------------------------------ analyzing student work

STACKS = [
    {"presenter": "Ms. Osei", "sample": "J.P.", "band": "below", "strengths": "Clear claim", "growth": "Cite evidence"},
    {"presenter": "Ms. Osei", "sample": "G.A.", "band": "above", "strengths": "Two sources", "growth": ""},
    {"presenter": "Ms. Osei", "sample": "7", "band": "at", "strengths": "", "growth": ""},
    {"presenter": "Ms. Osei", "sample": "8", "band": "near", "strengths": "", "growth": ""},
    {"presenter": "Mr. Ly", "sample": "1", "band": "near", "strengths": "", "growth": ""},
    {"presenter": "Mr. Ly", "sample": "2", "band": "below", "strengths": "", "growth": ""},
    {"presenter": "Mr. Ly", "sample": "3", "band": "", "strengths": "", "growth": ""},
    {"presenter": "", "sample": "4", "band": "at", "strengths": "", "growth": ""},
]


def test_stack_patterns_count_each_presenters_bands_and_share_at_or_above():
    patterns = stack_patterns(STACKS, ("Mr. Ly", "Ms. Osei", "Ms. Kim"))
    assert list(patterns.index) == ["Mr. Ly", "Ms. Osei", "Ms. Kim", "No presenter named"]
    assert patterns.loc["Ms. Osei", ["Above proficient", "At proficient", "Near proficient", "Below proficient"]].tolist() == [1, 1, 1, 1]
    assert patterns.loc["Mr. Ly", "Not placed yet"] == 1 and patterns.loc["Mr. Ly", "Samples placed"] == 2
    assert patterns.loc["Ms. Osei", "Share at or above"] == 0.5 and patterns.loc["Mr. Ly", "Share at or above"] == 0
    assert pd.isna(patterns.loc["Ms. Kim", "Share at or above"])
    assert patterns_sentence(patterns) == ("3 of 7 work samples (43%) sit at or above proficient; the largest share is in the stack of"
                                           " No presenter named (100%), the smallest in the stack of Mr. Ly (0%).")
    assert patterns_sentence(stack_patterns([], ("Ms. Kim",))) == "No work samples have been placed in a band yet."


def test_student_work_document_sorts_each_stack_from_above_to_below():
    protocol = FRAMEWORK.protocol("analyzing_student_work")
    values = {("review_student_work", "stacks", None): STACKS, ("presentation", "lesson", 0): "Argument writing"}
    document = document_for(FRAMEWORK, protocol, values, ("Ms. Osei", "Mr. Ly"))[0]
    content = dict(document.sections)
    assert content["Ms. Osei: the lesson and its target"] == "Argument writing"
    assert [line.split(";")[0] for line in content["Ms. Osei: the stack, from above to below proficient"]] == [
        "Work sample (initials or a number, never a full name): G.A.", "Work sample (initials or a number, never a full name): 7",
        "Work sample (initials or a number, never a full name): 8", "Work sample (initials or a number, never a full name): J.P."]
    assert "Where it sits: Below proficient; Strengths: Clear claim; Areas for growth and recommendations: Cite evidence" in content["Ms. Osei: the stack, from above to below proficient"][-1]
    assert content["Patterns across the stacks"][1] == "Ms. Osei: 1 above, 1 at, 1 near, 1 below proficient (50% at or above)"


@pytest.fixture(scope="module")
def grade_four():
    team = load_district(school_id="S0001").grade(4)
    return team, lambda privacy: data_wall(team.students, team.assessments, team.cut_scores, NO_OVERRIDES, WallSettings(measures=(("sbac", "ELA"),), privacy=privacy))


def test_stacks_from_the_wall_give_one_stack_per_teacher_named_by_label_never_by_full_name(grade_four):
    team, wall_with = grade_four
    wall = wall_with("names")
    rows = stacks_from_wall(wall, per_band=2)
    teachers = list(dict.fromkeys(wall["teacher"]))
    assert list(dict.fromkeys(r["presenter"] for r in rows)) == teachers
    full_names = set(wall["first_name"] + " " + wall["last_name"])
    assert not {r["sample"] for r in rows} & full_names
    initials = dict(zip(wall["student_id"], student_labels(wall, "initials")))  # repeated initials carry id digits
    assert {r["sample"] for r in rows} <= set(initials.values())
    for teacher in teachers:
        mine = [r for r in rows if r["presenter"] == teacher]
        present = wall.loc[(wall["teacher"] == teacher) & wall["band"].notna(), "band"].value_counts()
        assert {b: sum(r["band"] == b for r in mine) for b in present.index} == {b: min(n, 2) for b, n in present.items()}
    by_period = stacks_from_wall(wall_with("ids"), by="class_period", per_band=1, presenters={1: "Ms. Osei's first period"})
    assert list(dict.fromkeys(r["presenter"] for r in by_period)) == ["Ms. Osei's first period", "Period 2", "Period 3"]
    assert {r["sample"] for r in by_period} <= set(wall["student_id"])
    patterns = stack_patterns(rows, teachers)
    assert int(patterns["Samples placed"].sum()) == len(rows)
    with pytest.raises(ValueError, match="per teacher or per class period"):
        stacks_from_wall(wall, by="school_id")


# ------------------------------------------------------------------ learning rounds


def test_redact_removes_every_form_of_a_name_whole_words_any_case():
    names = ["Ms. Ana Osei", "Dan O'Neil", "Room 12", "a.b*", "", "7901929"]
    text = "ms osei, OSEI's class, Osei, Ana; Ana  Osei; Dan O’Neil; Room 12 and Room 12b; Anastasia; a.b* axb; id 7901929"
    assert redact(text, names) == (f"{REMOVED}, {REMOVED}'s class, {REMOVED}; {REMOVED}; {REMOVED}; {REMOVED} and Room 12b;"
                                   f" Anastasia; {REMOVED} axb; id {REMOVED}")
    assert redact("Ana Reyes and Reyes", ["Reyes", "Ana Reyes"]) == f"{REMOVED} and {REMOVED}"  # the longer name goes whole
    assert redact("Name removed", ["Name", "removed"]) == f"{REMOVED} {REMOVED}"  # one pass: a replacement is never matched again
    assert redact(SCRIPT, []) == SCRIPT


def tally(*rows):
    return [dict(zip(("indicator", "seen", "count"), row)) for row in rows]


def test_rounds_trends_sum_over_rooms_and_count_rooms_without_naming_them():
    ids = [i.key for i in FRAMEWORK.indicators]
    values = {
        ("learning_rounds", "tally", 0): tally((ids[0], "x", "3"), (ids[1], "y", "")),
        ("learning_rounds", "tally", 1): tally((ids[0], "x", "2 times"), (ids[2], "z", "0")),
        ("learning_rounds", "tally", 2): tally(("made up", "w", "4"), (ids[0], "x", "1")),
    }
    trends = rounds_trends(FRAMEWORK, values, ("Room 1", "Room 2", "Room 3"))
    assert list(trends.columns) == ["Success indicator", "Times seen", "Rooms where seen"]
    assert trends["Times seen"].tolist() == [6, 1, 0] + [0] * (len(ids) - 3) + [4]
    assert trends["Rooms where seen"].tolist() == [3, 1, 0] + [0] * (len(ids) - 3) + [1]
    assert trends["Success indicator"].iloc[-1] == "No indicator chosen"
    assert not trends.isin(["Room 1", "Room 2", "Room 3"]).any().any()


@pytest.fixture(scope="module")
def generated_school(tmp_path_factory):
    folder = generate_district(tmp_path_factory.mktemp("generated"), schools=1, students_per_school=60, seed=2024)
    return load_district(folder).students


def test_nothing_that_leaves_learning_rounds_names_a_teacher_a_classroom_or_a_student(generated_school):
    students = generated_school.sample(12, random_state=1)
    teachers = list(generated_school["teacher"].unique())
    rooms = tuple(f"Room {n} ({t})" for n, t in zip((12, 14, 21), teachers))
    student = [f"{f} {l}" for f, l in zip(students["first_name"], students["last_name"])]

    def mention(i):
        first, last = students.iloc[i % 12][["first_name", "last_name"]]
        return (f"In {rooms[i % 3]}, {teachers[i % len(teachers)]}'s students: {student[i % 12]} and {last}, {first} "
                f"(id {students.iloc[i % 12]['student_id']}); {first.upper()} too; in {teachers[i % len(teachers)].split()[-1]}'s room <b>&</b>")

    ids = [i.key for i in FRAMEWORK.indicators]
    values = {("opening_and_pre_brief", "procedures", None): mention(0)}
    for room in range(3):
        values[("learning_rounds", "tally", room)] = tally((ids[0], mention(room), "2"), (ids[room + 1], mention(room + 3), str(room + 1)))
        values[("debrief_between_rooms", "agreed", room)] = f"SECRET-ROOM-NOTE {mention(room)}"
    values[("debrief", "statements", None)] = [{"indicator": ids[0], "statement": mention(4)}, {"indicator": mention(5), "statement": mention(6)}]
    values[("debrief", "next_steps", None)] = mention(7)
    values[("debrief", "inform", None)] = mention(8)

    (summary,) = document_for(FRAMEWORK, FRAMEWORK.protocol("learning_rounds"), values, rooms, names_to_withhold=school_names(generated_school))
    withheld = [*teachers, *[t.split()[-1] for t in teachers], *rooms, *student, *students["first_name"], *students["last_name"], *students["student_id"]]
    for form, text in rendered_texts(summary).items():
        leaks = [name for name in withheld if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)]
        assert not leaks, (form, leaks)
        assert "SECRET-ROOM-NOTE" not in text and "Room 1" not in text
        assert f"{FRAMEWORK.indicators[0].number}. {FRAMEWORK.indicators[0].name}: seen 6 times, in 3 of 3 rooms" in text
        assert f"{FRAMEWORK.indicators[3].number}. {FRAMEWORK.indicators[3].name}: seen 3 times, in 1 of 3 rooms" in text
        assert text.count(REMOVED) >= 5 * 4  # every statement and next step kept, with its names taken out
