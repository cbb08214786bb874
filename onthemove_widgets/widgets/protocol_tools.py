"""The app pieces a protocol step can show above its records (a step's `tool` in the
framework data), built only when a step first needs one and then kept for the session."""

import pandas as pd

from ..analysis.wall import WallSettings, data_wall
from ..protocols.student_work import stacks_from_wall


def make_tool(name, app, store, options):
    """The widget for tool `name`, for this app's school and team.

    `options` are the notebook's parameters a tool takes: measure and subject (the wall
    opens on them) and min_n (the smallest group shown)."""
    # Imported here: the charts' stack (Altair, ~2 s of a kernel's start) loads only for a
    # step that shows one, not for every protocol app page.
    from ..analysis.suppress import MIN_N
    from .growth_plotter import GrowthPlotter
    from .plan_editor import PlanEditor
    from .student_sorter import StudentSorter

    if name == "student_wall":
        settings = WallSettings.opening(options.get("measure"), options.get("subject"))
        return StudentSorter(app.school, store, app.team, settings=settings)
    if name == "growth_views":
        return GrowthPlotter(app.school, min_n=options.get("min_n", MIN_N))
    if name == "plan_editor":
        return PlanEditor(store, app.school_id, app.school_name, app.team)
    raise ValueError(f"no app piece called {name!r}")


def preload():
    """Import the tools' modules and draw a first chart, as a kernel of the room's pool does before its page comes.

    A page's kernel defers these (about 1 CPU-s) to the first step that shows a tool; in a
    pooled kernel they are free, and thirty first clicks on a wall would otherwise queue
    for 2 cores.
    """
    from .. import charts
    from . import growth_plotter, plan_editor, student_sorter  # noqa: F401 — imported for their cost, now

    charts.warm_up()


def wall_stacks(app, units):
    """Stacks started from the school's data wall, on the district's cycle check (every grade sits it): one per
    teacher, named as the presenter of the same name where there is one."""
    school = app.school
    settings = WallSettings.opening(*school.measure(role="cycle_check"))
    no_overrides = pd.DataFrame(columns=["student_id", "band", "reason", "saved_at"])
    wall = data_wall(school.students, school.assessments, school.cut_scores, no_overrides, settings)
    by_name = {name.strip().casefold(): name for name in units}
    presenters = {t: by_name[str(t).strip().casefold()] for t in wall["teacher"].dropna().unique() if str(t).strip().casefold() in by_name}
    return stacks_from_wall(wall, "teacher", presenters=presenters)
