"""The district's settings on a laptop: the verification address its notices' QR codes carry, and the
复议机关 and court its orders name (docs/sync-protocol.md §9.5).

The district owns them (`inspector central settings --verify-url/--review-body/--court`); they arrive
signed — in the enrolment file as a document signed by an enrolment key, in
every downward bundle's header, which central's signing key signs
(docs/sync-protocol.md §3, §6) — and is kept in `sync_enrolment.district`
with the HLC it was sent at, so an older bundle imported late never undoes a
newer address. A laptop never told one keeps its own old `verify_base_url`
setting (core/notices/address.py own_base). Nobody on the laptop edits it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..notices.address import check_district
from . import crypto

if TYPE_CHECKING:
    from ..models import SyncEnrolment

KIND = "fsi-district/1"
check = check_district


def signed_doc(keys, values: dict, hlc: int) -> dict:
    """Central side: the district document an enrolment file carries ({verify_url, review_body, court},
    those set), signed by the enrolment key."""
    body = {"kind": KIND, "central": keys.name, **values, "hlc": hlc,
            "issued_at": datetime.now(UTC).isoformat(timespec="seconds")}
    return crypto.sign_doc(body, keys.current("enrolment"))


def from_enrolment(doc: dict, enrolment_keys: dict[str, bytes]) -> tuple[dict, int] | None:
    """The settings an enrolment file carries (verified against the pinned enrolment keys), with their HLC;
    None for an older file without them. A forged or broken one raises SyncRejected."""
    if "district" not in doc:
        return None
    body = crypto.verify_doc(doc["district"], enrolment_keys, "the district settings")
    values = check(body) if body.get("kind") == KIND else None
    hlc = body.get("hlc")
    if values is None or not isinstance(hlc, int) or isinstance(hlc, bool):
        return None
    return values, hlc


def remember(row: SyncEnrolment | None, values: dict | None, hlc: int) -> bool:
    """Keep `values` on the enrolment row unless it has settings sent later; True if they changed."""
    if values is None or row is None:
        return False
    held = row.district or {}
    if held.get("hlc", -1) > hlc:
        return False
    changed = {k: v for k, v in held.items() if k != "hlc"} != values
    row.district = {**values, "hlc": hlc}  # a new dict: the JSON column sees the change
    return changed
