"""A tiny hand-written district, small enough to check every number by eye."""

from pathlib import Path

TINY = {
    "schools.csv": """school_id,school_name,level,grades
S1,Alder Elementary,elementary,K-5
S2,Birch Middle,middle,6-8
""",
    "students.csv": """student_id,school_id,first_name,last_name,grade,teacher,class_period,gender,race_ethnicity,english_learner,students_with_disabilities,socioeconomically_disadvantaged,foster_youth
0001,S1,Ana,Reyes,3,Ms. Lee,1,Female,Hispanic or Latino,true,false,true,false
0002,S1,Ben,Cho,3,Ms. Lee,1,Male,Asian,false,false,false,false
0003,S2,Cara,Diaz,6,Mr. Ode,2,Female,Hispanic or Latino,yes,no,yes,no
0004,S2,Dev,Patel,6,Mr. Ode,3,Male,Asian,N,Y,N,Y
""",
    "assessments.csv": """student_id,subject,measure,window,date,score
0001,ELA,sbac,baseline,2025-09-10,2400
0002,ELA,sbac,baseline,2025-09-10,2432
0003,ELA,sbac,baseline,09/11/2025,2456
0004,ELA,sbac,baseline,2025-09-11,2620
0001,ELA,sbac,end_of_year,2026-05-12,2450
""",
    "cut_scores.csv": """measure,subject,grade,lowest_score,near,at,above,highest_score
sbac,ELA,3,2115,2367,2432,2490,2650
sbac,ELA,6,2230,2457,2531,2618,2770
""",
}


def write_district(folder, files=TINY, encoding="utf-8"):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding=encoding)
    return folder



def rename_first_student(source, school_id, first_name):
    """Change the first name of the first student of `school_id` in a district folder (an edit that changes one school's inputs)."""
    path = Path(source) / "students.csv"
    students = path.read_text().splitlines()
    row = next(i for i, line in enumerate(students) if f",{school_id}," in line)
    cells = students[row].split(",")
    cells[2] = first_name
    students[row] = ",".join(cells)
    path.write_text("\n".join(students) + "\n")
