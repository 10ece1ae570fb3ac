"""Searching the register in plain SQL over a DB-API connection: the one implementation.

`inspector establishments search` calls it on a read-only sqlite3 connection
(no ORM loaded); the desktop calls it through core.establishments with its
session's own connection. Search matches name, pinyin initials ("zscg" →
张三餐馆), full pinyin, licence number and credit code. Queries of three or
more characters use an FTS5 trigram index; one- and two-character queries
use a second FTS5 index of 1–2-character grams, which trigram cannot match.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from typing import NamedTuple

from . import search_keys
from .errors import ValidationError
from .ids import as_uuid

MAX_LIMIT = 10_000


class Hit(NamedTuple):
    """One row of a search or of the desktop's list (a named tuple: `dataclasses` costs the
    read-only command ~7 ms to import)."""

    id: uuid.UUID
    name: str
    category: str
    township: str
    village: str | None
    licence_no: str | None
    credit_code: str | None
    risk_grade: str
    status: str
    address: str | None

    def to_dict(self) -> dict:
        return {**self._asdict(), "id": str(self.id)}


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


_HIT_COLUMNS = """e.id, e.name, e.category, t.name, v.name, e.licence_no, e.credit_code,
                  e.risk_grade, e.status, e.address"""
_HIT_JOINS = """JOIN area t ON t.id = e.township_id LEFT JOIN area v ON v.id = e.village_id"""


LICENCE_PREFIX = re.compile(r"^(JY|SC)\d{2,14}$")
CREDIT_PREFIX = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{10,18}$")


class Plan(NamedTuple):
    """FROM, WHERE and ORDER BY for one search: the FTS index drives when there are terms.

    Letting FTS5 produce rowids in order (CROSS JOIN fixes the join order)
    lets LIMIT stop early and keeps filters from multiplying work: an
    `IN (SELECT … MATCH …)` list or a filter index driving the query cost
    seconds at 100,000 rows (see bench/README.md).
    """

    source: str
    where: list
    params: dict
    order: str


def plan(query: str | None, township_id, village_id, category, risk_grade, overdue_on) -> Plan:
    terms = search_keys.normalize_query(query or "").split()
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where, params = [], {}
    joins = "CROSS JOIN establishment e ON e.id = s.establishment_id"
    if long_terms:
        source = f"establishment_fts f CROSS JOIN establishment_search s ON s.id = f.rowid {joins}"
        where.append("f.establishment_fts MATCH :drive")
        params["drive"] = " AND ".join(_fts_phrase(t) for t in long_terms)
        if short_terms:
            where.append("+f.rowid IN (SELECT rowid FROM establishment_grams WHERE establishment_grams MATCH :grams)")
            params["grams"] = " AND ".join(_fts_phrase(t) for t in short_terms)
        order = "f.rowid"
    elif short_terms:
        source = f"establishment_grams g CROSS JOIN establishment_search s ON s.id = g.rowid {joins}"
        where.append("g.establishment_grams MATCH :grams")
        params["grams"] = " AND ".join(_fts_phrase(t) for t in short_terms)
        order = "g.rowid"
    else:
        source, order = f"establishment_search s {joins}", "s.id"
    for column, value, name in (("e.township_id", township_id, "township"), ("e.village_id", village_id, "village")):
        if value is not None:
            where.append(f"{column} = :{name}")
            params[name] = as_uuid(value, name).hex
    if category:
        where.append("e.category = :category")
        params["category"] = category
    if risk_grade:
        where.append("e.risk_grade = :risk_grade")
        params["risk_grade"] = risk_grade
    if overdue_on is not None:
        from .planning import due_sql  # the desktop's overdue filter only
        where.append(f"e.id IN (SELECT id FROM ({due_sql()}) WHERE due < :today)")
        params["today"] = overdue_on.isoformat()
    return Plan(source, where, params, order)


def _identifier_range(query: str) -> tuple[str, str, str] | None:
    """A lone licence-number or credit-code prefix is answered from its index:
    (column, low, high). Credit-code prefixes need 8+ digits, so words do not qualify."""
    terms = search_keys.normalize_query(query).upper().split()
    if len(terms) != 1:
        return None
    term = terms[0]
    if LICENCE_PREFIX.match(term):
        return "e.licence_no", term, term + "\uffff"
    if CREDIT_PREFIX.match(term) and sum(ch.isdigit() for ch in term) >= 8:
        return "e.credit_code", term, term + "\uffff"
    return None


def statements(query: str, *, limit: int = 50, township_id=None, category: str | None = None,
               village_id=None, risk_grade: str | None = None) -> list[tuple[str, dict]]:
    """The SQL search() runs, in order: an identifier range first (when the query is one), then FTS."""
    if int(limit) < 1:
        raise ValidationError("register.bad_limit", field="limit")
    limit = min(int(limit), MAX_LIMIT)
    found = plan(query, township_id, village_id, category, risk_grade, None)
    steps = []
    identifier = _identifier_range(query)
    if identifier is not None:
        column, low, high = identifier
        where = [w for w in found.where if "MATCH" not in w] + [f"{column} >= :low AND {column} < :high"]
        params = {k: v for k, v in found.params.items() if k not in ("drive", "grams")}
        steps.append((f"""SELECT {_HIT_COLUMNS} FROM establishment e {_HIT_JOINS}
                          WHERE {' AND '.join(where)} ORDER BY {column} LIMIT :limit""",
                      {**params, "low": low, "high": high, "limit": limit}))
    steps.append((f"""SELECT {_HIT_COLUMNS} FROM {found.source} {_HIT_JOINS}
                      WHERE {' AND '.join(found.where)} ORDER BY {found.order} LIMIT :limit""",
                  {**found.params, "limit": limit}))
    return steps


def search(connection: sqlite3.Connection, query: str, *, limit: int = 50, township_id=None,
           category: str | None = None, village_id=None, risk_grade: str | None = None) -> list[Hit]:
    """Establishments matching every word of `query`, at most `limit`, in register order
    (licence-number and credit-code prefixes in number order)."""
    if not search_keys.normalize_query(query):
        return []
    found: list[Hit] = []
    for sql, params in statements(query, limit=limit, township_id=township_id, category=category,
                                  village_id=village_id, risk_grade=risk_grade):
        found = [Hit(uuid.UUID(row[0]), *row[1:]) for row in connection.execute(sql, params)]
        if found:
            break  # an identifier range found it; otherwise it may be an infix of a number: substring search
    return found


def find_ids(connection: sqlite3.Connection, *, query: str | None = None, township_id=None, village_id=None,
             category=None, risk_grade=None, overdue_on=None) -> list[uuid.UUID]:
    """Every matching id, in register order: what the desktop list model holds."""
    found = plan(query, township_id, village_id, category, risk_grade, overdue_on)
    where = f"WHERE {' AND '.join(found.where)}" if found.where else ""
    sql = f"SELECT e.id FROM {found.source} {where} ORDER BY {found.order}"
    return [uuid.UUID(row[0]) for row in connection.execute(sql, found.params)]


def hits(connection: sqlite3.Connection, ids) -> dict[uuid.UUID, Hit]:
    """List rows for a batch of ids (the list model fetches rows as they scroll into view)."""
    keys = [as_uuid(i, "establishment").hex for i in ids]
    if not keys:
        return {}
    marks = ", ".join(f":k{n}" for n in range(len(keys)))
    sql = f"SELECT {_HIT_COLUMNS} FROM establishment e {_HIT_JOINS} WHERE e.id IN ({marks})"
    rows = connection.execute(sql, {f"k{n}": k for n, k in enumerate(keys)})
    return {uuid.UUID(row[0]): Hit(uuid.UUID(row[0]), *row[1:]) for row in rows}
