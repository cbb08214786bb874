"""The order of the notebooks, kept in one place for the landing app, guides and tests."""

from dataclasses import dataclass
from html import escape

from .framework import load_framework
from .paths import NOTEBOOKS_DIR


@dataclass(frozen=True)
class Entry:
    """One notebook of the curriculum; `protocol`/`driver` name its framework content."""

    path: str
    section: str
    title: str = ""
    protocol: str | None = None
    driver: str | None = None

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
    Entry("00_start_here.ipynb", "Start here", title="Start here: Schools on the Move"),
    Entry("drivers/01_clarity_of_focus.ipynb", "Key drivers", driver="clarity_of_focus"),
    Entry("drivers/04_continuous_improvement.ipynb", "Key drivers", driver="continuous_improvement"),
    Entry("protocols/determining_student_learning_needs.ipynb", "Protocols", protocol="determining_student_learning_needs"),
    Entry("protocols/school_implementation_plan.ipynb", "Protocols", protocol="school_implementation_plan"),
    Entry("protocols/examining_data.ipynb", "Protocols", protocol="examining_data"),
    Entry("reports/school_report.ipynb", "Reports", title="School report (preview for one school)"),
)
LANDING = "index.ipynb"


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
        parts.append(f'<li><a href="{escape(entry.path)}">{escape(entry.name)}</a></li>')
    return "".join(parts) + "</ul>"


def notebook_paths():
    """Every notebook file on disk (the landing page aside), relative to notebooks/."""
    return sorted(str(p.relative_to(NOTEBOOKS_DIR)) for p in NOTEBOOKS_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and p.name != LANDING)
