"""The app pieces a protocol step can show above its records (a step's `tool` in the
framework data), built only when a step first needs one and then kept for the session."""

from ..analysis.wall import WallSettings
from ..analysis.suppress import MIN_N
from .growth_plotter import GrowthPlotter
from .plan_editor import PlanEditor
from .student_sorter import StudentSorter


def make_tool(name, app, store, options):
    """The widget for tool `name`, for this app's school and team.

    `options` are the notebook's parameters a tool takes: measure and subject (the wall
    opens on them) and min_n (the smallest group shown)."""
    if name == "student_wall":
        settings = WallSettings.opening(options.get("measure"), options.get("subject"))
        return StudentSorter(app.school, store, app.team, settings=settings)
    if name == "growth_views":
        return GrowthPlotter(app.school, min_n=options.get("min_n", MIN_N))
    if name == "plan_editor":
        return PlanEditor(store, app.school_id, app.school_name, app.team)
    raise ValueError(f"no app piece called {name!r}")
