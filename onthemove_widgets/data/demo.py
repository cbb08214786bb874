"""Generate the synthetic "Anywhere School District" that every notebook opens by default.

The district is invented (FRAMEWORK.md §10.1): Erin McFarland's district, with Jacob
Westfall's Somewhere School and one school for each profile of Figure 4.1. No row
describes a real student. Each student has one latent ability (subgroup, school and
classroom effects plus noise) that every measure reads, so measures correlate as real
ones do; each story school's growth has the shape its profile predicts, so a coach
finds the story with the tools instead of being told it.

Everything is vectorised with numpy and written in chunks of whole schools, so a
province (``schools=4800``) runs in about a minute in bounded memory. The same
arguments and seed always write byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import DEMO_SEED as DEFAULT_SEED
from .settings import SETTINGS_FILE
DISTRICT_NAME = "Anywhere School District"  # for notebook titles

GRADE_LABELS = np.array(["K"] + [str(g) for g in range(1, 13)], dtype=object)
LEVEL_NAMES = ("elementary", "middle", "high")
LEVEL_GRADES = ((0, 5), (6, 8), (9, 12))  # first and last grade; K is 0
LEVEL_SUFFIX = ("Elementary School", "Middle School", "High School")
LEVEL_SIZES = ((350, 550), (600, 900), (1000, 1600))  # default students per school
LEVEL_MIX = (0.62, 0.19, 0.19)  # California's rough mix of school levels
CLASS_SIZE = 27.5
SECTIONS_PER_TEACHER = 5  # a secondary ELA teacher teaches five of six periods
MAX_STUDENTS_PER_SCHOOL = 5000  # keeps every teacher's surname unique within a school
SCHOOL_CHUNK = 50_000  # students generated and written at a time

# The twelve named schools: (name, level, story, community, school effect in DFS points).
# `community` shifts the family make-up (positive: more White and Asian families, fewer
# English learners and low-income families); `effect` is the school's own pull on
# achievement. Somewhere School, Jacob Westfall's school, is a K-5 elementary.
FIXED_SCHOOLS = (
    ("Somewhere School", "elementary", "somewhere", 0.0, 0.0),
    ("Harbor View Elementary School", "elementary", "compliant", -0.3, 0.0),
    ("Mission Heights High School", "high", "resistant", 0.7, 20.0),
    ("Cedar Ridge Middle School", "middle", "fragmented", 0.0, -5.0),
    ("Sycamore Elementary School", "elementary", "coherent", -0.5, -5.0),
    ("Valle Verde Elementary School", "elementary", "ordinary", -0.6, -5.0),
    ("Oak Park Elementary School", "elementary", "ordinary", 0.4, 5.0),
    ("Dolores Huerta Elementary School", "elementary", "ordinary", -1.0, 0.0),
    ("Bayside Elementary School", "elementary", "ordinary", 0.9, 10.0),
    ("Sierra Vista Middle School", "middle", "ordinary", -0.2, -5.0),
    ("Westwood Middle School", "middle", "ordinary", 0.5, 5.0),
    ("Anywhere High School", "high", "ordinary", -0.3, 0.0),
)
PROFILES = ("compliant", "resistant", "fragmented", "coherent")  # the framework's four school profiles
# school_id -> (school name, story key) for the schools whose data tell a story.
STORY_SCHOOLS = {f"S{i:04d}": (name, story) for i, (name, _, story, _, _) in enumerate(FIXED_SCHOOLS, 1) if story != "ordinary"}

# ---------------------------------------------------------------------------- measures
WINDOWS = ("baseline",) + tuple(f"cycle_{k}" for k in range(1, 11)) + ("end_of_year",)
SBAC_GRADES = (3, 4, 5, 6, 7, 8, 11)
CYCLE_CHECK_CUTS = (0, 45, 60, 80, 100)  # lowest, near, at, above, highest
MISSING_RATE = 0.025  # share of (student, window) rows lost to absences
MAKEUP_RATE = 0.07  # students who sit a check one to three school days late
# (subject, measure, window) of each column of a student's score grid, in file order.
COMBOS = tuple(("ELA", "cycle_check", w) for w in WINDOWS) + tuple(
    (subject, "sbac", w) for subject in ("ELA", "Math") for w in ("baseline", "end_of_year")
)
HOLIDAYS = np.concatenate([
    np.array(["2025-09-01", "2025-11-11", "2026-01-19", "2026-02-16", "2026-05-25"], dtype="datetime64[D]"),
    np.arange("2025-11-24", "2025-11-29", dtype="datetime64[D]"),  # Thanksgiving week
    np.arange("2025-12-22", "2026-01-03", dtype="datetime64[D]"),  # winter break
    np.arange("2026-04-06", "2026-04-11", dtype="datetime64[D]"),  # spring break
])
# First school day of each window: cycle checks every three school weeks from late
# September; the fall interim in September, the summative in May.
CYCLE_CHECK_STARTS = ("2025-09-02", "2025-09-22", "2025-10-13", "2025-11-03", "2025-12-01", "2026-01-12",
                      "2026-02-02", "2026-02-23", "2026-03-16", "2026-04-13", "2026-05-04", "2026-05-18")
SBAC_STARTS = ("2025-09-08", "2026-05-04")
COMBO_STARTS = np.array(CYCLE_CHECK_STARTS + SBAC_STARTS * 2, dtype="datetime64[D]")
COMBO_DAYS = np.array([5] * len(WINDOWS) + [10, 15, 10, 15])  # school days a window lasts

# ----------------------------------------------------------------------------- stories
# Each story: the school's mean cycle_check gain over baseline at each window (baseline
# 0, cycle_k k, end_of_year 11), the SD of a teacher's extra gain per cycle, the SD of
# classroom level (DFS points) and the extra gain per cycle of English learners and of
# socioeconomically disadvantaged students.
_T = np.arange(len(WINDOWS), dtype=float)
TYPICAL_GAIN = 1.0  # cycle_check points per cycle in an ordinary school
STORIES = {
    "ordinary": dict(curve=TYPICAL_GAIN * _T, teacher_sd=0.45, class_sd=10.0),
    "somewhere": dict(curve=TYPICAL_GAIN * _T - 4.0 * (_T == 2), teacher_sd=0.45, class_sd=10.0),  # dips as inquiry starts
    "compliant": dict(curve=1.25 * np.minimum(_T, 4), teacher_sd=0.3, class_sd=10.0),  # early gains, then a plateau
    "resistant": dict(curve=0.0 * _T, teacher_sd=0.3, class_sd=10.0),
    "fragmented": dict(curve=0.7 * _T, teacher_sd=1.3, class_sd=18.0),
    "coherent": dict(curve=1.6 * _T, teacher_sd=0.2, class_sd=6.0, el_boost=0.65, sed_boost=0.35),
}
ORDINARY_PACE_SD = 0.2  # ordinary schools run a little faster or slower than the typical curve

# -------------------------------------------------------------------------- student mix
RACES = (
    "Hispanic or Latino", "White", "Asian", "African American", "Filipino",
    "Two or More Races", "American Indian or Alaska Native", "Pacific Islander",
)
RACE_SHARE = np.array([0.55, 0.20, 0.10, 0.05, 0.03, 0.04, 0.005, 0.005])
RACE_COMMUNITY = np.array([-0.5, 0.6, 0.5, -0.1, 0.1, 0.3, 0.0, 0.0])  # log-share per unit of community
RACE_SCHOOL_SD = 0.25  # schools' own variation in make-up (log-share)
EL_RATE = np.array([0.27, 0.04, 0.21, 0.015, 0.08, 0.03, 0.05, 0.12])
EL_GRADE = np.array([1.45, 1.45, 1.4, 1.3, 1.15, 1.05, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6])  # K..12: reclassified with age
SED_RATE = np.array([0.72, 0.30, 0.40, 0.70, 0.33, 0.40, 0.68, 0.62])
GENDERS = ("Female", "Male", "Nonbinary")
GENDER_SHARE = (0.49, 0.50, 0.01)
SWD_RATE = np.array([0.095, 0.165, 0.13])  # by gender: boys are identified more often
FOSTER_RATE = (0.0015, 0.008)  # not / socioeconomically disadvantaged
HOMELESS_RATE = (0.004, 0.047)

# Achievement on the SBAC "distance from standard" scale at the end of an ordinary year,
# by race/ethnicity (RACES order) plus programme effects; calibrated on the bundled
# district so that its subgroup averages land near California's (see the README).
ELA = dict(race=np.array([8, 48, 87, -14, 64, 41, -3, 0.0]), el=-33.0, swd=-93.0, sed=-36.0, sd=88.0)
MATH = dict(race=np.array([-34, 12, 66, -58, 22, -2, -32, -40.0]), el=-19.0, swd=-85.0, sed=-35.0, sd=98.0)
ELA_MATH_CORRELATION = 0.72  # of the students' own terms; shared effects add more
CC_PER_DFS = 0.17  # cycle_check points per SBAC scale point
CC_EL_SHIFT = -5.0  # an English literacy check asks more of English learners than SBAC does
CC_STUDENT_SD = 8.0  # a student's own standing on the local check
CC_NOISE_SD = 6.0
PACE_SD = 0.25  # students' own gain per cycle
SBAC_NOISE_SD = (28.0, 25.0)  # fall interim, spring summative
# Typical scale-score growth from the fall interim to the spring summative, by grade.
SBAC_GROWTH = {"ELA": {3: 45, 4: 35, 5: 30, 6: 25, 7: 20, 8: 18, 11: 15},
               "Math": {3: 45, 4: 45, 5: 40, 6: 25, 7: 22, 8: 20, 11: 15}}
STORY_SHARE = {"ELA": 1.0, "Math": 0.5}  # literacy cycles carry half their effect into Math

# ------------------------------------------------------------------------------- names
# Name lists by family background; "_" joins a two-word name.
_FIRST = {  # (female, male) given names by family background
    "Hispanic or Latino": (
        "Sofía Isabella Camila Valentina Ximena Mía Valeria Natalia Daniela Gabriela Mariana Lucía Victoria Andrea "
        "Jimena Alejandra Guadalupe Fernanda Itzel Yaretzi Esmeralda Brianna Ashley Génesis Leslie Melanie Jocelyn "
        "Evelyn Kimberly Karla Paola Daisy Alondra Abigail Emily Ariana Renata Luna Nayeli Marisol",
        "Santiago Mateo Sebastián Diego Leonardo Emiliano Alejandro Daniel Ángel Jesús José Luis Carlos Juan Miguel "
        "Adrián Julián Gael Iker Jonathan Christopher Anthony Kevin Bryan Brandon Isaac Jayden Eduardo Fernando "
        "Joshua Oscar Ricardo Javier Andrés Axel Damián Erick Héctor Rubén",
    ),
    "White": (
        "Emma Olivia Ava Charlotte Amelia Harper Abigail Ella Avery Scarlett Grace Chloe Lily Hannah Madison Nora "
        "Claire Audrey Hazel Violet Aurora Stella Lucy Paige Sadie Quinn Eleanor Molly Riley Brooke Morgan Zoe "
        "Savannah Katherine Emily Sophia Addison Natalie Ellie",
        "Liam Noah Oliver James William Benjamin Lucas Henry Theodore Jack Levi Wyatt Owen Caleb Hunter Logan "
        "Ethan Mason Carter Connor Dylan Luke Nathan Ryan Tyler Austin Cole Gavin Samuel Miles Jacob Michael "
        "Andrew Evan Finn Colton Graham Everett Brody",
    ),
    "Asian": (
        "Mei Emily Grace Chloe Ananya Priya Aditi Saanvi Isha Linh Ngoc Thao Vy Mai Ji-woo Seo-yeon Min-ji Yuna "
        "Hana Sakura Yui Xinyi Jiayi Kaitlyn Angela Joy Annie Sophia Michelle Tiffany Vivian Jasmine Amy Kayla "
        "Diya Anh Mina Yena",
        "Ethan Ryan Kevin Jason Aiden Andrew Eric Brian Daniel Justin Arjun Aarav Vihaan Rohan Dev Minh Huy Khang "
        "Bao Duc Tuan Ji-ho Min-jun Seo-jun Haruto Ren Kenji Wei Hao Jun Kai Nathan Vincent Ian Aryan Nikhil "
        "Long Hiro Kenny",
    ),
    "African American": (
        "Aaliyah Imani Nia Zuri Jada Kennedy Maya Brielle Kaylee Destiny Aniyah Amara Naomi Jordyn Skylar Taylor "
        "Madison Harmony Layla Zoe Ayanna Journee Kiara Tiana Londyn Serenity Ava Chloe Makayla Nevaeh Jasmine "
        "Gabrielle Kamari Zaria Amani",
        "Jaylen Elijah Isaiah Jordan Malik Xavier Jalen Darius Cameron Marcus Josiah Kameron Andre Terrence "
        "DeShawn Jamal Khalil Micah Amir Zion Kingston Bryce Trevon Langston Christian Jeremiah Caleb Kendrick "
        "Devin Jamari Tyrell Omari Kofi Chidi",
    ),
    "Filipino": (
        "Angelica Kristine Jasmine Nicole Bea Andrea Patricia Jessa Princess Maricel Janelle Czarina Alyssa Danica "
        "Trisha Ella Kaye Joy Mae Althea Reign Mary_Grace Angel Bianca Camille Krizia Lovely Sheena",
        "Jose Mark Christian Jerome Paolo Miguel Adrian Rafael Gabriel Joshua Jericho Ramon Carlo Nathaniel "
        "Vincent Emmanuel Angelo Jomar Renz Kyle Justin Marvin Rommel Jayson Clarence Lorenzo Rey",
    ),
    "American Indian or Alaska Native": (
        "Aiyana Tala Nizhoni Kaya Winona Sierra Dakota Cheyenne Shania Autumn Faith Hope Raven Summer Mariah "
        "Destiny Jolene Rose",
        "Dakota Hunter Cody Tristan Elijah Wyatt Jacob Ahiga Nashoba Kele Chayton Tyler Dustin Colton Logan "
        "Isaiah Gabriel River",
    ),
    "Pacific Islander": (
        "Leilani Malia Kalani Noelani Mele Sina Losa Ana Salote Talia Moana Keala Lupe Alofa Kaimana Lesieli "
        "Seini Tiare Hina Iolana",
        "Keoni Kai Makoa Sione Tevita Viliami Ioane Tavita Manu Kainoa Lono Sefa Tui Mosese Pita Semisi Alapati "
        "Kaleo Maka Isileli",
    ),
}
_UNISEX = "Alex Jordan River Sky Rowan Avery Quinn Sage Ari Remy Jamie Charlie Emerson Finley Kai Reese Robin Taylor"
_LAST = {
    "Hispanic or Latino": (
        "García Hernández López Martínez González Rodríguez Pérez Sánchez Ramírez Flores Torres Rivera Gómez Díaz "
        "Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza Castillo Jiménez Vásquez Romero "
        "Herrera Medina Aguilar Vargas Castro Guzmán Fernández Juárez Méndez Salazar Soto Delgado Contreras Estrada "
        "Cervantes Rosales Navarro Orozco Zamora Ochoa Valenzuela Cabrera Guerrero Ibarra Lara Luna Figueroa "
        "Sandoval Domínguez Solís Ávila Padilla Rojas Montoya Acosta Mejía Espinoza Barajas Magaña Gallegos "
        "Trujillo Garcia Hernandez Lopez Martinez Gonzalez Rodriguez Perez Sanchez Ramirez Diaz Gutierrez Chavez"
    ),
    "White": (
        "Smith Johnson Miller Davis Wilson Anderson Taylor Thomas Moore Martin Thompson White Clark Lewis Walker "
        "Hall Allen Young King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips "
        "Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey "
        "Kelly Howard Cox Ward Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster "
        "Olsen Jensen Larson Schmidt Mueller Russo Romano Kowalski Novak O'Brien O'Connor Sullivan McCarthy "
        "Fitzgerald Hoffman Becker Erickson Lindgren Petrov Ivanova Hakobyan Sargsyan"
    ),
    "Asian": (
        "Nguyen Tran Le Pham Hoang Vo Dang Bui Do Ngo Chen Wang Li Zhang Liu Huang Lin Wu Yang Zhao Chang Wong Lee "
        "Kim Park Choi Jung Kang Cho Patel Shah Singh Kumar Gupta Reddy Rao Iyer Tanaka Yamamoto Nakamura Sato "
        "Suzuki Takahashi Watanabe Vang Xiong Thao Lor Moua Her Khan Saechao Sok Chhim Truong Ly Lam Chu Ho Sandhu"
    ),
    "African American": (
        "Johnson Williams Brown Jones Jackson Davis Harris Robinson Thomas Washington Jefferson Banks Coleman "
        "Freeman Gaines Holmes Mosley Booker Battle Dixon Hayes Simmons Bryant Jenkins Russell Tucker Wallace Ware "
        "Whitaker Okafor Adeyemi Mensah Tesfaye Haile Abdi Diallo Bekele Osei Greene Moses Pierce Ellis Hollins"
    ),
    "Filipino": (
        "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Aquino Villanueva Ramos Castillo Dela_Cruz "
        "De_Leon Manalo Mercado Pascual Soriano Dizon Navarro Salvador Gonzales Lopez Flores Fernandez Domingo "
        "Valdez Rivera Panganiban Magbanua Macaraeg Dimaculangan Lacson Tolentino Sison Agustin Padua Evangelista"
    ),
    "American Indian or Alaska Native": (
        "Begay Yazzie Tsosie Benally Nez Chee Harjo Etsitty Lente Jim Joe Tom Lee Silva Norris Masten Jack Peters "
        "Marshall McCovey Tripp Ferris Colegrove Sanchez Martinez"
    ),
    "Pacific Islander": (
        "Tupou Fifita Taufa Faleolo Tuiasosopo Leota Soliai Mahe Kealoha Kahananui Akana Fonoti Sapolu Tafuna Vaka "
        "Latu Havili Naufahu Palelei Kaufusi Fuimaono Aumua Kamakana Ah_Sam"
    ),
}
NAME_POOLS = ("Hispanic or Latino", "White", "Asian", "African American", "Filipino",
              "American Indian or Alaska Native", "Pacific Islander")
NAME_MIX = np.array([0.45, 0.30, 0.10, 0.08, 0.04, 0.01, 0.02])  # where names come from when not the family's own
OWN_FIRST_NAME = 0.6
OWN_LAST_NAME = 0.85
DOUBLE_SURNAME = 0.08  # Latino and multiracial students with a hyphenated family name
UNISEX_SHARE = 0.5  # nonbinary students with a name from the unisex list
TEACHER_TITLES = ("Ms.", "Mr.", "Mx.")
TEACHER_TITLE_SHARE = np.array([(0.75, 0.22, 0.03), (0.6, 0.37, 0.03), (0.6, 0.37, 0.03)])  # by level

# Generated school names: nature word + landform, a person the state honours, or a
# Spanish place name, followed by the level.
_SCHOOL_WORDS = (
    "Oak Cedar Pine Willow Maple Sycamore Redwood Sequoia Madrone Manzanita Juniper Cypress Laurel Aspen Birch "
    "Alder Magnolia Jacaranda Palm Olive Orchard Walnut Almond Poppy Sage Lupine Buckeye Acacia Elm Chestnut "
    "Hawthorn Mesa Sierra Harbor Bay Coast Sunset Sunrise Golden Silver Crystal Bear Eagle Falcon Hawk Deer Fox "
    "Quail Heron Pelican Condor Mission Rancho North South East West Central High Lake River Hill Brook Fair "
    "Green Blue Red Stone Rock Granite Spring Meadow Prairie Cherry Apple Orange Lemon Vine Fern Clover Thistle "
    "Poplar Hazel Ash Mountain Valley Canyon Ocean Shore Cloud Star"
).split()
_SCHOOL_PLACES = (
    "Valley Creek Ridge Hills Grove Glen Park Meadows Heights Vista View Canyon Springs Crest Hollow Point Bluff "
    "Landing Lake Brook Field Fields Woods Haven Crossing Terrace Mesa Trail Gate Bend Run Shores Harbor Knoll "
    "Flats Pass Rise Garden Gardens Cove"
).split()
_SCHOOL_PEOPLE = (
    "César Chávez|Dolores Huerta|Fred Korematsu|Sally Ride|Maya Angelou|Harvey Milk|Rosa Parks|Thurgood Marshall|"
    "John Muir|Amelia Earhart|Ruth Asawa|Mary McLeod Bethune|Frederick Douglass|Martin Luther King Jr.|Sylvia "
    "Mendez|Larry Itliong|Yuri Kochiyama|Wilma Mankiller|Bayard Rustin|Jackie Robinson|Ida B. Wells|Sojourner "
    "Truth|Abraham Lincoln|George Washington|Thomas Jefferson|Benjamin Franklin|Theodore Roosevelt|Eleanor "
    "Roosevelt|John F. Kennedy|Helen Keller|Susan B. Anthony|Mark Twain|Jack London|John Steinbeck|Luther "
    "Burbank|Pío Pico|Biddy Mason|Dalip Singh Saund|Norman Mineta|Patsy Mink|Carlos Bulosan|Philip Vera Cruz|"
    "Gabriela Mistral|Ellen Ochoa|Shirley Chisholm|Langston Hughes|Zora Neale Hurston|Jim Thorpe|Sequoyah|"
    "Ishi|Toypurina|Daniel Inouye|Queen Liliuokalani|Wong Kim Ark|Chief Seattle|Carl Sagan|Grace Hopper|"
    "Katherine Johnson|Mae Jemison|Lucy Stone|Dorothea Lange|Ansel Adams|Jesse Owens|Roberto Clemente"
).split("|")
_SCHOOL_SPANISH = (
    "Vista del Mar|Rancho Seco|Arroyo Seco|Mesa Verde|Sierra Madre|Monte Vista|Buena Vista|Alta Loma|La Paloma|"
    "Los Cerritos|Las Lomas|El Camino|Del Sol|Villa Park|Loma Alta|Río Vista|Cielo Azul|Las Palmas|Los Robles|"
    "El Dorado|La Sierra|Paso Robles|Santa Rosa|San Miguel|Las Flores|Los Olivos|Tierra Linda|Valle Vista"
).split("|")



# ------------------------------------------------------------------------------ public


def generate_district(out_dir, schools=12, students_per_school=None, seed=DEFAULT_SEED) -> Path:
    """Write schools.csv, students.csv, assessments.csv, cut_scores.csv and district.yaml into `out_dir`.

    The first twelve schools are always the named district of the case story; more
    schools get generated names. `students_per_school` makes every school that size;
    by default sizes vary by level as real schools do. Returns the folder.
    """
    if schools < 1:
        raise ValueError("schools must be at least 1")
    if students_per_school is not None and not 1 <= students_per_school <= MAX_STUDENTS_PER_SCHOOL:
        raise ValueError(f"students_per_school must be between 1 and {MAX_STUDENTS_PER_SCHOOL}")
    rng = np.random.default_rng(seed)
    table = _school_table(rng, schools, students_per_school)
    total = int(table["size"].sum())
    if total > 9_000_000:
        raise ValueError(f"{total:,} students do not fit in 7-digit ids: use fewer schools or students")
    ids = 1_000_000 + np.sort(rng.choice(9_000_000, size=total, replace=False))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(out / "schools.csv", table[["school_id", "school_name", "level", "grades"]])
    _write_csv(out / "cut_scores.csv", _cut_scores(table["level_index"]))
    with open(out / "students.csv", "w", encoding="utf-8", newline="") as students_file, \
            open(out / "assessments.csv", "wb") as assessments_file:
        assessments_file.write(b"student_id,subject,measure,window,date,score\n")
        for start, stop in _chunks(table["size"].to_numpy()):
            chunk = table.iloc[start:stop]
            first = int(table["size"].iloc[:start].sum())
            students = _students(rng, chunk, ids[first:first + int(chunk["size"].sum())])
            _students_frame(students, chunk).to_csv(students_file, header=start == 0, index=False, lineterminator="\n")
            assessments_file.write(_assessment_lines(rng, students))
    (out / SETTINGS_FILE).write_text(_settings_text(schools), encoding="utf-8")
    return out


def _settings_text(schools):
    """The demo's district.yaml: its name, its profile schools, and short labels for its measures."""
    profiles = [f"S{i:04d}" for i, school in enumerate(FIXED_SCHOOLS[:schools], 1) if school[2] in PROFILES]
    return (
        "# What Anywhere School District calls things (see datasets/README.md, \"district.yaml\").\n"
        "# Every setting is optional: the state test, the cycle check and the order of the\n"
        "# windows are read from the data when this file does not name them.\n"
        f"name: {DISTRICT_NAME}\n"
        f"compare_schools: [{', '.join(profiles)}]  # the profile schools the continuous-improvement notebook compares\n"
        "labels:\n  sbac: SBAC\n  cycle_check: cycle check\n"
    )


