"""A desk table downloads as what the page shows: Excel with real numbers and dates, CSV that Excel opens."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from inspector_app.central.tables import Table, to_csv, to_xlsx

TABLE = Table("progress", "本月进度", ["乡镇", "已检查", "截止"],
              [["大口屯镇", 12, date(2026, 12, 31)], ["下伍旗镇", 0, None]])


def test_xlsx_holds_the_rows_with_their_types():
    sheet = load_workbook(BytesIO(to_xlsx(TABLE))).active
    assert sheet["A1"].value == "本月进度"
    assert [c.value for c in sheet[2]] == ["乡镇", "已检查", "截止"]
    assert sheet["B3"].value == 12 and sheet["C3"].value.date() == date(2026, 12, 31)
    assert sheet["A4"].value == "下伍旗镇" and sheet["C4"].value is None


def test_csv_has_a_bom_and_the_same_rows():
    text = to_csv(TABLE).decode("utf-8")
    assert text.startswith("\ufeff乡镇,已检查,截止\r\n")
    assert "大口屯镇,12,2026-12-31\r\n" in text and text.endswith("下伍旗镇,0,\r\n")
