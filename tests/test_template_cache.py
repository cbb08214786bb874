"""Voilà's page templates are compiled once per server: a second page's exporter compiles nothing."""

import jinja2
import pytest
from voila.paths import collect_template_paths

from onthemove_widgets.serve import SHARE_DIR, TEMPLATE, template_cache
from onthemove_widgets.serve.template_cache import CachedVoilaExporter, CompiledTemplates


@pytest.fixture
def exporter(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(SHARE_DIR))
    monkeypatch.setattr(template_cache, "COMPILED", CompiledTemplates())
    paths = collect_template_paths(["voila", "nbconvert"], TEMPLATE)
    return lambda: CachedVoilaExporter(template_paths=paths, template_name=TEMPLATE)


def test_a_second_page_reuses_the_first_pages_compiled_templates(exporter, monkeypatch):
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda env, source, name=None, *a, **k: compiled.append(name) or original(env, source, name, *a, **k))
    first = exporter().environment.get_template("index.html.j2")
    assert compiled == ["index.html.j2"]  # the templates it extends compile when it renders, through the same cache
    compiled.clear()
    second = exporter().environment.get_template("index.html.j2")
    assert compiled == []
    assert second is not first and second.blocks.keys() == first.blocks.keys() and "html_head_js" in second.blocks


def test_changed_source_or_another_way_of_compiling_is_compiled_again(exporter):
    environment = exporter().environment
    bucket = template_cache.COMPILED.get_bucket(environment, "page.j2", None, "{{ 1 }}")
    assert bucket.code is None  # nothing compiled yet
    bucket.code = environment.compile("{{ 1 }}", "page.j2")
    template_cache.COMPILED.dump_bytecode(bucket)
    assert template_cache.COMPILED.get_bucket(environment, "page.j2", None, "{{ 1 }}").code is bucket.code
    assert template_cache.COMPILED.get_bucket(environment, "page.j2", None, "{{ 2 }}").code is None  # edited template
    sync = jinja2.Environment(extensions=["jinja2.ext.do"])
    assert template_cache.COMPILED.get_bucket(sync, "page.j2", None, "{{ 1 }}").code is None  # not async: other code
