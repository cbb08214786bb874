"""Downloads that cannot run formulas, read back the way a coach's spreadsheet would."""

import io

import numpy as np
import openpyxl
import pandas as pd

from onthemove_widgets.export import neutralise, to_csv_bytes, to_excel_bytes

LINK = '=HYPERLINK("http://evil.example","Click")'
FRAME = pd.DataFrame(
    {
        "student": [LINK, "Héctor Álvarez", "-5", "+1 (555) 0100", "@SUM(A1)", "\tTab", "\rReturn", None],
        "points": [-5, 0, 3, -1, 2, 1, 4, 7],
        "score": [2400.5, -12.0, np.nan, 1.0, 2.0, 3.0, 4.0, 5.0],
        "english_learner": [True, False, True, False, True, False, True, False],
    }
)
QUOTED = [f"'{LINK}", "Héctor Álvarez", "'-5", "'+1 (555) 0100", "'@SUM(A1)", "'\tTab", "'\rReturn"]


def test_neutralise_quotes_only_risky_text():
    safe = neutralise(FRAME)
    assert safe["student"].tolist()[:7] == QUOTED and pd.isna(safe["student"][7])
    pd.testing.assert_frame_equal(safe[["points", "score", "english_learner"]], FRAME[["points", "score", "english_learner"]])
    assert FRAME["student"][0] == LINK  # the caller's frame is untouched


def test_headers_and_category_labels_are_cells_too():
    safe = neutralise(pd.DataFrame({"=cmd": pd.Categorical(["=1+1", "ok"])}))
    assert list(safe.columns) == ["'=cmd"] and safe["'=cmd"].tolist() == ["'=1+1", "ok"]


def test_csv_has_a_bom_and_reads_back_safe():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["student"].tolist()[:7] == QUOTED
    assert back["points"].tolist() == FRAME["points"].tolist() and back["points"].dtype.kind == "i"
    assert back["score"][1] == -12.0


def test_excel_stores_text_as_text_and_numbers_as_numbers():
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(FRAME)))["students"]
    header, *rows = sheet.iter_rows()
    assert [cell.value for cell in header] == ["student", "points", "score", "english_learner"]
    assert [row[0].value for row in rows[:7]] == QUOTED  # lxml (a python-docx dependency) keeps a CR as a CR
    assert all(row[0].data_type == "s" for row in rows[:7])
    assert (rows[0][1].value, rows[0][1].data_type) == (-5, "n")
    assert rows[1][2].value == -12.0 and rows[0][3].value is True
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_excel_sheet_name():
    assert openpyxl.load_workbook(io.BytesIO(to_excel_bytes(FRAME, sheet_name="Period 3"))).sheetnames == ["Period 3"]
