"""The start-here app, served by Voilà, draws its chart with the network off."""

from urllib.parse import unquote

from serving import open_app

TITLE = "Start here: Schools on the Move"


def test_start_here_app_renders_offline(voila_url, offline_page, artifacts):
    page = offline_page
    open_app(page, voila_url)  # redirects to the landing app
    page.get_by_role("link", name="Start here: Schools on the Move").click(timeout=120_000)
    page.get_by_role("heading", name=TITLE).wait_for(timeout=120_000)
    chart = page.locator("img[src^='data:image/svg+xml']").first
    chart.wait_for(timeout=120_000)
    page.screenshot(path=artifacts / "start_here.png", full_page=True)

    assert chart.evaluate("img => img.complete && img.naturalWidth") > 300  # the SVG decoded and drew
    svg = unquote(chart.get_attribute("src"))
    assert svg.count('aria-roledescription="bar"') == 4 * 12  # four bands for each of the twelve schools
    body = page.inner_text("body")
    assert "Clarity of focus" in body and "Somewhere School" in body
    assert "load_district" not in body  # code is hidden
    assert page.blocked == []  # nothing tried to reach the internet


def test_the_map_opens_every_app_it_links(voila_url, offline_page):
    """The map on Start here links apps relative to it; each link opens its app in Voilà."""
    page = offline_page
    open_app(page, voila_url + "/voila/render/00_start_here.ipynb")
    page.locator(".otm-map a").first.wait_for(timeout=120_000)
    hrefs = page.locator(".otm-map a").evaluate_all("links => links.map(a => a.href)")
    assert any(h.endswith("/voila/render/drivers/02_shared_leadership.ipynb") for h in hrefs)
    page.get_by_role("link", name="Shared leadership").or_(page.locator(".otm-map a[href='drivers/02_shared_leadership.ipynb']")).first.click()
    page.get_by_text("Open this app for your school").wait_for(timeout=120_000)  # the app, asking for a school
    assert page.blocked == []
