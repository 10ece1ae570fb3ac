"""A checklist as a re-inspection (复查) sees it: only the items its rectification order lists.

Order 49 Art. 33 ¶2: the bureau follows up the rectification and records its
result, so a re-inspection checks the items the order named, every one of them,
and nothing else; the rules (core/rules.py) count those items only. Pure: the
laptop's ORM path, its read-only path (core/reads/) and central's record check
all wrap the checklist they hold in the same way.
"""

from __future__ import annotations

from types import SimpleNamespace

ALL_ITEMS = SimpleNamespace(mode="all", min_key=0, min_general=0)


class RecheckChecklist:
    """The checklist, narrowed to `items` (the order's failed items, in the checklist's order).

    Every listed item must be answered (coverage "all") whatever the checklist's
    own skip logic says: the order named it, so it is checked again.
    """

    def __init__(self, checklist, items):
        self.whole = checklist
        self.order_items = tuple(item for item in checklist.items if item in set(items))
        self.coverage = ALL_ITEMS

    def __getattr__(self, name):
        return getattr(self.whole, name)

    def relevant_items(self, answers: dict[str, dict], category: str | None = None) -> list:
        return [self.whole.items[item] for item in self.order_items]

    def on_order(self, item_id: str) -> bool:
        return item_id in self.order_items


def narrowed(checklist, order_items):
    """`checklist` narrowed to a re-inspection's order items; the checklist itself when `order_items` is None."""
    whole = getattr(checklist, "whole", checklist)
    return whole if order_items is None else RecheckChecklist(whole, order_items)


def order_closes(order_items, outcomes: dict[str, str | None]) -> bool:
    """Whether a re-inspection closes its order: every item the order lists passes (Order 49 Art. 33 ¶2).

    `outcomes` is item → pass / fail / na / None (core/rules.item_outcome); an item
    found not applicable or not checked does not show the failure was corrected."""
    return bool(order_items) and all(outcomes.get(item) == "pass" for item in order_items)
