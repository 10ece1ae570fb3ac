"""The register of establishments (经营主体): add, change, get and search.

Search matches name, pinyin initials ("zscg" → 张三餐馆), full pinyin,
licence number and credit code. Queries of three or more characters use an
FTS5 trigram index; one- and two-character queries use a second FTS5 index
of 1–2-character grams, which trigram cannot match.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import select

from . import areas, audit, search_keys
from .categories import CATEGORY_CODES
from .errors import NotFound, ValidationError
from .identifiers import licence_type, validate_licence, validate_uscc
from .ids import as_uuid
from .models import ESTABLISHMENT_STATUSES, RISK_GRADES, Area, Establishment, EstablishmentSearch

EDITABLE = ("name", "category", "licence_no", "licence_type", "credit_code", "legal_rep", "contact_person",
            "phone", "address", "township_id", "village_id", "risk_grade", "status")
PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")
MERGED = "merged"  # status central sets on a duplicate (with merged_into); never typed by a person


def _clean(fields: dict) -> dict:
    """Validate and normalize the fields a person typed; errors name the field."""
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    out = {k: (None if v == "" else v) for k, v in out.items()}
    if "name" in out and not out["name"]:
        raise ValidationError("register.name_required", field="name")
    if "category" in out and out["category"] not in CATEGORY_CODES:
        raise ValidationError("register.unknown_category", field="category", category=out["category"],
                              allowed=", ".join(CATEGORY_CODES))
    if out.get("licence_no"):
        out["licence_no"] = validate_licence(out["licence_no"], field="licence")
        out.setdefault("licence_type", licence_type(out["licence_no"]))
    if out.get("credit_code"):
        out["credit_code"] = validate_uscc(out["credit_code"], field="credit_code")
    if out.get("phone") and not PHONE.match(out["phone"]):
        raise ValidationError("register.bad_phone", field="phone", phone=out["phone"])
    if "risk_grade" in out and out["risk_grade"] not in RISK_GRADES:
        raise ValidationError("register.bad_risk_grade", field="risk_grade")
    if "status" in out and out["status"] not in ESTABLISHMENT_STATUSES:
        raise ValidationError("register.bad_status", field="status", allowed=", ".join(ESTABLISHMENT_STATUSES))
    return out


def _resolve_areas(session, township, village) -> tuple[uuid.UUID, uuid.UUID | None]:
    town = township if isinstance(township, Area) else areas.find(session, str(township), level="township")
    if village in (None, ""):
        return town.id, None
    place = areas.find(session, str(village), level="village", parent_id=town.id, field="village")
    return town.id, place.id


def _check_licence_free(session, licence_no: str | None, own_id: uuid.UUID | None = None) -> None:
    if not licence_no:
        return
    other = session.exec(select(Establishment).where(Establishment.licence_no == licence_no)).first()
    if other is not None and other.id != own_id:
        raise ValidationError("register.licence_taken", field="licence", licence=licence_no, name=other.name,
                              other_id=str(other.id))


def add(session, *, name: str, category: str, township, village=None, actor_id=None,
        **fields) -> Establishment:
    """Register an establishment; unknown keyword fields are refused."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError("register.unknown_fields", field=sorted(unknown)[0], names=", ".join(sorted(unknown)))
    data = _clean({"name": name, "category": category, **fields})
    data["township_id"], data["village_id"] = _resolve_areas(session, township, village)
    _check_licence_free(session, data.get("licence_no"))
    establishment = Establishment(**data, provisional=not data.get("licence_no"))
    session.add(establishment)
    session.flush()
    write_search_row(session, establishment)
    audit.record(session, action="establishment.add", entity="establishment",
                 entity_id=establishment.id, actor_id=actor_id)
    return establishment


def update(session, establishment_id, *, actor_id=None, **fields) -> Establishment:
    establishment = get(session, establishment_id)
    unknown = set(fields) - set(EDITABLE) - {"township", "village"}
    if unknown:
        raise ValidationError("register.unknown_fields", field=sorted(unknown)[0], names=", ".join(sorted(unknown)))
    township, village = fields.pop("township", None), fields.pop("village", None)
    data = _clean(fields)
    if township is not None:
        data["township_id"], data["village_id"] = _resolve_areas(session, township, village)
    _check_licence_free(session, data.get("licence_no"), establishment.id)
    for key, value in data.items():
        setattr(establishment, key, value)
    session.flush()
    write_search_row(session, establishment)
    audit.record(session, action="establishment.update", entity="establishment",
                 entity_id=establishment.id, actor_id=actor_id, detail={"fields": sorted(data)})
    return establishment


