"""Small builders for test data; each takes overrides for what a test cares about."""

from dataclasses import dataclass

from inspector_app.core import areas, catalog, establishments, inspections, users


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
    checklist = catalog.get(session, form)
    answer_all(session, inspection.id, checklist, fail=fail, na=na)
    if finalize:
        inspections.finalize(session, inspection.id)
    return inspection
