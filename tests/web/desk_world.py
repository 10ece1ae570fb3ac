"""The desk tests' world: a district with two laptops' work synced, a likely duplicate flagged, and staff."""

from __future__ import annotations

import re
from pathlib import Path

from sync_world import World

from inspector_app.central import duplicates, staff
from inspector_app.core import catalog

ADMIN_PASSWORD, CLERK_PASSWORD = "正确的马电池订书钉2026", "clerk-password-1"


def desk_world(root: Path) -> World:
    """Two laptops: one inspects two places in two townships (one with a failed item, so an order); the other
    registers both places again (two likely duplicates, flagged as conflicts)."""
    world = World(root)
    a, b = world.laptop("a"), world.laptop("b")
    first = a.add_establishment(name="张记小吃")
    a.inspect(first)
    a.inspect(a.add_establishment(name="洇溜饭庄", township="洇溜镇"), fail=[general_item(a)])  # an order
    b.add_establishment(name="张记小吃")
    b.add_establishment(name="洇溜饭庄", township="洇溜镇")
    world.up(a)
    world.up(b)
    duplicates.find(world.central)
    staff.create(world.central, username="wang", display_name="王芳", role=staff.ADMIN, password=ADMIN_PASSWORD)
    staff.create(world.central, username="li", display_name="李明", role=staff.CLERK, password=CLERK_PASSWORD)
    return world


def general_item(laptop) -> str:
    """A scored catering item that is not a key item: failing it gives 基本符合 and a rectification order."""
    with laptop.store.session() as s:
        checklist = catalog.get(s, "catering")
        return next(i.id for i in checklist.relevant_items({}, "catering") if i.scored and not i.key)


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field on the page"
    return found.group(1)


def sign_in(client, username: str, password: str):
    """Open the sign-in form (for its token) and post it; returns the response."""
    form = client.get("/desk/signin").text
    return client.post("/desk/signin", data={"username": username, "password": password,
                                             "signin_token": field(form, "signin_token"), "next": "/desk/"})
