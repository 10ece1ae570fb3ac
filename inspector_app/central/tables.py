"""A table a district person reads on a page and downloads: one shape for every desk list and report.

The desk renders `Table` as HTML and offers the same rows as Excel (openpyxl)
and CSV, so what is downloaded is exactly what was on the screen.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Table:
    name: str  # a slug: the download's file name and the page's anchor
    title: str  # what a person reads above it (Chinese first)
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""  # one line under the title: the period, what counts

    def column(self, header: str) -> list[Any]:
        at = self.columns.index(header)
        return [row[at] for row in self.rows]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it without mojibake."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_text(cell) for cell in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet: a title row, the header row (bold, frozen) and the rows with real numbers and dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = table.name[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(table.columns))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([cell.replace(tzinfo=None) if isinstance(cell, datetime) else cell for cell in row])
    sheet.freeze_panes = "A3"
    for at, header in enumerate(table.columns, start=1):
        widest = max([len(_text(header))] + [len(_text(row[at - 1])) for row in table.rows[:500]])
        sheet.column_dimensions[get_column_letter(at)].width = min(60, 4 + 2 * widest)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
