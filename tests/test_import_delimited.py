"""The lean reader of vendor exports: only the mapped columns, as text, with the file's row numbers."""

import pytest

from onthemove_widgets.importers import delimited
from onthemove_widgets.importers.delimited import read_columns, read_header
from onthemove_widgets.importers.faults import ImportFault


def test_only_the_wanted_columns_are_read_as_text_with_the_files_row_numbers(tmp_path, monkeypatch):
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 2)  # several chunks, so their categories must be joined
    path = tmp_path / "export.csv"
    path.write_text('Student ID,Name,Score,Unused\n0012," Peña, Ana ",07,x\n\n0013,Kim,7,y\n0012,Lee,  ,z\n,,,\n0099,Ray,100,w\n')
    header = read_header(path, ",")
    frame = read_columns(path, ",", header, ["Student ID", "Score", "Name"])
    assert header == ["Student ID", "Name", "Score", "Unused"]
    assert list(frame.columns) == ["Student ID", "Name", "Score"]
    assert frame.index.tolist() == [2, 4, 5, 7]  # the blank line (row 3) and the empty record (row 6) are left out
    assert frame["Student ID"].tolist() == ["0012", "0013", "0012", "0099"]  # leading zeros kept
    assert frame["Score"].tolist() == ["07", "7", "", "100"]
    assert frame.loc[2, "Name"] == "Peña, Ana"  # quoted comma kept, spaces trimmed


def test_a_windows_1252_caret_file_reads_and_a_quote_is_a_character(tmp_path):
    path = tmp_path / "scores.txt"
    path.write_bytes('SSID^Last Name\n01^O"Brien\n02^Peña\n'.encode("cp1252"))
    frame = read_columns(path, "^", read_header(path, "^"), ["Last Name"])
    assert frame["Last Name"].tolist() == ['O"Brien', "Peña"]


def test_an_empty_file_is_refused_by_name(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("\n")
    with pytest.raises(ImportFault, match="empty.csv.*empty"):
        read_header(path, ",")
