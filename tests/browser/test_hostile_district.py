"""Nothing from a district's files becomes markup: every app, report and index page, in chromium.

A district with markup in every free-text value of every table (`<img onerror>`,
`<script>`, `javascript:` links, formula prefixes) is served by the real `onthemove
serve --data` and reported by the real batch. Each page is opened with the network
blocked; the test fails if any dialog fires or any element made from the data arrives.
"""

from urllib.parse import urlencode

import pytest
from other_district import HOSTILE, SCRIPT, write_hostile_district
from protocol_steps import go_to_step
from serving import open_app, start_serve

from onthemove_widgets.curriculum import CURRICULUM
from onthemove_widgets.reports.batch import run_reports

SCHOOL = f"{SCRIPT}S1"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("districts")
    write_hostile_district(root / "hostile")
    (root / "hostile-demo").rename(tmp_path_factory.mktemp("sources") / "hostile-demo")  # only the hostile one is served
    return root


@pytest.fixture(scope="module")
def hostile_url(hostile, artifacts):
    with open(artifacts / "voila-hostile.log", "w") as log:
        server, port = start_serve(artifacts / "hostile-drafts.db", output=log, args=["--data", str(hostile)])
        yield f"http://127.0.0.1:{port}"
        server.terminate()
        server.wait(timeout=20)


def watch(page):
    """Record every dialog the page opens (and dismiss it), so the test can assert there were none."""
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


def injected(page):
    """Elements built from the data's markup: an <img src=x>, a runnable inline script that alerts, a javascript: link."""
    return page.evaluate("""() => [
        ...document.querySelectorAll("img[src='x'], a[href^='javascript:']"),
        ...[...document.querySelectorAll('script:not([src])')]  // only scripts a browser runs, not JSON data islands
            .filter(s => (!s.type || /javascript|module/.test(s.type)) && s.textContent.includes('alert('))
    ].map(e => e.outerHTML.slice(0, 120))""")


APPS = [e for e in CURRICULUM if e.shows_data and not e.path.startswith("reports/")] + [e for e in CURRICULUM if e.path.startswith("reports/")]
"""Every app that shows the district's data (the import app's own test sends it hostile files)."""


@pytest.mark.parametrize("entry", APPS, ids=lambda e: e.path)
def test_no_app_runs_markup_from_the_data(hostile_url, offline_page, artifacts, entry):
    page = watch(offline_page)
    query = urlencode({"district": "hostile", "school": SCHOOL, "grade": "3"})
    open_app(page, f"{hostile_url}/voila/render/{entry.path}?{query}")
    page.get_by_text("Key points").or_(page.get_by_text("Questions for the next Examining Data session")).first.wait_for(timeout=120_000)
    page.wait_for_timeout(1500)  # widgets render after the page: give their HTML time to arrive
    if entry.protocol:
        go_to_step(page, 2)  # the step that shows the protocol's data (the wall, the growth views)
        page.wait_for_timeout(1500)
    body = page.inner_text("body")
    assert "There was an error" not in body, body[-2000:]
    assert HOSTILE in body or SCRIPT in body  # the markup is there, shown as text
    assert injected(page) == []
    assert page.dialogs == []
    page.screenshot(path=artifacts / f"hostile_{entry.path.replace('/', '_')}.png", full_page=True)
    assert page.blocked == []


def test_no_report_or_index_runs_markup_from_the_data(hostile, tmp_path, browser, artifacts):
    summary = run_reports(hostile / "hostile", tmp_path / "reports", workers=1, show_names=True)
    assert summary.failed == []
    pages = sorted((tmp_path / "reports").glob("*.html"))
    assert len(pages) == 3  # two schools and the index
    context = browser.new_context()
    try:
        for path in pages:
            page = watch(context.new_page())
            blocked = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else (blocked.append(route.request.url), route.abort()))
            page.goto(path.as_uri(), wait_until="load")
            assert HOSTILE in page.inner_text("body")
            assert injected(page) == [] and page.dialogs == [] and blocked == [], path.name
            page.close()
    finally:
        context.close()
