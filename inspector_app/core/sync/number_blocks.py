"""Number blocks on the wire: what the district grants a laptop and what the laptop reports back.

Down, a block travels as a `number_block` registry row addressed to its laptop
only, and the enrolment file carries the first blocks as a document signed by
an enrolment key (docs/sync-protocol.md §6, §9.2). Up, the header's
`numbers_used` says how many numbers of its blocks the laptop has used per kind
and year (§3): a count that only grows, so a report that crosses a block on
its way down never asks twice. Both sides check shapes here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..errors import ValidationError
from ..notices.numbering import PREFIX_MAX, check_prefix, store_block
from . import crypto
from .errors import SyncRejected

KIND = "fsi-numbers/1"
MAX_BLOCK = 100_000  # numbers in one block: far above any district's year
MAX_REPORTS = 64  # (kind, year) pairs in one header
KIND_MAX = 32


def _int(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def check_block(data) -> dict:
    """A block's data {kind, year, first, last, prefix} as sent; SyncRejected('invalid_op') otherwise."""
    ok = (isinstance(data, dict) and isinstance(data.get("kind"), str) and 0 < len(data["kind"]) <= KIND_MAX
          and _int(data.get("year"), 1000, 9999) and _int(data.get("first"), 1, 10 ** 9)
          and _int(data.get("last"), 1, 10 ** 9) and 0 <= data["last"] - data["first"] < MAX_BLOCK
          and isinstance(data.get("prefix"), str) and len(data["prefix"]) <= PREFIX_MAX)
    if ok:
        try:
            check_prefix(data["prefix"])
        except ValidationError:
            ok = False
    if not ok:
        raise SyncRejected("invalid_op", "a number_block row is malformed")
    return {k: data[k] for k in ("kind", "year", "first", "last", "prefix")}


def apply_row(session, row: dict) -> bool:
    """Keep one downward `number_block` row (an older copy than the one held is ignored)."""
    if not _int(row.get("usn"), 0, 2 ** 62):
        raise SyncRejected("invalid_op", "a number_block row has no usn")
    return store_block(session, row["id"], check_block(row.get("data")), row["usn"])


def signed_doc(keys, grant_serial: str, rows: list[dict]) -> dict:
    """Central side: the first blocks of an enrolment file, bound to its grant, signed by the enrolment key."""
    body = {"kind": KIND, "central": keys.name, "grant_serial": grant_serial, "blocks": rows,
            "issued_at": datetime.now(UTC).isoformat(timespec="seconds")}
    return crypto.sign_doc(body, keys.current("enrolment"))


def from_enrolment(doc: dict, enrolment_keys: dict[str, bytes], grant_serial: str) -> list[dict]:
    """The blocks an enrolment file carries, verified and for this grant; none in a file from before them."""
    if "numbers" not in doc:
        return []
    body = crypto.verify_doc(doc["numbers"], enrolment_keys, "the document numbers")
    if body.get("kind") != KIND or body.get("grant_serial") != grant_serial or not isinstance(body.get("blocks"),
                                                                                               list):
        raise SyncRejected("malformed", "the document numbers belong to another enrolment")
    for row in body["blocks"]:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise SyncRejected("invalid_op", "a number_block row is malformed")
        check_block(row.get("data"))
    return body["blocks"]


def read_report(header: dict) -> list[tuple[str, int, int]]:
    """Central side: the header's `numbers_used` as (kind, year, used); entries it cannot read are left out
    (an upward bundle is never refused for them: it is cumulative and would be refused again)."""
    value = header.get("numbers_used")
    if not isinstance(value, list):
        return []
    out = []
    for entry in value[:MAX_REPORTS]:
        if (isinstance(entry, dict) and isinstance(entry.get("kind"), str) and 0 < len(entry["kind"]) <= KIND_MAX
                and _int(entry.get("year"), 1000, 9999) and _int(entry.get("used"), 0, 10 ** 9)):
            out.append((entry["kind"], entry["year"], entry["used"]))
    return out
