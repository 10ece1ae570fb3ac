"""Finding one area by code or name on a plain connection, for `establishments search --township`."""

from __future__ import annotations

import sqlite3


def unique_id(connection: sqlite3.Connection, name_or_code: str, *, level: str) -> str | None:
    """The id (hex) of the one area of `level` with this exact code, else exact name, else name prefix.

    The same three tries as areas.find; None when a try finds several or none
    finds any, so that areas.find (on the ORM path) says which it was.
    """
    text = (name_or_code or "").strip()
    if not text:
        return None
    for condition in ("code = ?", "name = ?", "name LIKE ? || '%'"):
        rows = connection.execute(f"SELECT id FROM area WHERE level = ? AND {condition} LIMIT 2",
                                  (level, text)).fetchall()
        if rows:
            return rows[0][0] if len(rows) == 1 else None
    return None
