"""Real exports in: each module turns one kind of source into a district data folder.

Every importer returns an `ImportResult` (the four tables as text, the district
settings it knows, and notes saying what was mapped, left out and why); `write.py`
writes it where `onthemove validate` and every notebook read it. Nothing is invented:
a value the source lacks stays empty, and the notes say which student groups are unknown.
"""
