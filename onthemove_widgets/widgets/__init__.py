"""Thin ipywidgets over the analysis functions: they hold state, compute nothing."""
