"""The pieces a guide is made of. Plain text only: each renderer escapes it for its format."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, with an optional bold lead-in such as "Say:"."""

    text: str
    lead: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False
    lead: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Command:
    """A shell command the coach types; tests parse every one with the real CLI."""

    text: str


@dataclass(frozen=True)
class Link:
    """A file in the repository (`href`, relative to the guide) and where the app serves it."""

    label: str
    href: str
    app_url: str


Block = Heading | Paragraph | Bullets | Table | Command | Link
