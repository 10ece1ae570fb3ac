"""A table model over ids whose rows are fetched in the background as they scroll into view.

The model holds only the ordered ids (100,000+ is fine: a packed UuidList
keeps them in 16 bytes each, and cached rows are keyed by those bytes so
painting builds no UUID objects); rows come in batches from a store op and
are cached. Until a row arrives its cells show a placeholder, so painting
never waits for the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..core.register_ids import UuidList

PLACEHOLDER = "…"
GONE = "—"
IdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """One column, declared as data: its header and how to read a cell from a row."""

    title: str
    value: Callable[[Any], Any]
    foreground: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    align: Qt.AlignmentFlag | None = None


def cell(column: Column, row, role):
    """What one cell shows for a Qt role; shared by both models."""
    if role == Qt.ItemDataRole.DisplayRole:
        value = column.value(row)
        return "" if value is None else str(value)
    if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
        return column.foreground(row)
    if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
        return column.tooltip(row)
    if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
        return int(column.align)
    return None


class _ColumnsModel(QAbstractTableModel):
    """What both models share: columns declared as data, read-only selectable cells."""

    _columns: list[Column]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LazyTableModel(_ColumnsModel):
    rows_loaded = Signal()

    def __init__(self, runner, columns: list[Column], fetch: Callable, *, batch: int = 200, parent=None):
        """`fetch(task, ids) -> {id: row}` runs on the store worker."""
        super().__init__(parent)
        self._runner, self._columns, self._fetch, self._batch = runner, columns, fetch, batch
        self._ids: list | UuidList = []
        self._rows: dict = {}  # key (see _key) -> row
        self._gone: set = set()
        self._pending: set[int] = set()
        self._generation = 0

    # Contents
    def set_ids(self, ids) -> None:
        """A UuidList is kept as it is (immutable); anything else is copied into a list."""
        self.beginResetModel()
        self._ids = ids if isinstance(ids, UuidList) else list(ids)
        self._rows.clear()
        self._gone.clear()
        self._pending.clear()
        self._generation += 1
        self.endResetModel()

    def invalidate(self) -> None:
        """Data changed in the store: forget cached rows; visible ones refetch."""
        self._rows.clear()
        self._gone.clear()
        self._pending.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    def id_at(self, row: int):
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _key(self, row: int):
        """What the row cache is keyed by: the packed id's bytes, or the id itself."""
        ids = self._ids
        return ids.key(row) if isinstance(ids, UuidList) else ids[row]

    def _key_of(self, item_id):
        return item_id.bytes if isinstance(self._ids, UuidList) else item_id

    def row_of(self, item_id) -> int:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1

    def row_data(self, row: int):
        return self._rows.get(self._key(row)) if 0 <= row < len(self._ids) else None

    @property
    def loading(self) -> bool:
        return bool(self._pending)

    # Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)


    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        key = self._key(index.row())
        row = self._rows.get(key)
        column = self._columns[index.column()]
        if row is None:
            if key in self._gone:
                return GONE if role == Qt.ItemDataRole.DisplayRole else None
            self._request(index.row())
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        return cell(column, row, role)


    # Background fetching
    def _request(self, row: int) -> None:
        start = row - row % self._batch
        if start in self._pending:
            return
        self._pending.add(start)
        ids = self._ids[start:start + self._batch]
        generation = self._generation
        self._runner.op(lambda task: self._fetch(task, ids)) \
            .success(lambda rows: self._arrived(generation, start, rows)).run()

    def _arrived(self, generation: int, start: int, rows: dict) -> None:
        if generation != self._generation:
            return
        self._pending.discard(start)
        self._rows.update((self._key_of(item_id), row) for item_id, row in rows.items())
        stop = min(start + self._batch, len(self._ids))
        self._gone.update(key for key in map(self._key, range(start, stop)) if key not in self._rows)
        if stop > start:
            self.dataChanged.emit(self.index(start, 0), self.index(stop - 1, len(self._columns) - 1))
        self.rows_loaded.emit()


class ListTableModel(_ColumnsModel):
    """A small table over an in-memory list of rows (Today's lists, history)."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)


    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        return cell(column, row, role)