# ----------------------------------------------------------------------------- schools


def _school_table(rng, schools, students_per_school):
    """One row per school: id, name, level, grades, size and the story that drives its data."""
    fixed = FIXED_SCHOOLS[:schools]
    extra = schools - len(fixed)
    level = np.concatenate([[LEVEL_NAMES.index(f[1]) for f in fixed], rng.choice(3, size=extra, p=LEVEL_MIX)]).astype(int)
    story = pd.Series([f[2] for f in fixed] + ["ordinary"] * extra)
    effect = np.concatenate([[f[4] for f in fixed], rng.normal(0.0, 12.0, extra)])
    community = np.concatenate([[f[3] for f in fixed], rng.normal(0.0, 1.0, extra)])
    low, high = np.array(LEVEL_SIZES)[level].T
    first, last = np.array(LEVEL_GRADES)[level].T
    return pd.DataFrame({
        "school_id": [f"S{i:04d}" for i in range(1, schools + 1)],
        "school_name": [f[0] for f in fixed] + _generated_names(rng, level[len(fixed):]),
        "level": np.array(LEVEL_NAMES)[level],
        "grades": [f"{GRADE_LABELS[a]}-{GRADE_LABELS[b]}" for a, b in zip(first, last)],
        "level_index": level,
        "first_grade": first,
        "last_grade": last,
        "size": rng.integers(low, high + 1) if students_per_school is None else np.full(schools, students_per_school),
        "story": story,
        "pace": np.where(story == "ordinary", rng.normal(1.0, ORDINARY_PACE_SD, schools), 1.0),
        "community": community,
        "effect_ela": 10.0 * community + effect,
        "effect_math": 11.0 * community + 1.1 * effect + rng.normal(0.0, 8.0, schools),
        **{key: story.map(lambda k: STORIES[k].get(key, 0.0)) for key in ("teacher_sd", "class_sd", "el_boost", "sed_boost")},
    })


