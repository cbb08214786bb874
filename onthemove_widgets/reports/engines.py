"""Execute a report notebook once per school and export it as offline HTML.

`WarmEngine` keeps one kernel alive and runs school after school in it, so the process
start, kernel start and imports (about 90% of a report's cost) are paid once per few
hundred schools instead of once per school. `PapermillEngine` starts a kernel per school
and keeps every executed notebook for audit. Both give each cell a timeout, retry a
failed school once on a fresh kernel, and report a failure instead of raising it, so one
school never stops the next.
"""

import ast
import asyncio
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import papermill
import zmq
from jinja2 import DictLoader
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets.config import Config

from .. import kernel_wakeups
from .parameters import inject_parameters, read_report_notebook

kernel_wakeups.install()  # a school whose kernel's reply went unnoticed would wait out its cell timeout

SUMMARY_MIME = "application/x.onthemove-summary+json"
RESTART_EVERY = 200
STARTUP_TIMEOUT = 120  # seconds for a kernel to start, apart from the per-cell timeout
# Kernel traffic encrypted where pyzmq can; it also spares every kernel's warning about it.
KERNEL_CONFIG = Config({"KernelManager": {"transport_encryption": "auto" if zmq.has("curve") else "disabled"}})
ERROR_LINES = 6

# The lab template loads require.js and MathJax from a CDN, and mermaid and the widget
# manager when needed; a report opened on a school network must load nothing. Charts
# carry their alt text (set by `charts`), which the lab template leaves out. The print
# styles fit charts and tables to a US letter page without splitting them.
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output" data-mime-type="image/svg+xml">
<img src="data:image/svg+xml;base64,{{ output.data['image/svg+xml'] | text_base64 | escape_html }}" alt="{{ ((output | get_metadata('alt', 'image/svg+xml')) or 'Chart') | escape_html }}">
</div>
{%- endblock data_svg -%}
{%- block extra_css -%}
<style>
@page { size: letter; margin: 0.6in; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; } }
@media print {
  body { font-size: 10pt; }
  .jp-OutputArea-output { overflow: visible !important; }
  .jp-OutputArea-output img, .jp-OutputArea-output svg { max-width: 100%; height: auto; break-inside: avoid; }
  table { font-size: 8pt; }
  th, td { padding: 0.15em 0.3em !important; overflow-wrap: anywhere; }
  table, figure { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
{%- endblock extra_css -%}
"""

# Run between two schools in a warm kernel: forget the previous school's variables and
# input/output history (a new session also restarts the execution count at 1), and
# forget which warnings were already shown (entering catch_warnings invalidates the
# per-module "already warned" registries), so each report shows what a fresh kernel
# would. What survives a reset is the imported modules: gc.freeze() moves them out of
# the collector's sight, so neither the next reset's full collection nor the collections
# during the next school scan them again (0.13 s a school; memory that only a collection
# could free stays bounded by the restart every RESTART_EVERY schools).
CLEAR_NAMESPACE = """\
get_ipython().reset(new_session=True)
import gc, warnings
with warnings.catch_warnings():
    pass
gc.freeze()
del gc, warnings
"""


@dataclass
class ReportResult:
    """What a batch needs to know about one school's run."""

    school_id: str
    ok: bool
    seconds: float
    error: str = ""  # the first lines of the last attempt's error
    summary: dict | None = None  # the notebook's summary bundle
    attempts: int = 1
    split: dict | None = None  # seconds of the last attempt's steps: run (the notebook), export, write


# Where nbconvert's HTMLExporter makes outputs and markdown cells focusable for keyboard users.
FOCUSABLE = re.compile(r'(<div class="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*"[^>]*)>')


class OfflineReportExporter(HTMLExporter):
    """The lab HTML exporter without its second pass over each finished page.

    `HTMLExporter` parses every page again with BeautifulSoup (~50 ms a report) only to
    give images alt text, which our template writes, and outputs and cells a tabindex,
    which a regular expression adds here. The page is otherwise the one `HTMLExporter` writes
    (a test compares the two).
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return FOCUSABLE.sub(r'\1 tabindex="0">', html), resources


def offline_exporter(exporter=OfflineReportExporter):
    """nbconvert's lab HTML without code, prompts or any script loaded from the internet."""
    return exporter(
        template_name="lab",
        template_file="offline_report.html.j2",
        extra_loaders=[DictLoader({"offline_report.html.j2": OFFLINE_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def pop_summary(nb):
    """Take the summary bundles out of the executed notebook; return the last one, or None.

    They are for the index page only; left in, nbconvert warns it cannot show them.
    """
    summary = None
    for cell in (c for c in nb.cells if "outputs" in c):
        kept = []
        for output in cell.outputs:
            if SUMMARY_MIME in output.get("data", {}):
                summary = dict(output["data"][SUMMARY_MIME])
            else:
                kept.append(output)
        cell.outputs = kept
    return summary


def notebook_imports(nb):
    """The top-level import statements of the notebook's code cells, as code to run.

    Running them in a new kernel (then clearing its namespace) loads the modules every
    report needs before the first school arrives; a cell that does not parse (IPython
    magics) is skipped.
    """
    lines = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        lines += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return "".join(f"{line}\n" for line in dict.fromkeys(lines))


def warm_up_code(nb):
    """What a new kernel runs before its first school: the notebook's imports, then the
    notebook's own warm-up (`metadata.onthemove.warm_up`, e.g. drawing a throwaway chart)."""
    return notebook_imports(nb) + nb.metadata.get("onthemove", {}).get("warm_up", "")


def _durations(marks):
    """{step: seconds} from the times each step ended, in order (the first mark is the start)."""
    names, times = list(marks), list(marks.values())
    return {name: round(end - begin, 4) for name, begin, end in zip(names[1:], times, times[1:])}


def page_title(summary, school_id):
    """The report's tab and window title: its school's name, as its heading says, not a file name."""
    name = (summary or {}).get("school_name")
    return f"{name}: school report" if name else school_id


def first_lines(error, count=ERROR_LINES):
    """The error's type and message, without terminal colours, cut to a few lines."""
    if hasattr(error, "ename"):  # raised in the kernel (nbclient and papermill alike)
        text = f"{error.ename}: {error.evalue}"
    else:
        text = f"{type(error).__name__}: {error}"
    return "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", text).strip().splitlines()[:count])


class _Engine:
    """Retry, timing, HTML export and failure capture shared by both engines.

    Both merge a cell's consecutive printed outputs (`coalesce_streams`): the kernel sends
    a long print in pieces when its flush timer fires mid-line, and a report should not
    change with the machine's load.
    """

    def __init__(self, notebook, timeout=120, kernel_name=None):
        self.notebook_path = Path(notebook)
        self.notebook = read_report_notebook(self.notebook_path)
        self.kernel_name = kernel_name or self.notebook.metadata.get("kernelspec", {}).get("name", "python3")
        self.timeout = timeout
        self._exporter = offline_exporter()

    def run(self, params, html_path) -> ReportResult:
        """Execute the notebook with `params`, write the HTML report, never raise."""
        html_path = Path(html_path)
        school_id = params.get("school_id", html_path.stem)
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                split = {"started": time.perf_counter()}
                nb = self._execute(params, html_path)
                split["run"] = time.perf_counter()
                summary = pop_summary(nb)
                html, _ = self._exporter.from_notebook_node(nb, resources={"metadata": {"name": page_title(summary, school_id)}})
                split["export"] = time.perf_counter()
                temporary = html_path.with_name(html_path.name + ".tmp")
                temporary.write_text(html, encoding="utf-8")
                temporary.replace(html_path)
                split["write"] = time.perf_counter()
                return ReportResult(school_id, True, time.perf_counter() - start, summary=summary, attempts=attempt, split=_durations(split))
            except Exception as error:  # a report can fail in any way; the batch goes on
                self._recover()
                failure = error
        html_path.unlink(missing_ok=True)  # an older report would show data that no longer holds
        return ReportResult(school_id, False, time.perf_counter() - start, error=first_lines(failure), attempts=2)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        """Get ready for the first school (the warm engine starts and warms its kernel)."""

    def close(self):
        """Release the engine's kernel, if it keeps one."""

    def _execute(self, params, html_path):
        raise NotImplementedError

    def _recover(self):
        """Make the next attempt start from a fresh kernel."""


class WarmEngine(_Engine):
    """One kept-alive kernel running school after school, cleared between schools.

    The kernel is replaced after any error or timeout and every `restart_every`
    schools (memory a notebook leaks in modules stays bounded).
    """

    def __init__(self, notebook, timeout=120, restart_every=RESTART_EVERY, kernel_name=None):
        super().__init__(notebook, timeout, kernel_name)
        self.restart_every = restart_every
        # The kernel's event loop runs in a thread of its own, so the engine also works
        # when the caller's thread already runs a loop (Jupyter, Playwright, Dask).
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="warm-kernel-loop", daemon=True)
        self._thread.start()
        self._km = None
        self._kc = None
        self._runs = 0  # schools run since the kernel started
        self._fresh_kernel_needed = True
        self.kernels_started = 0

    def start(self):
        """Start the kernel and warm it up (`warm_up_code`), so the first school finds everything loaded.

        A batch calls this while the district is still being split.
        """
        self._run(self._start_kernel())

    def close(self):
        self._run(self._shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _recover(self):
        self._fresh_kernel_needed = True

    def _execute(self, params, html_path):
        return self._run(self._execute_async(params))

    async def _execute_async(self, params):
        if self._fresh_kernel_needed or self._runs >= self.restart_every:
            await self._start_kernel()
        elif self._runs:
            await self._clear_namespace()
        nb = inject_parameters(self.notebook, params, self.kernel_name)
        client = NotebookClient(nb, km=self._km, timeout=self.timeout, kernel_name=self.kernel_name, coalesce_streams=True)
        client.kc = self._kc
        self._runs += 1
        await client.async_execute()
        return nb

    async def _start_kernel(self):
        await self._shutdown()
        self._km = AsyncKernelManager(kernel_name=self.kernel_name, config=KERNEL_CONFIG)
        await self._km.start_kernel(cwd=str(self.notebook_path.parent), extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self._kc = self._km.client()
        self._kc.start_channels()
        await self._kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        self.kernels_started += 1
        await self._run_quietly(warm_up_code(self.notebook) + CLEAR_NAMESPACE, "warming the kernel up")
        self._runs, self._fresh_kernel_needed = 0, False

    async def _clear_namespace(self):
        await self._run_quietly(CLEAR_NAMESPACE, "clearing the kernel between schools")

    async def _run_quietly(self, code, what):
        reply = await self._kc.execute_interactive(code, store_history=False, timeout=self.timeout, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{what} failed: {reply['content'].get('evalue')}")

    async def _shutdown(self):
        if self._kc is not None:
            self._kc.stop_channels()
        if self._km is not None and self._km.has_kernel:
            await self._km.shutdown_kernel(now=True)
        self._km = self._kc = None


class PapermillEngine(_Engine):
    """`papermill.execute_notebook` per school; the executed .ipynb sits beside its HTML."""

    def _execute(self, params, html_path):
        return papermill.execute_notebook(
            inject_parameters(self.notebook, params, self.kernel_name),  # already checked and injected
            html_path.with_suffix(".ipynb"),
            kernel_name=self.kernel_name,
            language="python",
            execution_timeout=self.timeout,
            progress_bar=False,
            cwd=str(self.notebook_path.parent),
            config=KERNEL_CONFIG,
            coalesce_streams=True,
        )


ENGINES = {"warm": WarmEngine, "papermill": PapermillEngine}
