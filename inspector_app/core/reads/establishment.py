"""One establishment as `inspector establishments show` prints it: the record and its inspections."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..ids import as_uuid
from .store import dashed, utc


def _time(text: str) -> str:
    """A stored UTC time the way pydantic writes an aware one: ISO 8601 ending in Z."""
    return datetime.fromisoformat(text).isoformat() + "Z"


# The record's fields in the model's order (models.Establishment), each with how its JSON value is read.
FIELDS = {"id": dashed, "created_at": _time, "updated_at": _time, "version": None, "server_version": None,
          "server_usn": None, "name": None, "category": None, "licence_type": None, "licence_no": None,
          "credit_code": None, "legal_rep": None, "responsible_id_no": None, "contact_person": None, "phone": None,
          "address": None,
          "township_id": dashed, "village_id": dashed, "risk_grade": None, "status": None, "provisional": bool,
          "merged_into": dashed}
HISTORY_LIMIT = 50  # as inspections.history


def show(connection: sqlite3.Connection, establishment_id) -> dict | None:
    """The record, its township and village names and its latest inspections (those of duplicates
    merged into it too, as inspections.history); None when there is no such establishment."""
    key = as_uuid(establishment_id, "establishment").hex
    columns = ", ".join(f"e.{name}" for name in FIELDS)
    row = connection.execute(f"""SELECT {columns}, t.name, v.name FROM establishment e
                                 LEFT JOIN area t ON t.id = e.township_id LEFT JOIN area v ON v.id = e.village_id
                                 WHERE e.id = ?""", (key,)).fetchone()
    if row is None:
        return None
    data = {name: (read(value) if read and value is not None else value)
            for (name, read), value in zip(FIELDS.items(), row, strict=False)}
    data.update(township=row[-2], village=row[-1])
    inspections = connection.execute(
        """SELECT id, status, result, ended_at FROM inspection
           WHERE establishment_id = :id OR establishment_id IN (SELECT id FROM establishment WHERE merged_into = :id)
           ORDER BY started_at DESC LIMIT :limit""", {"id": key, "limit": HISTORY_LIMIT})
    data["inspections"] = [{"id": dashed(i), "status": status, "result": result, "ended_at": utc(ended)}
                           for i, status, result, ended in inspections]
    return data
