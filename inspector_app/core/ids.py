"""Parsing the ids people and scripts type: UUIDs with or without dashes."""

from __future__ import annotations

import uuid

from .errors import ValidationError


def as_uuid(value, field: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value).strip())
    except (ValueError, AttributeError):
        raise ValidationError("general.bad_id", field=field, value=value) from None
