"""The "Import your data" app: choose the kind of file, upload it, match its columns, import.

Thin glue over the package: `importers.uploads` checks what the browser sent,
`importers.run` imports (the same flow as `onthemove import`), `import_html` draws the
preview and the report. The new district is written under the data root the server
offers in every app's chooser (`session.data_root`).
"""

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..importers import spreadsheet, uploads
from ..importers.faults import ImportFault
from ..importers.run import ImportRefused, import_into_folder
from ..session import data_root
from . import import_html
from .guards import guard
from .labels import FIELD_WORDS
from .saving import WARN

NOT_IN_FILE = ""  # the dropdown's "not in this file": no column is named "" (pandas names it Unnamed)
MAPPING_FILE = "import_mapping.yaml"
STYLE = """<style>
.otm-import-app, .otm-import-app .widget-label, .otm-import-app label, .otm-import-app input,
.otm-import-app select, .otm-import-app button {font-size:16px}
.otm-import-app .widget-label, .otm-import-app .widget-radio-box label {height:auto;line-height:1.6}
</style>"""
REFUSED = (uploads.UploadRefused, ImportRefused)


def fit():
    """A layout as wide as the control's own words (a box would stretch it across the page)."""
    return widgets.Layout(width="auto", align_self="flex-start")


def words(text):
    """An HTML widget with a line of our own words, at the app's size."""
    return widgets.HTML(f"<p style='font-size:16px;margin:10px 0 2px'>{text}</p>")


class ImportApp:
    """The form: kind, files, the district's name, the column matching for a spreadsheet, Import."""

    def __init__(self, root=None):
        self.root = Path(root) if root else data_root()
        self.kind = widgets.RadioButtons(options=[(w, k) for k, w in uploads.KIND_WORDS.items()], value="spreadsheet", layout=fit())
        self.files = widgets.FileUpload(multiple=True, description="Choose the file(s)", layout=fit())
        self.supplement = widgets.FileUpload(accept=".csv", description="Choose the student-groups file", layout=fit())
        self.name = widgets.Text(placeholder="for example sunny_unified_2024", layout=widgets.Layout(width="24em"))
        self.choices = {}
        self.matching, self.preview = widgets.VBox(), widgets.HTML()
        self.keep = widgets.Checkbox(value=True, description="Keep this matching for next year's file", indent=False, layout=fit())
        self.button = widgets.Button(description="Import", button_style="primary", layout=fit())
        self.status, self.report = widgets.HTML(), widgets.HTML()
        self.extra = widgets.VBox([words("Optional: a CSV of student groups (English learner, disability, economic), keyed by student id"),
                                   self.supplement])
        self.mapping_box = widgets.VBox([words("<b>Match the file's columns</b> to the fields we need (matches are suggested; "
                                               "a field not in the file stays empty, or give one value for every row)"),
                                         self.matching, self.preview, self.keep])
        self.view = widgets.VBox([widgets.HTML(STYLE), words("<b>1. What kind of file is it?</b>"), self.kind,
                                  words("<b>2. Upload it</b> (it goes to this app's server only, never to the internet)"), self.files, self.extra,
                                  self.mapping_box, words("<b>3. A name for the new district</b> (letters, digits, - and _)"), self.name,
                                  self.button, self.status, self.report])
        self.view.add_class("otm-import-app")
        self.kind.observe(self._kind_changed, "value")
        self.files.observe(self._build_matching, "value")
        self.button.on_click(self.run)
        guard(self.view, self.status)
        self._kind_changed()

    def _kind_changed(self, change=None):
        self.files.accept = ",".join(uploads.READS[self.kind.value])
        self.extra.layout.display = "" if self.kind.value in uploads.TAKES_SUPPLEMENT else "none"
        self._build_matching()

    def _files(self):
        """The uploaded files, checked (kind, types, size)."""
        files = uploads.uploaded(self.files.value)
        uploads.check_files(self.kind.value, files, self._supplement())
        return files

    def _supplement(self):
        return uploads.uploaded(self.supplement.value) if self.kind.value in uploads.TAKES_SUPPLEMENT else []

    def _build_matching(self, change=None):
        """One dropdown per field for a spreadsheet, pre-set from the suggested matches; hidden for other kinds."""
        self.choices, self.matching.children, self.preview.value, self.status.value = {}, (), "", ""
        self.mapping_box.layout.display = "none"
        if self.kind.value != "spreadsheet" or not self.files.value:
            return
        try:
            with uploads.written(self._files()[:1]) as paths:
                columns = spreadsheet.columns(paths[0])
        except (*REFUSED, ImportFault) as error:
            self._say(error)
            return
        suggested = spreadsheet.suggest_mapping(columns)
        for field in spreadsheet.FIELDS:
            column = widgets.Dropdown(options=[("not in this file", NOT_IN_FILE), *[(c, c) for c in columns]],
                                      value=suggested.get(field, NOT_IN_FILE), layout=widgets.Layout(width="20em"))
            value = widgets.Text(placeholder="or one value for every row", layout=widgets.Layout(width="18em"))
            column.observe(self.redraw, "value")
            value.observe(self.redraw, "value")
            self.choices[field] = (column, value)
        self.matching.children = [widgets.HBox([widgets.Label(FIELD_WORDS[f], layout=widgets.Layout(width="28em")), *pair])
                                  for f, pair in self.choices.items()]
        self.mapping_box.layout.display = ""
        self.redraw()

    def mapping(self):
        """{'columns': {field: column}, 'values': {field: text}} as the dropdowns and boxes say."""
        columns = {f: column.value for f, (column, _) in self.choices.items() if column.value != NOT_IN_FILE}
        values = {f: value.value.strip() for f, (column, value) in self.choices.items()
                  if column.value == NOT_IN_FILE and value.value.strip()}
        return {"columns": columns, "values": values}

    def redraw(self, change=None):
        """The preview of the first rows, drawn again for the matching as it stands."""
        try:
            with uploads.written(self._files()[:1]) as paths:
                self.preview.value = import_html.preview_html(spreadsheet.preview(paths[0], self.mapping()))
        except (*REFUSED, ImportFault) as error:
            self._say(error)

    def run(self, button=None):
        """Check everything again, import into a new folder, and show the report (or why nothing was written)."""
        self.report.value, self.button.disabled = "", True
        self.status.value = "<p style='font-size:16px'>Importing…</p>"
        try:
            self._import()
        except REFUSED as error:
            self._say(error)
        except ImportFault as fault:
            self.status.value, self.report.value = "", import_html.fault_html(fault)
        finally:
            self.button.disabled = False

    def _import(self):
        folder = uploads.check_name(self.name.value, self.root)
        files, supplement = self._files(), self._supplement()
        mapping = self.mapping() if self.kind.value == "spreadsheet" else None
        with uploads.written(files) as paths, uploads.written(supplement) as extra:
            imported = import_into_folder(self.kind.value, paths, out=folder, supplement=extra[0] if extra else None, mapping=mapping)
        kept = folder / MAPPING_FILE if mapping and self.keep.value else None
        if kept:
            spreadsheet.save_mapping(kept, mapping)
        self.status.value, self.report.value = "", import_html.report_html(imported, folder.name, kept)

    def _say(self, error):
        self.status.value = "<p style='font-size:16px'>" + WARN.format(escape(str(error))) + "</p>"


def import_app(data_root=None):
    """The app's view, writing new districts under `data_root` (else the server's data root)."""
    return ImportApp(data_root).view
