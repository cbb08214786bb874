"""environment.yml and pyproject.toml must pin the same packages to the same versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [s for group in project["optional-dependencies"].values() for s in group]
    return dict((normalise(name), version) for name, version in (spec.split("==") for spec in specs))


def conda_pins():
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    pins = dict(dep.split("=", 1) for dep in deps if isinstance(dep, str))
    return {normalise(name): version for name, version in pins.items() if name != "python"}


def test_every_dependency_is_pinned_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert all("==" in spec for spec in project["dependencies"])


def test_environment_yml_mirrors_pyproject():
    assert conda_pins() == pyproject_pins()


def test_python_versions_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    assert "python=3.11" in deps and project["requires-python"].startswith(">=3.11")
