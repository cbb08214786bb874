"""Reading, checking and generating district data."""

from .district import District, load_district
from .problems import Problem
from .validate import validate_district

__all__ = ["District", "Problem", "load_district", "validate_district"]
