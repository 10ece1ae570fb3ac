"""Administrative areas: the district's townships (镇乡街) and their villages."""

from __future__ import annotations

import uuid

from sqlmodel import select

from .errors import NotFound, ValidationError
from .models import Area

LEVELS = ("district", "township", "village")
_NAMESPACE = uuid.UUID("6f1c2d9e-3b7a-5c4e-9a1f-2e8d7c6b5a40")


def area_id(code: str) -> uuid.UUID:
    """The same id for the same division code on every laptop and on central."""
    return uuid.uuid5(_NAMESPACE, f"area:{code}")


def add(session, *, code: str, name: str, level: str, parent_id: uuid.UUID | None = None,
        population: int | None = None) -> Area:
    if level not in LEVELS:
        raise ValidationError("areas.bad_level", field="level", allowed=", ".join(LEVELS))
    if session.exec(select(Area).where(Area.code == code)).first():
        raise ValidationError("areas.code_taken", field="code", code=code)
    area = Area(id=area_id(code), code=code, name=name, level=level, parent_id=parent_id,
                population=population)
    session.add(area)
    return area


def find(session, name_or_code: str, *, level: str | None = None,
         parent_id: uuid.UUID | None = None, field: str = "township") -> Area:
    """One area by exact code or exact name (then by unique name prefix, e.g. 渔阳 → 渔阳镇)."""
    text = (name_or_code or "").strip()
    if not text:
        raise ValidationError("areas.village_required" if field == "village" else "areas.township_required",
                              field=field)
    query = select(Area)
    if level:
        query = query.where(Area.level == level)
    if parent_id:
        query = query.where(Area.parent_id == parent_id)
    for condition in (Area.code == text, Area.name == text, Area.name.startswith(text)):
        matches = session.exec(query.where(condition).limit(2)).all()
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError("areas.several_villages" if field == "village" else "areas.several_townships",
                                  field=field, name=text)
    raise NotFound("areas.no_township" if level == "township" else "areas.no_village" if level == "village"
                   else "areas.not_found", field=field, name=text)


def townships(session) -> list[Area]:
    return list(session.exec(select(Area).where(Area.level == "township").order_by(Area.code)))


def villages(session, township_id: uuid.UUID) -> list[Area]:
    return list(session.exec(select(Area).where(Area.parent_id == township_id).order_by(Area.code)))


def names(session) -> dict[uuid.UUID, str]:
    return {area.id: area.name for area in session.exec(select(Area))}
