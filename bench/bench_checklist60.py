"""A 60-item checklist for the opening benchmark: food sales items plus 17 more, built from the shipped form."""

from __future__ import annotations


def install_and_start(context):
    from inspector_app.core import catalog, checklists, establishments, inspections, users
    with context.store.write() as session:
        base = catalog.get(session, "food_sales").model_dump(mode="json", by_alias=True)
        base.update(id="bench_sixty", version=1)
        extra = {"id": "X", "title": {"zh": "附加", "en": "Extra"}, "items": [
            {"id": f"X.{n}", "text": {"zh": f"附加检查项目{n}", "en": f"Extra item {n}"}, "key": n % 5 == 0}
            for n in range(1, 61 - sum(len(s["items"]) for s in base["sections"]))]}
        base["sections"].append(extra)
        sixty = checklists.parse(base, source="bench")
        assert len(sixty.items) == 60
        catalog.install(session, sixty)
        shop = establishments.find_ids(session, category="food_sales")[0]
        team = [u.id for u in users.list_users(session, "inspector")][:2]
        return inspections.start(session, establishment_id=shop, checklist_id="bench_sixty",
                                 inspector_ids=team).id
