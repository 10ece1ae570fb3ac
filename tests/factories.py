"""Small builders for test data; each takes overrides for what a test cares about."""

import hashlib
import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from inspector_app.core import areas, catalog, establishments, evidence, inspections, signatures, users


@dataclass
class Basics:
    township_id: object
    village_id: object
    inspector_ids: list
    clerk_id: object
    restaurant_id: object


def seed_basics(session, *, with_areas: bool = True) -> Basics:
    """Checklists, 渔阳镇 with a village, two inspectors, a clerk and a restaurant.

    with_areas=False reuses the district's areas already in the store (a GUI
    context opens the store like `inspector init`, which adds them)."""
    catalog.install_shipped(session)
    if with_areas:
        district = areas.add(session, code="120119", name="蓟州区", level="district")
        session.flush()
        town = areas.add(session, code="120119100", name="渔阳镇", level="township", parent_id=district.id)
        session.flush()
        village = areas.add(session, code="120119100001", name="东关村", level="village", parent_id=town.id)
        session.flush()
    else:
        town = areas.find(session, "渔阳镇", level="township")
        village = areas.villages(session, town.id)[0]
    a = users.add(session, name="李明", role="inspector", credential_no="12011900001")
    b = users.add(session, name="王芳", role="inspector", credential_no="12011900002")
    clerk = users.add(session, name="赵静", role="clerk", credential_no="12011900003")
    restaurant = make_establishment(session, name="张三餐馆", licence_no="JY21201190012345")
    return Basics(town.id, village.id, [a.id, b.id], clerk.id, restaurant.id)


def make_establishment(session, **overrides):
    fields = {"name": "李记面馆", "category": "catering", "township": "渔阳镇"}
    fields.update(overrides)
    return establishments.add(session, **fields)


def answer_all(session, inspection_id, checklist, *, fail=(), na=(), values=None):
    """Answer every scored item: pass unless listed in fail or na."""
    values = values or {}
    for item in checklist.items.values():
        if item.id in values:
            inspections.record_answer(session, inspection_id, item_id=item.id, value=values[item.id])
        elif item.scored or item.kind == "check":
            answer = "fail" if item.id in fail else "na" if item.id in na else "pass"
            inspections.record_answer(session, inspection_id, item_id=item.id, answer=answer)


def make_inspection(session, basics, *, form="catering", establishment_id=None, fail=(), na=(),
                    finalize=False, **start):
    inspection = inspections.start(session, establishment_id=establishment_id or basics.restaurant_id,
                                   checklist_id=form, inspector_ids=basics.inspector_ids, **start)
    checklist = inspections.checklist_of(session, inspection)
    answer_all(session, inspection.id, checklist, fail=fail, na=na)
    if finalize:
        finalize_signed(session, inspection.id)
    return inspection


def finalize_signed(session, inspection_id, *, blobs=None, refusal=None, **finalize):
    """Finalize as the desktop does: a photo for each failed item the checklist wants photographed, then
    whoever has not signed yet signs (each inspector, and the operator unless `refusal` records the
    operator's refusal), through core's sign_and_finalize. Blobs go beside the database by default."""
    blobs = blobs or blobs_beside(session)
    inspection = inspections.get(session, inspection_id)
    for item_id in inspections.readiness(session, inspection)["missing_evidence"]:
        evidence.attach(session, blobs, inspection_id=inspection.id, source=photo_png(), item_id=item_id,
                        name=f"{item_id}.png")
    gaps = signatures.gaps(session, inspection)
    inspectors = {slot.split(":", 1)[1]: signature_png(n) for n, slot in enumerate(gaps, start=1)
                  if slot.startswith("inspector:")}
    operator_signs = "operator" in gaps and refusal is None
    return inspections.sign_and_finalize(session, blobs, inspection.id, inspectors=inspectors,
                                         operator=signature_png(9) if operator_signs else None,
                                         refusal=refusal if "operator" in gaps else None, **finalize)


def blobs_beside(session) -> Path:
    """The blobs folder next to the session's database file, where AppPaths puts it."""
    return Path(session.get_bind().url.database).parent / "blobs"


def signature_png(seed: int = 1) -> bytes:
    """A small hand-signature-like PNG, different for each seed."""
    image = Image.new("L", (240, 80), 255)
    ImageDraw.Draw(image).line([(10 + i * 12, 40 + (i * 37 * seed) % 30 - 15) for i in range(18)], fill=0, width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def photo_png(colour=(58, 123, 213)) -> bytes:
    """A tiny photo-like PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def fingerprint(database) -> dict[str, tuple[int, str]]:
    """(row count, hash of every row) for each table of a store, the outbox and the audit log included:
    equal before and after means the store is exactly as it was."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
        found = {}
        for table in sorted(tables):
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return found
    finally:
        connection.close()
