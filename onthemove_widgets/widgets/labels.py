"""Words a room reads in place of the data files' codes (grade 0, a group column's name)."""


def grade_label(grade):
    """'Kindergarten' for grade 0 (as the data files write it), else 'Grade 4'; other text as it is."""
    text = str(grade).strip()
    if text in ("0", "K"):
        return "Kindergarten"
    return f"Grade {text}" if text.isdigit() else text
