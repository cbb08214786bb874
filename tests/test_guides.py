"""Facilitator guides: made from the framework data, so a guide never disagrees with its app."""

import html
import io
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner
from docx import Document

from onthemove_widgets.cli import main
from onthemove_widgets.curriculum import CURRICULUM
from onthemove_widgets.framework import load_framework
from onthemove_widgets.framework.render import format_minutes
from onthemove_widgets.guides import GUIDE_KEYS, GUIDES_DIR, build_guide
from onthemove_widgets.guides.blocks import Bullets, Command, Heading, Paragraph, Table
from onthemove_widgets.guides.build import Guide
from onthemove_widgets.guides.render import to_docx, to_html, to_markdown
from onthemove_widgets.guides.text import TEXT_DIR, GuideTextError
from onthemove_widgets.guides.write import REGENERATE, index_markdown
from onthemove_widgets.paths import REPO_ROOT

FRAMEWORK = load_framework()
PROTOCOLS = [p.key for p in FRAMEWORK.protocols]
COMMITTED = sorted(GUIDES_DIR.glob("*.md"))
HOSTILE = '<script>alert(1)</script> & <img src=x onerror=alert(2)> [x](javascript:alert(3)) | *'


def committed(key):
    return (GUIDES_DIR / f"{key}.md").read_text(encoding="utf-8")


