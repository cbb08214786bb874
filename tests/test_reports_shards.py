"""Each school's folder loads back as exactly that school's rows, and nothing else."""

import pytest
from pandas.testing import assert_frame_equal

from onthemove_widgets.data import load_district
from onthemove_widgets.data.read import read_tables, read_written_tables
from onthemove_widgets.data.demo import generate_district
from onthemove_widgets.errors import DistrictDataError
from onthemove_widgets.reports.shards import split_district
from tiny_district import TINY, rename_first_student, write_district

TABLES = ("schools", "students", "assessments", "cut_scores")


def assert_round_trips(source, shards):
    for school_id, shard in shards.items():
        expected, loaded = load_district(source, school_id=school_id), load_district(shard)
        for table in TABLES:
            assert_frame_equal(getattr(loaded, table), getattr(expected, table))


def test_generated_district_round_trips_school_by_school(tmp_path):
    source = generate_district(tmp_path / "district", schools=3, students_per_school=20)
    shards = split_district(source, tmp_path / "work")
    assert list(shards) == ["S0001", "S0002", "S0003"]
    assert_round_trips(source, shards)
    full = load_district(source)
    for school_id, shard in shards.items():
        own = load_district(shard)
        assert set(own.schools["school_id"]) == set(own.students["school_id"]) == {school_id}
        assert set(own.assessments["student_id"]) <= set(own.students["student_id"])
        assert len(own.assessments) == full.assessments["student_id"].isin(own.students["student_id"]).sum()
        assert_frame_equal(own.cut_scores, full.cut_scores)


def test_hand_typed_values_are_written_back_in_one_format(tmp_path):
    # yes/no/Y/N booleans, US dates, an extra group column, a comma, quotes and a line
    # break in names, and school ids that are not safe file names.
    files = dict(TINY)
    files["schools.csv"] = 'school_id,school_name,level,grades\nS1,"Alder, ""Upper"" Campus",elementary,K-5\n../S2,"Birch\r\nMiddle",middle,6-8\n'
    files["students.csv"] = TINY["students.csv"].replace(",S2,", ",../S2,")
    source = write_district(tmp_path / "tiny", files)
    shards = split_district(source, tmp_path / "work")
    assert_round_trips(source, shards)
    assert all(shard.path.parent == tmp_path / "work" for shard in shards.values())
    students = (shards["../S2"].path / "students.csv").read_text()
    assert ",true,false,true,false\n" in students and ",false,true,false,true\n" in students  # were yes,no,… and N,Y,…
    assert "yes" not in students
    assert "2025-09-11" in (shards["../S2"].path / "assessments.csv").read_text()  # was 09/11/2025


def test_a_written_folder_reads_directly_to_the_tables_the_careful_reader_gives(tmp_path):
    files = dict(TINY)
    files["schools.csv"] = 'school_id,school_name,level,grades\nS1,"Alder, ""Upper"" Campus",elementary,K-5\nS2,"Birch\r\nMiddle — Ñandú",middle,6-8\nS3,Empty School,high,9-12\n'
    shards = split_district(write_district(tmp_path / "tiny", files), tmp_path / "work")
    for shard in shards.values():
        careful, careful_problems = read_tables(shard)
        direct, direct_problems = read_written_tables(shard)
        assert direct_problems == careful_problems
        assert list(direct) == list(careful)
        for name, table in careful.items():
            assert_frame_equal(direct[name], table)
            assert direct[name].attrs == table.attrs
    assert [p.message for p in read_written_tables(shards["S3"])[1]] == ["file has a header but no rows"] * 2  # no students, so no scores


def test_hashes_change_only_for_the_school_whose_data_changed(tmp_path):
    source = generate_district(tmp_path / "district", schools=3, students_per_school=20)
    first = split_district(source, tmp_path / "work")
    assert {s.sha256 for s in split_district(source, tmp_path / "work").values()} == {s.sha256 for s in first.values()}
    rename_first_student(source, "S0002", "Renamed")
    second = split_district(source, tmp_path / "work")
    assert [school for school in first if first[school].sha256 != second[school].sha256] == ["S0002"]
    assert "Renamed" in (second["S0002"].path / "students.csv").read_text()


def test_a_district_with_problems_is_not_split(tmp_path):
    source = write_district(tmp_path / "tiny", {**TINY, "students.csv": TINY["students.csv"].replace(",3,Ms. Lee", ",13,Ms. Lee")})
    with pytest.raises(DistrictDataError, match="grade"):
        split_district(source, tmp_path / "work")
    assert not (tmp_path / "work").exists()


def test_a_stamped_school_folder_is_not_validated_again_until_a_file_changes(tmp_path, monkeypatch):
    import onthemove_widgets.data.district as district_module

    source = generate_district(tmp_path / "district", schools=2, students_per_school=20)
    shard = split_district(source, tmp_path / "work")["S0002"]
    validated = []
    real = district_module.validate_tables
    monkeypatch.setattr(district_module, "validate_tables", lambda tables: validated.append(1) or real(tables))
    assert set(load_district(shard).students["school_id"]) == {"S0002"} and validated == []
    students = shard.path / "students.csv"
    students.write_text(students.read_text().replace(",S0002,", ",S9999,", 1))  # a student of an unknown school
    with pytest.raises(DistrictDataError, match="S9999"):
        load_district(shard)
    assert validated == [1]
    (shard.path / "validated.sha256").unlink()
    split_district(source, tmp_path / "work")  # validates the district, rewrites the folder and its stamp
    validated.clear()
    assert set(load_district(shard).students["school_id"]) == {"S0002"} and validated == []


def test_a_folder_stamped_by_another_version_of_the_package_is_validated_again(tmp_path, monkeypatch):
    from onthemove_widgets.data import stamp

    shard = split_district(generate_district(tmp_path / "district", schools=1, students_per_school=10), tmp_path / "work")["S0001"]
    assert stamp.is_stamped(shard)
    monkeypatch.setattr(stamp, "_package_version", lambda: "0.0.0-another")
    assert not stamp.is_stamped(shard)
