"""On the Move."""