def unescape(cell):
    """A Markdown table cell back to its text: drop escaping backslashes, decode entities."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell.strip()))


def agenda_rows(markdown):
    """(step, minutes) from the table under '## Agenda'."""
    section = markdown.split("\n## Agenda\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")][1:]
    cells = [re.split(r"(?<!\\)\|", line)[1:-1] for line in lines]
    return [(unescape(c[1]), unescape(c[2])) for c in cells]


def commands(markdown):
    """Every `onthemove …` command in fenced blocks and inline code."""
    fenced = [line for block in re.findall(r"```bash\n(.*?)```", markdown, re.S) for line in block.splitlines()]
    inline = re.findall(r"(?<!`)`([^`\n]+)`(?!`)", re.sub(r"```.*?```", "", markdown, flags=re.S))
    return [c.strip() for c in fenced + inline if c.strip().startswith("onthemove ")]


def parse_command(line):
    """Parse a command with the real CLI, as the shell would hand it over; raises on any bad option."""
    args = shlex.split(line)[1:]
    sub = main.get_command(None, args[0])
    assert sub is not None, f"no subcommand {args[0]!r} in: {line}"
    return sub.make_context(args[0], args[1:])


@pytest.mark.parametrize("key", GUIDE_KEYS)
def test_committed_guide_is_what_the_data_and_text_make(key):
    assert committed(key) == to_markdown(build_guide(key)), f"{key}.md is stale: run `{REGENERATE}`"


def test_committed_index_is_current_and_lists_only_guides():
    assert (GUIDES_DIR / "README.md").read_text(encoding="utf-8") == index_markdown(), f"README.md is stale: run `{REGENERATE}`"
    assert sorted(p.stem for p in COMMITTED if p.stem != "README") == sorted(GUIDE_KEYS)


def test_every_protocol_and_driver_in_the_framework_has_a_guide_and_text():
    for key in (*PROTOCOLS, *(d.key for d in FRAMEWORK.drivers), "start_here", "school_report"):
        assert key in GUIDE_KEYS and (GUIDES_DIR / f"{key}.md").exists() and (TEXT_DIR / f"{key}.yaml").exists(), key


@pytest.mark.parametrize("key", PROTOCOLS)
def test_agenda_table_has_the_data_steps_and_minutes_in_order(key):
    protocol = FRAMEWORK.protocol(key)
    assert agenda_rows(committed(key)) == [(s.name, format_minutes(s)) for s in protocol.steps]


@pytest.mark.parametrize("key", PROTOCOLS)
def test_every_step_has_its_section_in_order(key):
    headings = re.findall(r"^### Step (\d+)\. (.+) \(", committed(key), re.M)
    assert [(int(n), unescape(name)) for n, name in headings] == [(i, s.name) for i, s in enumerate(FRAMEWORK.protocol(key).steps, 1)]


def test_critical_friends_plan_runs_each_presenter_and_ends_when_the_data_says():
    plan = committed("critical_friends").split("## Session plan")[1]
    assert "| 15:30–15:35 | Opening | 5 |" in plan
    assert "(Presenter 3) | 10 |" in plan  # the last reflection, at its longest
    assert "Ends at 17:10, after 100 minutes." in plan  # 10 + 3 × 30


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_every_relative_link_resolves_to_a_file(path):
    targets = [t for t in re.findall(r"\]\(([^)]+)\)", path.read_text(encoding="utf-8")) if not re.match(r"[a-z]+:", t)]
    missing = [t for t in targets if not (path.parent / t).resolve().is_file()]
    assert targets and not missing, f"{path.name}: links to nothing: {missing}"


def test_notebook_links_go_through_the_curriculum():
    for key in GUIDE_KEYS:
        links = set(re.findall(r"\]\((\.\./notebooks/[^)]+)\)", committed(key)))
        assert links == {f"../notebooks/{e.path}" for e in CURRICULUM if e.guide == key}, key


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_every_command_parses_with_the_real_cli(path, monkeypatch):
    monkeypatch.chdir(REPO_ROOT)  # the commands name the repository's folders
    found = commands(path.read_text(encoding="utf-8"))
    assert found, f"{path.name} names no command"
    for line in found:
        parse_command(line)


def test_the_command_check_fails_on_a_misspelled_option_or_a_missing_folder(monkeypatch):
    monkeypatch.chdir(REPO_ROOT)
    import click

    with pytest.raises(click.UsageError):
        parse_command("onthemove guides --out x --presenter 3")
    with pytest.raises(click.BadParameter):
        parse_command("onthemove validate no/such/folder")
    assert commands("Run `onthemove serve` then\n```bash\nonthemove guides --out x\n```\n") == ["onthemove guides --out x", "onthemove serve"]


def test_a_missing_or_unknown_step_text_names_the_file_and_key(tmp_path):
    folder = tmp_path / "text"
    shutil.copytree(TEXT_DIR, folder)
    path = folder / "examining_data.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("  strengths:\n", "  strenghts:\n"), encoding="utf-8")
    with pytest.raises(GuideTextError, match=r"examining_data\.yaml: steps: missing \['strengths'\], unknown \['strenghts'\]"):
        build_guide("examining_data", text_dir=folder)
    path.write_text(original.replace("    good: Strengths are specific", "    goood: Strengths are specific"), encoding="utf-8")
    with pytest.raises(GuideTextError, match=r"steps: strengths: missing \['good'\]"):
        build_guide("examining_data", text_dir=folder)


def test_a_notebook_guide_must_follow_the_notebook_parts(tmp_path):
    folder = tmp_path / "text"
    shutil.copytree(TEXT_DIR, folder)
    path = folder / "clarity_of_focus.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("heading: Draft your theory of action", "heading: Draft it"), encoding="utf-8")
    with pytest.raises(GuideTextError, match="Draft your theory of action"):
        build_guide("clarity_of_focus", text_dir=folder)


def hostile_guide():
    return Guide("x", HOSTILE, (Heading(2, HOSTILE), Paragraph(HOSTILE, lead=HOSTILE), Bullets((HOSTILE,), lead=HOSTILE),
                                Table((HOSTILE,), ((HOSTILE,),)), Command("onthemove serve")))


def test_html_is_script_free_with_a_policy_and_escapes_hostile_text():
    page = to_html(hostile_guide())
    assert "<script" not in page and "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    real = to_html(build_guide("learning_rounds"))
    assert "<script" not in real and "<h3>Step 2. Learning Rounds (~10–20 min per room)</h3>" in real


def test_markdown_escapes_hostile_text():
    text = to_markdown(hostile_guide())
    assert "<script>" not in text and not re.search(r"(?<!\\)\]\(javascript:", text) and "\\[x\\](javascript:" in text
    assert "&lt;script&gt;" in text and "\\| \\*" in text


def test_docx_opens_with_every_step_heading_and_the_plan_table():
    document = Document(io.BytesIO(to_docx(build_guide("critical_friends"))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    steps = FRAMEWORK.protocol("critical_friends").steps
    assert [h for h in headings if h.startswith("Step ")] == [f"Step {i}. {s.name} ({format_minutes(s).replace(' per', ' min per') if s.per else format_minutes(s) + ' min'})" for i, s in enumerate(steps, 1)]
    assert any(t.rows[1].cells[0].text == "15:30–15:35" for t in document.tables)


def test_cli_writes_every_format_for_a_chosen_start_and_group(tmp_path):
    result = CliRunner().invoke(main, ["guides", "--out", str(tmp_path), "--guide", "learning_rounds", "--start", "08:15", "--rooms", "2", "--pace", "shortest"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["learning_rounds.docx", "learning_rounds.html", "learning_rounds.md"]
    plan = (tmp_path / "learning_rounds.md").read_text(encoding="utf-8").split("## Session plan")[1]
    assert "| 08:15–08:45 | Opening and Pre-Brief" in plan and "(Room 2) | 5 |" in plan and "(Room 3)" not in plan
    assert "Ends at 10:00, after 105 minutes." in plan  # 30 + 2 × (10 + 5) + 45


def test_cli_refuses_a_time_that_is_not_a_clock_time(tmp_path):
    result = CliRunner().invoke(main, ["guides", "--out", str(tmp_path), "--start", "half past three"])
    assert result.exit_code == 2 and "not a time such as 15:30" in result.output


def test_serve_writes_the_html_guides_where_voila_serves_the_template_static_files(tmp_path):
    from onthemove_widgets.serve import serve_template_files

    env = serve_template_files({"ONTHEMOVE_CACHE": str(tmp_path), "JUPYTER_PATH": "/other"})
    share = tmp_path / "share" / "jupyter"
    assert env["JUPYTER_PATH"].split(":") == [str(share), "/other"]
    pages = sorted(p.stem for p in (share / "voila" / "templates" / "onthemove" / "static" / "guides").glob("*.html"))
    assert pages == sorted(GUIDE_KEYS)


def test_a_running_server_serves_the_guide_the_landing_page_links(tmp_path, monkeypatch):
    import urllib.request
    from urllib.parse import urljoin

    from onthemove_widgets.curriculum import guide_href
    from onthemove_widgets.guides.apps import entry_for
    from serving import start_serve

    monkeypatch.setenv("ONTHEMOVE_CACHE", str(tmp_path / "cache"))
    server, port = start_serve(tmp_path / "drafts.db")
    try:
        landing = f"http://127.0.0.1:{port}/voila/render/index.ipynb"
        with urllib.request.urlopen(urljoin(landing, guide_href(entry_for("critical_friends"))), timeout=30) as response:
            assert response.status == 200
            assert "<h1>Critical Friends Protocol: facilitator guide</h1>" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
