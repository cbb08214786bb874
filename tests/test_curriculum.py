"""The curriculum list and the notebooks on disk agree, and the landing links them all."""

from onthemove_widgets.curriculum import CURRICULUM, curriculum_html, notebook_paths


def test_every_notebook_is_listed_once_and_exists():
    listed = [entry.path for entry in CURRICULUM]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == notebook_paths()


def test_landing_links_every_notebook_under_its_section():
    html = curriculum_html()
    guide = '(<a href="../templates/onthemove/static/guides/{}.html">facilitator guide</a>)'
    assert f'<h3>Key drivers</h3><ul><li><a href="drivers/01_clarity_of_focus.ipynb">Clarity of focus</a> {guide.format("clarity_of_focus")}</li>' in html
    assert ('<h3>Protocols</h3><ul><li><a href="protocols/determining_student_learning_needs.ipynb">Determining Student Learning Needs</a> '
            f'{guide.format("determining_student_learning_needs")}</li>') in html
    assert html.count("<a href=") == 2 * len(CURRICULUM)


def test_every_app_links_a_guide_that_is_written():
    import re

    from onthemove_widgets.curriculum import GUIDES_URL, map_html
    from onthemove_widgets.guides import GUIDE_KEYS, GUIDES_DIR

    for html in (curriculum_html(), map_html()):
        guides = [link[len(GUIDES_URL):] for link in re.findall(r'href="([^"]+)"', html) if link.startswith(GUIDES_URL)]
        assert guides and all(g.endswith(".html") and g[:-5] in GUIDE_KEYS and (GUIDES_DIR / f"{g[:-5]}.md").exists() for g in guides)
    assert len(re.findall(GUIDES_URL, curriculum_html())) == len(CURRICULUM) == len(GUIDE_KEYS)


def test_the_map_places_every_driver_and_protocol_and_links_only_apps_that_exist():
    import re

    from onthemove_widgets.curriculum import FIRST_HOUR, map_html
    from onthemove_widgets.framework import load_framework
    from onthemove_widgets.paths import NOTEBOOKS_DIR

    html, framework = map_html(), load_framework()
    for item in (*framework.drivers, *framework.protocols):
        assert item.name.replace("'", "&#x27;") in html, item.name
    links = [link for link in re.findall(r'href="([^"]+)"', html) if not link.startswith("../templates/")]
    assert links and all((NOTEBOOKS_DIR / link).exists() for link in links)
    apps = {e.protocol for e in CURRICULUM if e.protocol}
    assert html.count("<i>no app yet</i>") == len([p for p in framework.protocols if p.key not in apps])
    first = html.split("first hour</h3>")[1]
    assert [link for link in re.findall(r'href="([^"]+)"', first)] == [path for path, _ in FIRST_HOUR]
