"""The first thing every app shows: which school, grade and team it is open for, or a chooser.

`open_app` is the one call an app notebook makes to get its school. In Voilà a page with
no school (or, where the app needs one, no grade) in its query string shows a chooser,
a plain HTML form that reloads the page with the choice in its address, so a coach can
also hand each table a link. Elsewhere (Papermill, nbval, JupyterLab) the parameters
cell decides, and a missing school means the district's first school, said on screen.
A district whose files do not validate shows its problems, never a traceback.
"""

from dataclasses import dataclass
from html import escape

from IPython.display import HTML, display

from ..data import District, load_district
from ..errors import DistrictDataError
from ..session import ChooseFirst, Choice, choose, data_folder, district_folders, in_voila, open_school, school_index

STOP = {"onthemove_stop": True}  # output metadata: the template hides the stop's error line after it
STYLE = """<style>
.otm-choice{font-size:18px;line-height:1.5;max-width:46em}
.otm-choice label{display:block;margin:10px 0 4px;font-weight:600}
.otm-choice select,.otm-choice input{font-size:18px;padding:4px 6px;min-width:20em}
.otm-choice button{font-size:18px;padding:6px 18px;margin-top:14px}
.otm-opened{font-size:16px;margin:4px 0 12px}
.otm-problems{font-size:16px}
</style>"""


@dataclass(frozen=True)
class App:
    """What an app opened: the school's `District`, its name, the team and the choice behind it."""

    school: District
    school_id: str
    school_name: str
    team: str
    choice: Choice


def open_app(data_dir=None, school_id=None, team=None, grade=None, needs_grade=False, announce=True):
    """The school (and grade) this app is open for, shown as a line with a link to choose again.

    `team` defaults to the grade's team when a grade is chosen. Raises `ChooseFirst` (after
    showing the chooser or the district's problems) when there is nothing to open yet.
    `announce=False` leaves out the line (a printed report says whose it is itself).
    """
    choice = choose(data_dir, school_id, grade, team)
    try:
        schools = school_index(data_folder(choice))
    except DistrictDataError as error:
        _show_problems(error)
    choice = _completed(choice, schools, needs_grade)
    try:
        school = open_school(choice, schools)
    except (ChooseFirst, KeyError, ValueError) as error:
        message = error.args[0] if error.args else str(error)
        _stop(choice, schools, needs_grade, note=str(message))
    name = schools[choice.school_id][0]
    team = choice.team or (f"Grade {choice.grade} team" if choice.grade is not None else "School leadership team")
    if announce:
        display(HTML(STYLE + opened_html(name, choice.grade, team)))
    return App(school, choice.school_id, name, team, choice)


def open_district(data_dir=None):
    """A whole district (for the views that compare its schools), or its problems on screen."""
    try:
        return load_district(data_folder(choose(data_dir)))
    except DistrictDataError as error:
        _show_problems(error)


def _show_problems(error):
    """List a district's problems on the page, then stop it (the room reads them, not a traceback)."""
    display(HTML(STYLE + problems_html(error)), metadata=STOP)
    raise ChooseFirst(f"{len(error.problems)} problem(s) in the district's files; nothing was loaded.") from None


def _completed(choice, schools, needs_grade):
    """Fill what the page left open: the chooser in Voilà, else the first school and grade."""
    if choice.school_id is not None and choice.school_id not in schools:
        _stop(choice, schools, False, note=f"There is no school with the id '{choice.school_id}' in this district; choose one from the list.")
    if choice.school_id is None or (needs_grade and choice.grade is None):
        if in_voila() or not schools:
            _stop(choice, schools, needs_grade)
        school_id = choice.school_id or sorted(schools)[0]
        grade = choice.grade
        if needs_grade and grade is None:
            grade = _grades(schools, school_id)[0]
        choice = Choice(choice.data_dir, school_id, grade, choice.team, choice.district)
    return choice


def _stop(choice, schools, needs_grade, note=None):
    grades = _grades(schools, choice.school_id) if needs_grade and choice.school_id in schools else None
    display(HTML(STYLE + chooser_html(choice, schools, grades, note)), metadata=STOP)
    raise ChooseFirst(note or "Choose a school to open this app.")


def _grades(schools, school_id):
    """The grades a school has students in, from its own folder (K first)."""
    school = load_district(schools[school_id][1])
    return ["K" if g == 0 else str(g) for g in sorted(school.students["grade"].unique())]


def chooser_html(choice, schools, grades=None, note=None):
    """A form that reopens this page with a district, school, grade and team in its address."""
    parts = ['<form class="otm-choice" method="get">', "<h2>Open this app for your school</h2>"]
    if note:
        parts.append(f"<p><strong>{escape(note)}</strong></p>")
    folders = district_folders()
    if len(folders) > 1 and choice.data_dir is None:
        parts.append(_select("district", "District", [(name, name) for name in folders], choice.district))
    elif choice.district:
        parts.append(_hidden("district", choice.district))
    ordered = sorted(schools.items(), key=lambda item: (item[1][0].casefold(), item[0]))
    parts.append(_select("school", "School", [(sid, name) for sid, (name, _) in ordered], choice.school_id))
    if grades is not None:
        parts.append(_select("grade", "Grade", [(g, "Kindergarten" if g == "K" else f"Grade {g}") for g in grades], choice.grade))
    parts.append('<label for="otm-team">Team</label>')
    parts.append(f'<input id="otm-team" name="team" value="{escape(choice.team or "", quote=True)}" placeholder="e.g. Grade 4 team">')
    parts.append('<br><button type="submit">Open</button></form>')
    return "".join(parts)


def opened_html(school_name, grade, team):
    """One line saying whose app this is, with a link back to the chooser."""
    grade_text = "" if grade is None else (", kindergarten" if grade == "K" else f", grade {escape(str(grade))}")
    return f'<p class="otm-opened"><strong>{escape(school_name)}</strong>{grade_text} · {escape(team)} · <a href="?">choose another school</a></p>'


def problems_html(error):
    """The district's problems as a list a coach can act on (every value escaped)."""
    items = "".join(f"<li>{escape(str(p))}</li>" for p in error.problems[:200])
    more = f"<p>… and {len(error.problems) - 200} more: run <code>onthemove validate</code> on the folder.</p>" if len(error.problems) > 200 else ""
    return f'<div class="otm-problems"><h2>This district\'s files need fixing first</h2><p>{len(error.problems)} problem(s) found; nothing was loaded.</p><ul>{items}</ul>{more}</div>'


def _select(name, label, options, chosen):
    rows = "".join(
        f'<option value="{escape(value, quote=True)}"{" selected" if value == chosen else ""}>{escape(text)}</option>' for value, text in options
    )
    return f'<label for="otm-{name}">{escape(label)}</label><select id="otm-{name}" name="{name}">{rows}</select>'


def _hidden(name, value):
    return f'<input type="hidden" name="{name}" value="{escape(value, quote=True)}">'
