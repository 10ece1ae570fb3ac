"""Strict canonical JSON: what is signed and hashed, and a strict reader for untrusted input.

Writing: sorted keys, UTF-8 (no \\u escapes for non-ASCII), no spaces, no NaN;
headers and certificates also refuse floats. Reading: UTF-8 only, no byte
order mark, no duplicate keys, no NaN/Infinity, bounded size and depth.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .errors import SyncRejected

try:  # optional accelerator; only ever used where its result is proven identical to the strict path's
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]  # mypy cannot type an optional import

MAX_DEPTH = 32
_BOM = b"\xef\xbb\xbf"


class _NoFloat(Exception):
    pass


def _check_no_floats(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise ValueError("floats are not allowed in canonical headers")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def dumps(value: Any, *, floats: bool = True) -> bytes:
    """Canonical bytes of a JSON value."""
    if not floats:
        _check_no_floats(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest(value: Any) -> str:
    """SHA-256 of a value's canonical JSON."""
    return sha256_hex(dumps(value))


def _pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name):
    raise ValueError(f"{name} is not allowed")


def _no_float(text):
    raise _NoFloat(text)


def depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def loads(data: bytes | str, *, what: str = "JSON", max_bytes: int | None = None, floats: bool = True,
          max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON strictly; any problem is SyncRejected('malformed')."""
    if max_bytes is not None and len(data) > max_bytes:
        raise SyncRejected("zip_bomb", f"{what} is larger than {max_bytes} bytes")
    if orjson is not None and isinstance(data, bytes):
        value = _canonical_fast(data, floats, max_depth)
        if value is not _MISS:
            return value
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            raise SyncRejected("malformed", f"{what} starts with a byte order mark")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SyncRejected("malformed", f"{what} is not UTF-8") from None
    try:
        value = json.loads(data, object_pairs_hook=_pairs, parse_constant=_no_constant,
                           parse_float=None if floats else _no_float)
    except RecursionError:
        raise SyncRejected("malformed", f"{what} is nested too deeply") from None
    except _NoFloat:
        raise SyncRejected("malformed", f"{what} contains a float") from None
    except ValueError as exc:
        raise SyncRejected("malformed", f"{what} is not valid JSON ({exc})") from None
    if data.count("[") + data.count("{") > max_depth and depth(value) > max_depth:
        raise SyncRejected("malformed", f"{what} is nested too deeply")
    return value


BATCH = 50  # lines re-serialised in one call: orjson's fixed cost per call is most of a short line's


def loads_lines(lines: list[bytes], *, what: str = "JSON") -> list:
    """loads() of each line, in order (the first bad line raises). The canonical lines our writers send
    are parsed one call per line and re-serialised BATCH at a time, which is what a bundle's tens of
    thousands of ops cost; any batch that is not plainly canonical takes the line-by-line check."""
    if orjson is None:  # pragma: no cover
        return [loads(line, what=what) for line in lines]
    out: list = []
    for start in range(0, len(lines), BATCH):
        batch = lines[start:start + BATCH]
        values = _canonical_batch(batch)
        out += _loads_one_by_one(batch, what) if values is None else values
    return out


def _canonical_batch(lines: list[bytes]) -> list | None:
    """The parsed lines when every one is canonical JSON within MAX_DEPTH, else None.

    Each line is parsed on its own; then the list of values is written once and must give back
    exactly b"[" + b",".join(lines) + b"]". That implies each value re-serialises to exactly its
    own line (the per-line test of _canonical_fast): were value i's text shorter or longer than
    line i, one of the two would be a complete JSON value followed by a comma, which is not a
    valid JSON text, yet both are (the line parsed alone; the value's text is orjson's output)."""
    try:
        values = list(map(orjson.loads, lines))
        if orjson.dumps(values, option=_SORT) != b"[" + b",".join(lines) + b"]":
            return None
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError, ValueError, RecursionError):
        return None
    if max(map(len, b"\n".join(lines).translate(None, _NOT_OPENING).split(b"\n"))) > MAX_DEPTH:
        return None  # a line with more than MAX_DEPTH openings may be too deep: the strict reader decides
    return values


def _loads_one_by_one(lines: list[bytes], what: str) -> list:
    out: list = []
    append, parse, write, sort = out.append, orjson.loads, orjson.dumps, _SORT
    for line in lines:
        try:  # the same test as _canonical_fast, inlined
            value = parse(line)
            same = write(value, option=sort) == line
        except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError, ValueError, RecursionError):
            same = False
        if not same or (line.count(b"[") + line.count(b"{") > MAX_DEPTH and depth(value) > MAX_DEPTH):
            value = loads(line, what=what)  # the strict reader's verdict
        append(value)
    return out


_NOT_OPENING = bytes(set(range(256)) - set(b"[{\n"))  # translate() deletes these: openings and line ends stay


_MISS = object()
_SORT = orjson.OPT_SORT_KEYS if orjson is not None else 0


def _canonical_fast(data: bytes, floats: bool, max_depth: int):
    """Fast path for input that is already canonical JSON (what our writers send).

    The text is accepted here only when re-serialising the parsed value gives back exactly the
    same bytes: then it is valid UTF-8 without a byte order mark, has no duplicate keys (each
    key is written once), no NaN/Infinity, and the strict reader would return the same value.
    Anything else (including any orjson error) goes to the strict reader for its verdict."""
    try:
        value = orjson.loads(data)
        if orjson.dumps(value, option=_SORT) != data:
            return _MISS
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError, ValueError, RecursionError):
        return _MISS
    if not floats:
        try:
            _check_no_floats(value)
        except ValueError:
            return _MISS
    if data.count(b"[") + data.count(b"{") > max_depth and depth(value) > max_depth:
        return _MISS
    return value
