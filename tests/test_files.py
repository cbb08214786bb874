"""Which files `/voila/files/` may hand out: pictures only, never data, databases or notebooks."""

import re

import pytest
from voila.app import Voila

from onthemove_widgets.serve import files


def served(path):
    """Voilà's own rule (AllowListFileHandler): match one allowed pattern and no refused one."""
    allowed = any(re.fullmatch(p, path, re.IGNORECASE) for p in files.ALLOWED)
    return allowed and not any(re.fullmatch(p, path, re.IGNORECASE) for p in files.REFUSED)


@pytest.mark.parametrize("path", ["logo.png", "protocols/figure.SVG", "img/a.jpeg"])
def test_pictures_in_the_notebooks_folder_are_served(path):
    assert served(path)


@pytest.mark.parametrize("path", ["students.csv", "drafts.db", "drafts.db-wal", "00_start_here.ipynb", "x.IPYNB", "helper.py",
                                  "district.yaml", "notes.md", "../datasets/x.png", ".cache/x.png", "a/.git/x.png", "schools.xlsx"])
def test_data_databases_notebooks_and_hidden_folders_are_not(path):
    assert not served(path)


def test_voila_reads_the_same_lists_from_the_arguments():
    app = Voila()
    app.parse_command_line(files.file_arguments())
    assert app.config.VoilaConfiguration.file_allowlist == files.ALLOWED
    assert app.config.VoilaConfiguration.file_denylist == files.REFUSED
