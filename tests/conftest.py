"""Fixtures shared by the unit tests."""

import pytest

from tiny_district import write_district


@pytest.fixture
def tiny_district(tmp_path):
    return write_district(tmp_path / "tiny")