def write_search_row(session, establishment: Establishment) -> None:
    """Insert or refresh what search matches on; FTS triggers follow. A merged duplicate has no
    search row, so every list and search (they all start from establishment_search) leaves it out."""
    row = session.exec(select(EstablishmentSearch)
                       .where(EstablishmentSearch.establishment_id == establishment.id)).first()
    if establishment.status == MERGED:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    values = {"haystack": search_keys.haystack(name=establishment.name, licence=establishment.licence_no,
                                               credit_code=establishment.credit_code,
                                               extra=(establishment.address or "",)),
              "grams": search_keys.grams(name=establishment.name, licence=establishment.licence_no,
                                         credit_code=establishment.credit_code)}
    if row is None:
        session.add(EstablishmentSearch(establishment_id=establishment.id, haystack=values["haystack"],
                                        grams=values["grams"]))
    else:
        row.haystack, row.grams = values["haystack"], values["grams"]
    session.flush()


def get(session, establishment_id) -> Establishment:
    establishment = session.get(Establishment, as_uuid(establishment_id, "establishment"))
    if establishment is None:
        raise NotFound("register.no_establishment", field="establishment", id=establishment_id)
    return establishment


@dataclass(frozen=True)
class Hit:
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
        return {**self.__dict__, "id": str(self.id)}


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


_HIT_COLUMNS = """e.id, e.name, e.category, t.name, v.name, e.licence_no, e.credit_code,
                  e.risk_grade, e.status, e.address"""
_HIT_JOINS = """JOIN area t ON t.id = e.township_id LEFT JOIN area v ON v.id = e.village_id"""


LICENCE_PREFIX = re.compile(r"^(JY|SC)\d{2,14}$")


@dataclass(frozen=True)
class _Plan:
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


def _plan(query: str | None, township_id, village_id, category, risk_grade, overdue_on) -> _Plan:
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
        from .planning import due_sql
        where.append(f"e.id IN (SELECT id FROM ({due_sql()}) WHERE due < :today)")
        params["today"] = overdue_on.isoformat()
    return _Plan(source, where, params, order)


CREDIT_PREFIX = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{10,18}$")


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


def search(session, query: str, *, limit: int = 50, township_id=None, category: str | None = None,
           village_id=None, risk_grade: str | None = None) -> list[Hit]:
    """Establishments matching every word of `query`, at most `limit`, in register order
    (licence-number and credit-code prefixes in number order)."""
    if not search_keys.normalize_query(query):
        return []
    if int(limit) < 1:
        raise ValidationError("register.bad_limit", field="limit")
    limit = min(int(limit), 10_000)
    plan = _plan(query, township_id, village_id, category, risk_grade, None)
    identifier = _identifier_range(query)
    if identifier is not None:
        column, low, high = identifier
        where = [w for w in plan.where if "MATCH" not in w] + [f"{column} >= :low AND {column} < :high"]
        params = {k: v for k, v in plan.params.items() if k not in ("drive", "grams")}
        sql = f"""SELECT {_HIT_COLUMNS} FROM establishment e {_HIT_JOINS}
                  WHERE {' AND '.join(where)} ORDER BY {column} LIMIT :limit"""
        rows = session.connection().execute(text(sql), {**params, "low": low, "high": high, "limit": limit})
        found = [Hit(uuid.UUID(row[0]), *row[1:]) for row in rows]
        if found:
            return found  # otherwise it may be an infix of a number: fall back to substring search
    sql = f"""SELECT {_HIT_COLUMNS} FROM {plan.source} {_HIT_JOINS}
              WHERE {' AND '.join(plan.where)} ORDER BY {plan.order} LIMIT :limit"""
    rows = session.connection().execute(text(sql), {**plan.params, "limit": limit})
    return [Hit(uuid.UUID(row[0]), *row[1:]) for row in rows]


def find_ids(session, *, query: str | None = None, township_id=None, village_id=None, category=None,
             risk_grade=None, overdue_on=None) -> list[uuid.UUID]:
    """Every matching id, in register order: what the desktop list model holds."""
    plan = _plan(query, township_id, village_id, category, risk_grade, overdue_on)
    where = f"WHERE {' AND '.join(plan.where)}" if plan.where else ""
    sql = f"SELECT e.id FROM {plan.source} {where} ORDER BY {plan.order}"
    return [uuid.UUID(row[0]) for row in session.connection().execute(text(sql), plan.params)]


def hits(session, ids) -> dict[uuid.UUID, Hit]:
    """List rows for a batch of ids (the list model fetches rows as they scroll into view)."""
    keys = [as_uuid(i, "establishment").hex for i in ids]
    if not keys:
        return {}
    marks = ", ".join(f":k{n}" for n in range(len(keys)))
    sql = f"SELECT {_HIT_COLUMNS} FROM establishment e {_HIT_JOINS} WHERE e.id IN ({marks})"
    rows = session.connection().execute(text(sql), {f"k{n}": k for n, k in enumerate(keys)})
    return {uuid.UUID(row[0]): Hit(uuid.UUID(row[0]), *row[1:]) for row in rows}
