"""Per-entity conflict rules (docs/sync-protocol.md §8.2): field classes and the order state machine."""

from __future__ import annotations

from dataclasses import dataclass, field

LOCAL_ONLY = frozenset({"version", "server_version", "server_usn"})
BOOKKEEPING = frozenset({"id", "created_at", "updated_at"}) | LOCAL_ONLY
RANK = {None: 0, "soft": 1, "gap": 2, "hard": 3}


@dataclass(frozen=True)
class Policy:
    """How central merges a laptop's update of one entity.

    authoritative: central keeps its value when both changed it (hard conflict);
    observational: the later observation by HLC wins, the loser is logged (soft);
    central_only: a laptop's change is ignored (and logged).
    Fields in none of them are treated as authoritative.
    """

    observational: frozenset = field(default_factory=frozenset)
    central_only: frozenset = field(default_factory=frozenset)
    deletable: bool = False


POLICIES = {
    # Authoritative: legal name, licence number and type, credit code, category, legal representative,
    # township/village (docs/sync-protocol.md §8.2), plus risk grade and address (registration data).
    "establishment": Policy(observational=frozenset({"phone", "contact_person", "status", "gps", "opening_hours",
                                                     "premises_photos"}),
                            central_only=frozenset({"provisional"})),
    "user": Policy(central_only=frozenset({"role", "active"})),
    "rectification_order": Policy(central_only=frozenset({"inspection_id", "establishment_id"})),
}
REGISTRY = ("area", "checklist", "user", "establishment", "assignment", "revoked_device")  # flows down

# Rectification orders: status is a fold over events (hlc, event id) through this machine.
ORDER_ALLOWED = {
    "issued": {"acknowledged", "in_progress", "verified", "overdue", "closed", "cancelled"},
    "acknowledged": {"in_progress", "verified", "overdue", "closed", "cancelled"},
    "in_progress": {"verified", "overdue", "closed", "cancelled"},
    "overdue": {"verified", "escalated", "closed", "cancelled"},
    "escalated": {"verified", "closed", "cancelled"},
    "verified": {"closed"},
    "closed": set(),
    "cancelled": set(),
}
# A laptop may escalate an overdue order (the bureau's decision to file a case, made on the laptop) and
# close one by a re-inspection central holds in which every listed item passed (Order 49 Art. 33 ¶2):
# apply.py marks such a `closed` event "recheck". Cancelling, and closing otherwise, is central's.
CENTRAL_ONLY_EVENTS = {"cancelled", "closed"}


def fold_order(events: list[dict]) -> tuple[str, list[dict]]:
    """(status, invalid events). Central's cancel/close dominate whatever the laptops' clocks say."""
    state, invalid = "issued", []
    for event in sorted(events, key=lambda e: (e["hlc"], e["id"])):
        status, central = event["status"], event["source"] == "central"
        if status == state:
            continue
        by_recheck = status == "closed" and bool(event.get("recheck"))
        if status in CENTRAL_ONLY_EVENTS and not central and not by_recheck:
            invalid.append(event)
        elif central and status in ("cancelled", "closed"):
            state = status
        elif status not in ORDER_ALLOWED.get(state, ()):
            invalid.append(event)
        elif status == "verified" and not event.get("ref"):
            invalid.append(event)  # verified needs the signed re-inspection
        else:
            state = status
    central_final = [e for e in events if e["source"] == "central" and e["status"] in ("cancelled", "closed")]
    if central_final:
        state = max(central_final, key=lambda e: (e["hlc"], e["id"]))["status"]
    return state, invalid


def worse(a: str | None, b: str | None) -> str | None:
    return a if RANK[a] >= RANK[b] else b
