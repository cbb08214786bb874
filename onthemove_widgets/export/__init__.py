"""Files a team takes away from a session, written so opening them is safe."""

from .safe import neutralise, to_csv_bytes, to_excel_bytes

__all__ = ["neutralise", "to_csv_bytes", "to_excel_bytes"]
