"""Errors raised while reading the framework content."""


class FrameworkContentError(ValueError):
    """A content YAML file does not match the framework models.

    The message names the file and the item (by key) so an editor can fix it.
    """
