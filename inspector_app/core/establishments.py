"""The register of establishments (经营主体): add, change, get and search.

What search matches on is written here (write_search_row); the search itself
is plain SQL in register_search, shared with the read-only command line.
"""

from __future__ import annotations

import re
import uuid

from sqlmodel import select

from . import areas, audit, limits, register_search, registration_papers, search_keys
from .codes import CATEGORY_CODES
from .errors import NotFound, ValidationError
from .identifiers import validate_id_number, validate_uscc
from .ids import as_uuid
from .models import ESTABLISHMENT_STATUSES, RISK_GRADES, Area, Establishment, EstablishmentSearch
from .reads.store import dbapi
from .register_search import Hit

_plan = register_search.plan  # register_ids builds its packed id list from the same plan

EDITABLE = ("name", "category", "licence_no", "licence_type", "credit_code", "legal_rep", "responsible_id_no",
            "contact_person", "phone", "address", "township_id", "village_id", "risk_grade", "status")
PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")
MERGED = "merged"  # status central sets on a duplicate (with merged_into); never typed by a person
# the error's field where it is not the column's name
FIELD_NAMES = {"licence_no": "licence", "responsible_id_no": "id_number"}


def check_texts(fields: dict) -> None:
    """Every text field against core/limits.py, before any other check may echo a value back."""
    for key, value in fields.items():
        if key in EDITABLE and not key.endswith("_id"):
            limits.text(f"establishment.{key}", value, field=FIELD_NAMES.get(key, key))
        elif key in ("township", "village") and isinstance(value, str):
            limits.text("area.name", value, field=key)


def _clean(fields: dict, category: str | None = None) -> dict:
    """Validate and normalize the fields a person typed; errors name the field. The licence number is
    checked as the paper of the establishment's category (`category` when the fields do not change it)."""
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    out = {k: (None if v == "" else v) for k, v in out.items()}
    check_texts(out)
    if "name" in out and not out["name"]:
        raise ValidationError("register.name_required", field="name")
    if "category" in out and out["category"] not in CATEGORY_CODES:
        raise ValidationError("register.unknown_category", field="category", category=out["category"],
                              allowed=", ".join(CATEGORY_CODES))
    if out.get("licence_no"):
        out["licence_no"], kind = registration_papers.validate_number(
            out["licence_no"], category=out.get("category", category), field="licence")
        out.setdefault("licence_type", kind)
    if out.get("responsible_id_no"):
        out["responsible_id_no"] = validate_id_number(out["responsible_id_no"], field="id_number")
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
    check_texts({"township": township, "village": village})
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
    check_texts({"township": township, "village": village})
    if fields.get("category") and "licence_no" not in fields and establishment.licence_no:
        fields["licence_no"] = establishment.licence_no  # a new category must still fit the paper held
    data = _clean(fields, category=establishment.category)
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


def search(session, query: str, *, limit: int = 50, township_id=None, category: str | None = None,
           village_id=None, risk_grade: str | None = None) -> list[Hit]:
    """Establishments matching every word of `query`, at most `limit`, in register order
    (licence-number and credit-code prefixes in number order): register_search on this session."""
    return register_search.search(dbapi(session), query, limit=limit, township_id=township_id, category=category,
                                  village_id=village_id, risk_grade=risk_grade)


def find_ids(session, *, query: str | None = None, township_id=None, village_id=None, category=None,
             risk_grade=None, overdue_on=None) -> list[uuid.UUID]:
    """Every matching id, in register order: what the desktop list model holds."""
    return register_search.find_ids(dbapi(session), query=query, township_id=township_id, village_id=village_id,
                                    category=category, risk_grade=risk_grade, overdue_on=overdue_on)


def hits(session, ids) -> dict[uuid.UUID, Hit]:
    """List rows for a batch of ids (the list model fetches rows as they scroll into view)."""
    return register_search.hits(dbapi(session), ids)
