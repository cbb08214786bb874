"""`python -m onthemove_widgets.cli` is the same as `onthemove`."""

from . import main

main()
