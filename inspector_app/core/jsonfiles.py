"""JSON a person hands us (an answers file, an enrolment request, settings), read strictly and kindly.

Python's json reader lets through what no bundle can carry and fails on
some input with an exception nobody expects: NaN and Infinity, a key given
twice (the last silently wins), whole numbers of over 4,300 digits
(ValueError) and deep nesting (RecursionError). Here every one of them is a
ValidationError that says where the problem is, before anything is stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import limits
from .errors import ValidationError


class _Twice(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _pairs(pairs: list) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _Twice(key)
        out[key] = value
    return out


def _whole(digits: str) -> int:
    """A whole number; one too long to be kept reads as just beyond the limit, so the check names it."""
    if len(digits) <= 20:
        return int(digits)
    return -(limits.WHOLE + 1) if digits.startswith("-") else limits.WHOLE + 1


def check_size(path: Path | str, limit: int = limits.USER_FILE_BYTES) -> None:
    """Refuse a file over `limit` bytes before reading it (an unreadable file is the caller's to report)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    if size > limit:
        raise ValidationError("limits.file_too_large", field="file", path=str(path), size=f"{size / 2**20:.1f}",
                              limit=limit // 2**20)


def loads(text: str, *, path: str, depth: int = limits.USER_JSON_DEPTH) -> Any:
    """The JSON value of `text` (read from `path`); every value in it a bundle can carry (limits.py)."""
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_whole)
    except RecursionError:
        raise ValidationError("limits.json_too_deep", field="file", path=path, limit=depth) from None
    except _Twice as twice:
        raise ValidationError("limits.json_duplicate_key", field="file", path=path,
                              key=limits.shown(twice.key)) from None
    except ValueError as exc:  # json.JSONDecodeError, and int() refusing a number of 4,300+ digits
        raise ValidationError("limits.json_invalid", field="file", path=path, detail=limits.shown(exc, 120)) from None
    problem = limits.value_problem(value, "", depth=depth)
    if problem is not None:
        problem.params["where"] = problem.params["where"] or path
        raise problem
    return value