def _generated_names(rng, levels):
    """Unique plausible names for schools past the twelfth, drawn without replacement.

    A level that runs out of names (past ~3,300 schools of one level) reuses them with
    a campus number, so names stay unique however large the province.
    """
    bases = [f"{w} {p}" for w in _SCHOOL_WORDS for p in _SCHOOL_PLACES if w != p] + _SCHOOL_PEOPLE + _SCHOOL_SPANISH
    taken = {f[0] for f in FIXED_SCHOOLS}
    names = np.empty(len(levels), dtype=object)
    for level, suffix in enumerate(LEVEL_SUFFIX):
        pool = np.array([name for name in (f"{b} {suffix}" for b in bases) if name not in taken], dtype=object)
        where = np.flatnonzero(levels == level)
        k = np.arange(len(where))
        campus = np.array([""] + [f" Campus {c}" for c in range(2, len(where) // len(pool) + 2)], dtype=object)
        names[where] = pool[rng.permutation(len(pool))[k % len(pool)]] + campus[k // len(pool)]
    return list(names)


def _cut_scores(level_index):
    """SBAC rows from the published thresholds; cycle_check rows for every grade served."""
    sbac = _sbac_reference().rename(columns={"nearly_met": "near", "met": "at", "exceeded": "above"})
    sbac.insert(0, "measure", "sbac")
    sbac["grade"] = sbac["grade"].astype(str)
    grades = sorted({g for level in np.unique(level_index) for g in range(LEVEL_GRADES[level][0], LEVEL_GRADES[level][1] + 1)})
    cycle = pd.DataFrame([("cycle_check", "ELA", GRADE_LABELS[g], *CYCLE_CHECK_CUTS) for g in grades], columns=sbac.columns)
    return pd.concat([cycle, sbac], ignore_index=True)


def _sbac_reference():
    """The Smarter Balanced thresholds shipped with the package."""
    return pd.read_csv(Path(__file__).with_name("reference") / "sbac_achievement_levels.csv")


def _chunks(sizes):
    """Runs of whole schools holding about SCHOOL_CHUNK students, so memory stays bounded."""
    bounds = np.searchsorted(np.cumsum(sizes), np.arange(SCHOOL_CHUNK, sizes.sum(), SCHOOL_CHUNK)) + 1
    edges = np.unique(np.concatenate([[0], bounds, [len(sizes)]]))
    return zip(edges[:-1], edges[1:])


# ---------------------------------------------------------------------------- students


def _students(rng, schools, ids):
    """Every student of a run of schools as numpy arrays: placement, groups, names, ability.

    `ids` are the run's share of the district's ids, handed out in random order.
    """
    cells, classes, teachers = _classes(rng, schools)
    cell = np.repeat(np.arange(len(cells["n"])), cells["n"])
    rank = np.arange(len(cell)) - np.repeat(np.cumsum(cells["n"]) - cells["n"], cells["n"])
    klass = cells["first_class"][cell] + rank * cells["classes"][cell] // cells["n"][cell]
    s = {"student_id": rng.permutation(ids), "school": cells["school"][cell], "grade": cells["grade"][cell],
         "class": klass, "teacher": classes["teacher"][klass], "period": classes["period"][klass]}
    s["teacher_name"] = teachers["name"][s["teacher"]]
    s.update(_groups(rng, schools, s["school"], s["grade"]))
    s.update(_names(rng, s["race"], s["gender"]))
    s.update(_ability(rng, schools, classes["level"], teachers["gain"], s))
    return s


def _classes(rng, schools):
    """Grade cells, classes and teachers, about CLASS_SIZE students to a class.

    An elementary class has its own teacher and is numbered as a section of its grade;
    a middle or high ELA teacher teaches SECTIONS_PER_TEACHER periods of one grade, and
    the class is numbered by its period.
    """
    grade = np.arange(13)
    serves = (grade >= schools["first_grade"].to_numpy()[:, None]) & (grade <= schools["last_grade"].to_numpy()[:, None])
    weights = serves * rng.gamma(60.0, 1.0, size=serves.shape)
    counts = rng.multinomial(schools["size"].to_numpy(), weights / weights.sum(axis=1, keepdims=True))
    school, grade = np.nonzero(counts)
    n = counts[school, grade]
    n_classes = np.maximum(1, np.rint(n / CLASS_SIZE)).astype(int)
    secondary = schools["level_index"].to_numpy()[school] > 0
    n_teachers = np.where(secondary, -(-n_classes // SECTIONS_PER_TEACHER), n_classes)
    cells = {"school": school, "grade": grade, "n": n, "classes": n_classes, "first_class": np.cumsum(n_classes) - n_classes}

    cell = np.repeat(np.arange(len(n)), n_classes)
    k = np.arange(len(cell)) - cells["first_class"][cell]
    teacher = (np.cumsum(n_teachers) - n_teachers)[cell] + k % n_teachers[cell]
    prep = rng.integers(0, 6, size=int(n_teachers.sum()))  # each teacher's free period
    period = np.where(secondary[cell], (k // n_teachers[cell] + prep[teacher] + 1) % 6 + 1, k + 1)
    teacher_school = np.repeat(school, n_teachers)
    classes = {"teacher": teacher, "period": period,
               "level": rng.normal(0.0, 1.0, len(teacher)) * schools["class_sd"].to_numpy()[teacher_school[teacher]]}
    teachers = {"name": _teacher_names(rng, schools, teacher_school),
                "gain": _spread(rng, teacher_school) * schools["teacher_sd"].to_numpy()[teacher_school]}
    return cells, classes, teachers


def _spread(rng, group):
    """Evenly spaced values with mean 0 and SD 1 within each group, in random order.

    Teacher gains come from these rather than from random draws, so a school with six
    teachers shows its story's spread in every seed, not only in lucky ones.
    """
    order = np.lexsort((rng.random(len(group)), group))
    size = np.bincount(group)
    rank = np.empty(len(group))
    rank[order] = np.arange(len(group)) - np.repeat(np.cumsum(size) - size, size)
    k = size[group]
    return np.sqrt(12.0 * k / (k + 1)) * ((rank + 0.5) / k - 0.5)


def _teacher_names(rng, schools, teacher_school):
    """"Ms. Rivera" style names, with surnames unique within each school."""
    surnames = np.unique(_NAMES["last"])
    share = TEACHER_TITLE_SHARE[schools["level_index"].to_numpy()[teacher_school]].cumsum(axis=1)
    title = np.array(TEACHER_TITLES, dtype=object)[(rng.random(len(teacher_school))[:, None] > share[:, :-1]).sum(axis=1)]
    counts = np.bincount(teacher_school, minlength=len(schools))
    picks = np.concatenate([rng.choice(len(surnames), size=c, replace=False) for c in counts])
    return title + " " + surnames[picks]


def _groups(rng, schools, school, grade):
    """Gender, race/ethnicity and programme flags, correlated as in California districts."""
    n = len(school)
    community = schools["community"].to_numpy()
    log_share = np.log(RACE_SHARE) + np.outer(community, RACE_COMMUNITY) + rng.normal(0.0, RACE_SCHOOL_SD, (len(schools), len(RACES)))
    share = np.exp(log_share)
    race = _draw(rng, (share / share.sum(axis=1, keepdims=True))[school])
    gender = _draw(rng, np.broadcast_to(GENDER_SHARE, (n, len(GENDERS))))
    el = rng.random(n) < np.minimum(0.95, EL_RATE[race] * EL_GRADE[grade] * np.exp(-0.3 * community[school]))
    sed_logit = np.log(SED_RATE[race] / (1 - SED_RATE[race])) + 1.0 * el - 0.6 * community[school]
    sed = rng.random(n) < 1 / (1 + np.exp(-sed_logit))
    swd = rng.random(n) < SWD_RATE[gender]
    foster = rng.random(n) < np.array(FOSTER_RATE)[sed.astype(int)]
    homeless = rng.random(n) < np.array(HOMELESS_RATE)[sed.astype(int)]
    return {"race": race, "gender": gender, "el": el, "sed": sed, "swd": swd, "foster": foster, "homeless": homeless}


def _draw(rng, probabilities):
    """One category per row of an (n, k) matrix of probabilities."""
    cumulative = probabilities.cumsum(axis=1)[:, :-1]
    return (rng.random(len(probabilities))[:, None] > cumulative).sum(axis=1)


def _name_table():
    """All names in flat arrays, with each list's (start, length) for vectorised picks."""
    given, family, given_span, family_span = [], [], [], []
    for pool in NAME_POOLS:
        for names in _FIRST[pool]:
            given_span.append((len(given), len(names.split())))
            given += names.split()
        family_span.append((len(family), len(_LAST[pool].split())))
        family += _LAST[pool].split()
    unisex = (len(given), len(_UNISEX.split()))
    given += _UNISEX.split()
    return {"first": np.array([name.replace("_", " ") for name in given], dtype=object),
            "last": np.array([name.replace("_", " ") for name in family], dtype=object),
            "first_span": np.array(given_span + [unisex]), "last_span": np.array(family_span)}


_NAMES = _name_table()


def _pick(rng, spans, which):
    """A uniformly random index into the list each row names, as an index of the flat array."""
    start, length = spans[which].T
    return start + (rng.random(len(which)) * length).astype(int)


def _pools(rng, race, own_share):
    """The name list each student's name comes from: mostly the family's own, often another.

    Multiracial students, and the rest `1 - own_share` of the time, draw from NAME_MIX,
    which mixes names as California families do.
    """
    own = np.array([NAME_POOLS.index(r) if r in NAME_POOLS else -1 for r in RACES])[race]
    other = rng.choice(len(NAME_POOLS), size=len(race), p=NAME_MIX / NAME_MIX.sum())
    return np.where((own >= 0) & (rng.random(len(race)) < own_share), own, other)


def _names(rng, race, gender):
    """Synthetic first and last names consistent with each student's family background."""
    n = len(race)
    nonbinary = gender == GENDERS.index("Nonbinary")
    given_list = 2 * _pools(rng, race, OWN_FIRST_NAME) + np.where(nonbinary, rng.integers(0, 2, n), gender)
    given_list[nonbinary & (rng.random(n) < UNISEX_SHARE)] = len(_NAMES["first_span"]) - 1
    first = _NAMES["first"][_pick(rng, _NAMES["first_span"], given_list)]
    last = _NAMES["last"][_pick(rng, _NAMES["last_span"], _pools(rng, race, OWN_LAST_NAME))]
    second = _NAMES["last"][_pick(rng, _NAMES["last_span"], _pools(rng, race, 0.0))]
    mixed = np.isin(race, [RACES.index("Hispanic or Latino"), RACES.index("Two or More Races")])
    double = mixed & (rng.random(n) < DOUBLE_SURNAME) & (second != last)
    last[double] = last[double] + "-" + second[double]
    return {"first_name": first, "last_name": last}


# ----------------------------------------------------------------------------- ability


def _ability(rng, schools, class_level, teacher_gain, s):
    """Latent standing and growth per student, shared by every measure they sit.

    Ability is on the SBAC "distance from standard" scale at the end of an ordinary
    year. Growth on the cycle check follows the school's story curve, the teacher's own
    pull (centred within the school, so the story's mean holds) and the student's pace.
    """
    n = len(s["school"])
    school, race, el, swd, sed = s["school"], s["race"], s["el"], s["swd"], s["sed"]
    effect_ela, effect_math, el_boost, sed_boost, pace = schools[["effect_ela", "effect_math", "el_boost", "sed_boost", "pace"]].to_numpy()[school].T
    ela_own, math_own = rng.normal(0.0, 1.0, (2, n))
    math_own = ELA_MATH_CORRELATION * ela_own + np.sqrt(1 - ELA_MATH_CORRELATION**2) * math_own
    klass = class_level[s["class"]]
    ela = ELA["race"][race] + ELA["el"] * el + ELA["swd"] * swd + ELA["sed"] * sed + effect_ela + klass + ELA["sd"] * ela_own
    math = MATH["race"][race] + MATH["el"] * el + MATH["swd"] * swd + MATH["sed"] * sed + effect_math + 0.5 * klass + MATH["sd"] * math_own

    gain = teacher_gain[s["teacher"]]
    gain = gain - (np.bincount(school, weights=gain) / np.bincount(school))[school]
    curve = np.array([STORIES[k]["curve"] for k in schools["story"]])[school] * pace[:, None]
    start = CYCLE_CHECK_CUTS[2] - TYPICAL_GAIN * _T[-1] + CC_PER_DFS * ela + CC_EL_SHIFT * el + rng.normal(0.0, CC_STUDENT_SD, n)
    own_pace = gain + el_boost * el + sed_boost * sed + rng.normal(0.0, PACE_SD, n)
    return {"ela": ela, "math": math, "cc_start": start, "curve": curve, "pace": own_pace}


# ------------------------------------------------------------------------- assessments


def _scores(rng, s):
    """Every score a student could have, as an (n, 16) grid in COMBOS order.

    SBAC growth from fall to spring is the grade's typical growth scaled by the
    student's cycle-check growth against an ordinary school's (Math: half of it).
    """
    n = len(s["school"])
    cc = s["cc_start"][:, None] + s["curve"] + s["pace"][:, None] * _T + rng.normal(0.0, CC_NOISE_SD, (n, len(_T)))
    growth = (s["curve"][:, -1] + s["pace"] * _T[-1]) / (TYPICAL_GAIN * _T[-1])
    columns = [np.clip(np.rint(cc), CYCLE_CHECK_CUTS[0], CYCLE_CHECK_CUTS[-1])]
    reference = _sbac_reference()
    for subject, ability in (("ELA", s["ela"]), ("Math", s["math"])):
        by_grade = reference[reference["subject"] == subject].set_index("grade")[["met", "lowest_score", "highest_score"]]
        met, low, high = by_grade.reindex(range(13), fill_value=0).to_numpy()[s["grade"]].T
        year = np.array([SBAC_GROWTH[subject].get(g, 0) for g in range(13)])[s["grade"]]
        fall = met + ability - year + rng.normal(0.0, SBAC_NOISE_SD[0], n)
        spring = met + ability + year * STORY_SHARE[subject] * (growth - 1) + rng.normal(0.0, SBAC_NOISE_SD[1], n)
        columns += [np.clip(np.rint(fall), low, high)[:, None], np.clip(np.rint(spring), low, high)[:, None]]
    return np.hstack(columns).astype(int)


def _assessment_lines(rng, s):
    """assessments.csv rows as bytes, sorted by student, subject, measure and window.

    A student's grid of possible scores loses the SBAC columns outside tested grades
    and a few cells to absences; a score is dated on its class's test day, a few school
    days later for make-ups.
    """
    order = np.argsort(s["student_id"], kind="stable")
    s = {key: value[order] for key, value in s.items()}
    scores = _scores(rng, s)
    present = np.ones(scores.shape, dtype=bool)
    present[:, len(WINDOWS):] = np.isin(s["grade"], SBAC_GRADES)[:, None]
    present &= rng.random(present.shape) >= MISSING_RATE
    present[~present.any(axis=1), 0] = True  # an absence never removes a whole student
    class_day = rng.integers(0, COMBO_DAYS, size=(int(s["class"].max()) + 1, len(COMBOS)))
    late = (rng.random(present.shape) < MAKEUP_RATE) * rng.integers(1, 4, size=present.shape)
    dates = np.busday_offset(COMBO_STARTS, class_day[s["class"]] + late, roll="forward", holidays=HOLIDAYS)
    rows, combo = np.nonzero(present)
    day, day_code = np.unique(dates[rows, combo], return_inverse=True)
    key, key_code = np.unique(combo * len(day) + day_code, return_inverse=True)
    middles = [",".join(COMBOS[k // len(day)]) + f",{day[k % len(day)]}" for k in key]
    return _csv_bytes(s["student_id"][rows], middles, key_code, scores[rows, combo])


# ----------------------------------------------------------------------------- writing


def _students_frame(s, schools):
    """students.csv rows in roster order: school, grade, teacher, period, name."""
    flag = np.array(["false", "true"], dtype=object)
    frame = pd.DataFrame({
        "student_id": s["student_id"],
        "school_id": schools["school_id"].to_numpy()[s["school"]],
        "first_name": s["first_name"],
        "last_name": s["last_name"],
        "grade": GRADE_LABELS[s["grade"]],
        "teacher": s["teacher_name"],
        "class_period": s["period"],
        "gender": np.array(GENDERS, dtype=object)[s["gender"]],
        "race_ethnicity": np.array(RACES, dtype=object)[s["race"]],
        **{column: flag[s[key].astype(int)] for column, key in (
            ("english_learner", "el"), ("students_with_disabilities", "swd"), ("socioeconomically_disadvantaged", "sed"),
            ("foster_youth", "foster"), ("homeless", "homeless"))},
    })
    keys = pd.DataFrame({"school": s["school"], "grade": s["grade"], "teacher": s["teacher_name"], "period": s["period"],
                         "last": s["last_name"], "first": s["first_name"], "id": s["student_id"]})
    return frame.iloc[keys.sort_values(list(keys.columns), kind="stable").index.to_numpy()]


def _csv_bytes(ids, middles, middle_code, values):
    """Lines "id,middle,value" as one bytes object, assembled as a numpy byte matrix.

    pandas' to_csv took three quarters of a province's run on these rows; this writes
    the same text several times faster. Ids have 7 digits, values are whole numbers
    from 0 to 9999, and the middles are the few distinct texts between them.
    """
    lengths = np.array([len(m) + 2 for m in middles])
    table = np.zeros((len(middles), lengths.max()), dtype=np.uint8)
    for i, middle in enumerate(middles):
        table[i, :lengths[i]] = np.frombuffer(f",{middle},".encode(), dtype=np.uint8)
    id_digits, id_used = _digits(ids, 7)
    value_digits, value_used = _digits(values, 4)
    newline = np.full((len(ids), 1), ord("\n"), dtype=np.uint8)
    text = np.hstack([id_digits, table[middle_code], value_digits, newline])
    used = np.hstack([id_used, (np.arange(lengths.max()) < lengths[:, None])[middle_code], value_used, newline > 0])
    return text[used].tobytes()


def _digits(values, width):
    """ASCII digits of whole numbers, most significant first, and which are not leading zeros."""
    values = np.asarray(values)[:, None]
    powers = 10 ** np.arange(width - 1, -1, -1)
    return (values // powers % 10 + ord("0")).astype(np.uint8), (values >= powers) | (powers == 1)


def _write_csv(path, frame):
    """UTF-8 without BOM and \\n line endings: the same bytes on every platform."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
