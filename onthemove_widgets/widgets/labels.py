"""Words a room reads in place of the data files' codes (grade 0, a group column's name)."""


def grade_label(grade):
    """'Kindergarten' for grade 0 (as the data files write it), else 'Grade 4'; other text as it is."""
    text = str(grade).strip()
    if text in ("0", "K"):
        return "Kindergarten"
    return f"Grade {text}" if text.isdigit() else text


FIELD_WORDS = {
    "student_id": "Student's id number",
    "school_id": "School's id or code",
    "first_name": "First name",
    "last_name": "Last name",
    "grade": "Grade (K to 12)",
    "teacher": "Teacher",
    "class_period": "Class period or section",
    "gender": "Gender",
    "race_ethnicity": "Race or ethnicity",
    "english_learner": "English learner (yes or no)",
    "students_with_disabilities": "Student with a disability, an IEP (yes or no)",
    "socioeconomically_disadvantaged": "Socioeconomically disadvantaged (yes or no)",
    "subject": "Subject (ELA, Math, …)",
    "measure": "Test or measure",
    "window": "When it was given (Fall, Spring, …)",
    "date": "Date taken",
    "score": "Score",
    "school_name": "School's name",
}
"""The data dictionary's fields (datasets/README.md) in words, for the import app's column matching."""
