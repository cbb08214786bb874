"""Every app read from the back of a room: a 1366×768 projector, network off.

One served Voilà for all apps; each app is opened for one school (and grade), a protocol
app is stepped to the step that shows its data. What a room cannot read or trust fails:
clipped button text, body text under 16 px, chart text under 12 px as drawn (by the kernel
or in the browser), a chart
without alt text or without its summary on the page, no way back to the landing page,
raw codes from the data files, a tab titled with a file name.
"""

import re

import pytest
from protocol_steps import go_to_step
from serving import open_app

from onthemove_widgets.curriculum import CURRICULUM

QUERY = "?school=S0001&grade=4&team=Projector+team"
DATA_STEPS = {"determining_student_learning_needs": 3, "school_implementation_plan": 4, "examining_data": 2}
"""The step whose data tools a protocol app shows (the first step otherwise)."""
RAW_CODES = re.compile(r"\b(cycle_\d+|end_of_year|cycle_check|school_id|school_name|sbac|english_learner\w*|students_with_disabilities|socioeconomically_disadvantaged)\b|by english learners")
APPS = [("index.ipynb", "On the Move", None)] + [
    pytest.param(entry.path, None, entry.protocol, id=entry.path)
    for entry in CURRICULUM
]

SMALL_TEXT = """() => {
  const small = new Set();
  const walker = document.createTreeWalker(document.querySelector('#rendered_cells'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('code, pre, svg, style, script, .otm-code')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.add(`${size}px ${el.tagName.toLowerCase()}.${el.className}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return [...small].slice(0, 12);
}"""
CLIPPED = """() => [...document.querySelectorAll('#rendered_cells button, #rendered_cells .widget-label, #rendered_cells label')]
  .filter(el => el.getClientRects().length && el.innerText.trim() && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.innerText.trim())"""
CHART_TEXT = """() => {
  const smallest = (svg, shownWidth) => {
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size') || t.style.fontSize || '16'));
    return Math.min(...sizes) * shownWidth / parseFloat(svg.getAttribute('width'));
  };
  const images = [...document.querySelectorAll("img[src^='data:image/svg+xml']")].filter(img => img.getClientRects().length).map(img => {
    const svg = new DOMParser().parseFromString(decodeURIComponent(img.src.split(',').slice(1).join(',')), 'image/svg+xml').documentElement;
    return {alt: img.alt, smallest: smallest(svg, img.getBoundingClientRect().width), width: img.getBoundingClientRect().width};
  });
  const drawn = [...document.querySelectorAll(".otm-vega [role=img]")].filter(el => el.querySelector('svg')).map(el => {
    const svg = el.querySelector('svg');
    return {alt: el.getAttribute('aria-label') || '', smallest: smallest(svg, svg.getBoundingClientRect().width), width: svg.getBoundingClientRect().width};
  });
  return [...images, ...drawn];
}"""


def open_for_projector(page, voila_url, path, protocol):
    open_app(page, f"{voila_url}/voila/render/{path}{QUERY}")
    page.locator("#rendered_cells").wait_for(state="visible", timeout=180_000)
    if protocol:
        go_to_step(page, DATA_STEPS.get(protocol, 1))
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.wait_for_timeout(1500)  # the last widget views draw


def problems_on(page, title):
    """What a room could not read or trust on the page now shown, as readable lines."""
    problems = [f"clipped: {text}" for text in page.evaluate(CLIPPED)]
    problems += [f"small text: {line}" for line in page.evaluate(SMALL_TEXT)]
    body = page.inner_text("body")
    problems += [f"raw code: {match.group(0)}" for match in RAW_CODES.finditer(body)][:5]
    for chart in page.evaluate(CHART_TEXT):
        summary = chart["alt"].split(". ", 1)[1:]
        if not summary or summary[0].strip() not in " ".join(body.split()):
            problems.append(f"chart without its summary beside it: {chart['alt']!r}")
        if chart["smallest"] < 12:
            problems.append(f"chart text {chart['smallest']:.1f}px in {chart['alt'][:60]!r}")
    home = page.get_by_role("link", name="All apps")
    if title != "On the Move" and not (home.count() and home.first.is_visible()):
        problems.append("no visible link back to the landing page")
    if page.title() != title:
        problems.append(f"tab titled {page.title()!r}, not {title!r}")
    return problems


@pytest.mark.parametrize("path,title,protocol", APPS)
def test_the_app_reads_on_a_projector(voila_url, browser, artifacts, path, title, protocol):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.route(re.compile(r"^(?!http://127\.0\.0\.1|ws://127\.0\.0\.1|data:|blob:)"), lambda route: route.abort())
    try:
        open_for_projector(page, voila_url, path, protocol)
        page.screenshot(path=artifacts / f"projector_{path.replace('/', '_').removesuffix('.ipynb')}.png", full_page=True)
        heading = page.locator("#rendered_cells h1").first.inner_text().strip()
        problems = problems_on(page, title or heading)
        assert not problems, "\n".join(problems)
    finally:
        context.close()
