"""The order of the notebooks, kept in one place for the landing app, guides and tests."""

from dataclasses import dataclass
from html import escape

from .framework import load_framework
from .paths import NOTEBOOKS_DIR

GUIDES_URL = "../templates/onthemove/static/guides/"
"""Where `onthemove serve` puts the HTML guides, relative to an app page (/voila/render/…):
Voilà serves a template's static folder, and the server adds one holding the guides."""


@dataclass(frozen=True)
class Entry:
    """One notebook of the curriculum; `protocol`/`driver` name its framework content, `guide_key` the guide of any other."""

    path: str
    section: str
    title: str = ""
    protocol: str | None = None
    driver: str | None = None
    guide_key: str | None = None
    shows_data: bool = True  # False for an app that opens no district's data (the import app makes districts)

    @property
    def guide(self):
        """The key of its facilitator guide: the protocol's or driver's key, else its own."""
        return self.protocol or self.driver or self.guide_key

    @property
    def name(self):
        """The title, taken from the framework where the notebook teaches a protocol or driver."""
        framework = load_framework()
        if self.protocol:
            return framework.protocol(self.protocol).name
        if self.driver:
            return framework.driver(self.driver).name
        return self.title


CURRICULUM = (
    Entry("00_start_here.ipynb", "Start here", title="Start here: Schools on the Move", guide_key="start_here"),
    Entry("drivers/01_clarity_of_focus.ipynb", "Key drivers", driver="clarity_of_focus"),
    Entry("drivers/02_shared_leadership.ipynb", "Key drivers", driver="shared_leadership"),
    Entry("drivers/03_collective_expertise.ipynb", "Key drivers", driver="collective_expertise"),
    Entry("drivers/04_continuous_improvement.ipynb", "Key drivers", driver="continuous_improvement"),
    Entry("protocols/determining_student_learning_needs.ipynb", "Protocols", protocol="determining_student_learning_needs"),
    Entry("protocols/school_implementation_plan.ipynb", "Protocols", protocol="school_implementation_plan"),
    Entry("protocols/collaborative_instructional_design.ipynb", "Protocols", protocol="collaborative_instructional_design"),
    Entry("protocols/critical_friends.ipynb", "Protocols", protocol="critical_friends"),
    Entry("protocols/examining_data.ipynb", "Protocols", protocol="examining_data"),
    Entry("protocols/analyzing_student_work.ipynb", "Protocols", protocol="analyzing_student_work"),
    Entry("protocols/learning_rounds.ipynb", "Protocols", protocol="learning_rounds"),
    Entry("reports/school_report.ipynb", "Reports", title="School report (preview for one school)", guide_key="school_report"),
    Entry("import_your_data.ipynb", "Your data", title="Import your data", guide_key="import_your_data", shows_data=False),
)
LANDING = "index.ipynb"
FIRST_HOUR = (
    ("00_start_here.ipynb", "the purpose, the drivers and the cycle, and a first look at the district"),
    ("protocols/determining_student_learning_needs.ipynb", "the data wall: every student of one grade team, banded and sorted"),
    ("drivers/01_clarity_of_focus.ipynb", "a first theory of action, from what the wall showed"),
)
"""A new principal's first hour: which three apps to open, in order, and what each gives."""


def curriculum_html():
    """The landing page's list of apps, as links relative to the landing notebook.

    It is shown in an ipywidgets HTML view on purpose: Voilà's Markdown renderer turns
    relative notebook links into file downloads, which Voilà refuses.
    """
    parts, section = [], None
    for entry in CURRICULUM:
        if entry.section != section:
            if section is not None:
                parts.append("</ul>")
            section = entry.section
            parts.append(f"<h3>{escape(section)}</h3><ul>")
        parts.append(f'<li><a href="{escape(entry.path)}">{escape(entry.name)}</a> ({_guide_link(entry)})</li>')
    return "".join(parts) + "</ul>"


def notebook_paths():
    """Every notebook file on disk (the landing page aside), relative to notebooks/."""
    return sorted(str(p.relative_to(NOTEBOOKS_DIR)) for p in NOTEBOOKS_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and p.name != LANDING)


def _entry(**named):
    return next((entry for entry in CURRICULUM if all(getattr(entry, k) == v for k, v in named.items())), None)


def guide_href(entry):
    """The served address of an entry's facilitator guide, relative to an app page."""
    return f"{GUIDES_URL}{entry.guide}.html"


def _guide_link(entry):
    return f'<a href="{escape(guide_href(entry))}">facilitator guide</a>'


def _link(entry, words=None, guide=True):
    """An HTML link to an entry's app (relative to notebooks/), or a note that none exists yet."""
    if not entry:
        return "<i>no app yet</i>"
    app = f'<a href="{escape(entry.path)}">{escape(words or entry.name)}</a>'
    return f"{app} ({_guide_link(entry)})" if guide else app


def map_html():
    """Where every notebook sits: the drivers joined by inquiry, the protocols of the cycle, and a first hour.

    HTML for an ipywidgets view, like the landing page, so the links open apps in Voilà.
    """
    framework = load_framework()
    drivers = "".join(
        f"<tr><td>{d.number}</td><th>{escape(d.name)}</th><td>{escape(d.meaning.split('. ')[0].rstrip('.'))}.</td><td>{_link(_entry(driver=d.key), 'open')}</td></tr>"
        for d in framework.drivers
    )
    stages = "".join(
        f"<tr><th>{escape(stage.label)}</th><td>"
        + "<br>".join(_link(_entry(protocol=key)) if _entry(protocol=key) else f"{escape(framework.protocol(key).name)} ({_link(None)})" for choice in stage.protocols for key in choice)
        + "</td></tr>"
        for stage in framework.protocol_cycle if stage.protocols
    )
    first = " → ".join(f"{_link(_entry(path=path), guide=False)} ({escape(why)})" for path, why in FIRST_HOUR)
    return (
        '<div class="otm-map" style="font-size:16px;line-height:1.5;max-width:60em">'
        "<h3>The four key drivers, joined by collaborative inquiry</h3>"
        f"<table><tr><th>#</th><th>Driver</th><th>In short</th><th>App</th></tr>{drivers}</table>"
        "<h3>The protocols of the school-site cycle, in the order a school runs them</h3>"
        f"<table><tr><th>When</th><th>Protocols</th></tr>{stages}</table>"
        f"<h3>A new principal's first hour</h3><p>{first}.</p></div>"
    )
