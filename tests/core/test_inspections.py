"""Running an inspection: start, answer, finalize, amend — and refusing bad input."""

import sqlite3

import pytest
from factories import answer_all, blobs_beside, finalize_signed, make_establishment, make_inspection, photo_png

from inspector_app.core import catalog, checklists, evidence, inspections, orders, signatures
from inspector_app.core.errors import NotFound, StateError, ValidationError
from inspector_app.core.paths import forms_dir


def counts(store):
    conn = sqlite3.connect(store.path)
    return [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("inspection", "answer", "inspection_inspector", "outbox", "audit_log")]


class TestStart:
    def test_needs_two_distinct_inspectors(self, seeded):
        store, basics = seeded
        with store.write() as session:
            with pytest.raises(ValidationError, match="at least 2 inspectors"):
                inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                  inspector_ids=basics.inspector_ids[:1])
            with pytest.raises(ValidationError, match="named twice"):
                inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                  inspector_ids=[basics.inspector_ids[0]] * 2)

    def test_a_clerk_is_not_an_inspector(self, seeded):
        store, basics = seeded
        with store.write() as session, pytest.raises(ValidationError, match="not an active inspector"):
            inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                              inspector_ids=[basics.inspector_ids[0], basics.clerk_id])

    def test_the_checklist_must_fit_the_category(self, seeded):
        store, basics = seeded
        with store.write() as session, pytest.raises(ValidationError, match="pick a checklist"):
            inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="food_sales",
                              inspector_ids=basics.inspector_ids)

    def test_unknown_establishment_and_checklist(self, seeded):
        store, basics = seeded
        with store.write() as session:
            with pytest.raises(NotFound, match="no establishment"):
                inspections.start(session, establishment_id="01a2224a-d66c-78cd-9fc0-186edd0fe87d",
                                  checklist_id="catering", inspector_ids=basics.inspector_ids)
            with pytest.raises(NotFound, match="no checklist"):
                inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="nope",
                                  inspector_ids=basics.inspector_ids)

    def test_records_the_exact_checklist_version(self, seeded):
        store, basics = seeded
        newest = max(c.version for c in checklists.load_directory(forms_dir()) if c.id == "catering")
        with store.write() as session:
            inspection = make_inspection(session, basics)
            assert (inspection.checklist_id, inspection.checklist_version) == ("catering", newest)

    def test_an_inspection_begun_on_an_older_version_keeps_it(self, seeded):
        """A version never changes and every inspection records the one it used (docs/architecture.md
        "Forms are data"): a draft begun on catering v1 is answered and finalized on v1 after v2 is installed."""
        store, basics = seeded
        with store.write() as session:
            assert catalog.get(session, "catering").version > 1
            older = make_inspection(session, basics, version=1, fail=("4.2",), finalize=True)
            assert (older.checklist_version, older.status) == (1, "finalized")
            kept = inspections.checklist_of(session, older)
            assert kept.version == 1 and kept.items["4.2"].violation is None


class TestAnswers:
    @pytest.mark.parametrize("kwargs, message", [
        ({"item_id": "99.9", "answer": "pass"}, "not in checklist"),
        ({"item_id": "1.1", "answer": "maybe"}, "pass, fail or na"),
        ({"item_id": "1.1"}, "answer pass, fail or na"),
    ])
    def test_bad_answers_are_refused_and_name_the_item(self, seeded, kwargs, message):
        store, basics = seeded
        with store.write() as session:
            inspection = inspections.start(session, establishment_id=basics.restaurant_id,
                                           checklist_id="catering", inspector_ids=basics.inspector_ids)
            with pytest.raises(ValidationError, match=message) as err:
                inspections.record_answer(session, inspection.id, **kwargs)
            assert err.value.field == f"items.{kwargs['item_id']}"

    def test_a_failed_command_leaves_the_store_as_it_was(self, seeded):
        store, basics = seeded
        before = counts(store)
        with pytest.raises(ValidationError), store.write() as session:
            inspection = inspections.start(session, establishment_id=basics.restaurant_id,
                                           checklist_id="catering", inspector_ids=basics.inspector_ids)
            inspections.record_answer(session, inspection.id, item_id="1.1", answer="pass")
            inspections.record_answer(session, inspection.id, item_id="1.2", answer="maybe")
        assert counts(store) == before


class TestFinalize:
    def test_refuses_while_items_are_unanswered(self, seeded):
        store, basics = seeded
        with store.write() as session:
            inspection = inspections.start(session, establishment_id=basics.restaurant_id,
                                           checklist_id="catering", inspector_ids=basics.inspector_ids)
            inspections.record_answer(session, inspection.id, item_id="1.1", answer="pass")
            with pytest.raises(ValidationError, match="still need an answer"):
                inspections.finalize(session, inspection.id)

    def test_fixes_result_handling_deadline_and_issues_an_order(self, seeded):
        store, basics = seeded
        with store.write() as session:
            checklist = catalog.get(session, "catering")
            key = [i.id for i in checklist.items.values() if i.key]
            general = [i.id for i in checklist.items.values() if not i.key]
            inspection = make_inspection(session, basics, fail=[key[0], general[0]], finalize=True)
            assert inspection.status == "finalized"
            assert inspection.result == "basically_compliant" and inspection.handling == "rectify"
            assert inspection.rectification_deadline is not None
            assert len(inspection.content_sha256) == 64
            assert inspection.rules_edition == 2 and inspection.case_filing  # the key failure: Order 49 Art. 32
            (order,) = orders.for_inspection(session, inspection.id)
            assert order.failed_items == [general[0]]  # the written order: Art. 33 ¶2 items only
            assert order.deadline == inspection.rectification_deadline

    def test_a_compliant_inspection_issues_no_order(self, seeded):
        store, basics = seeded
        with store.write() as session:
            inspection = make_inspection(session, basics, finalize=True)
            assert inspection.result == "compliant" and inspection.handling == "pass"
            assert orders.for_inspection(session, inspection.id) == []

    def test_finalized_inspections_refuse_new_answers(self, seeded):
        store, basics = seeded
        with store.write() as session:
            inspection = make_inspection(session, basics, finalize=True)
            with pytest.raises(StateError, match="amendment"):
                inspections.record_answer(session, inspection.id, item_id="1.1", answer="fail")


class TestHazard:
    def test_a_draft_can_be_marked_and_the_handling_becomes_stop(self, seeded):
        store, basics = seeded
        with store.write() as session:
            checklist = catalog.get(session, "catering")
            key = [i.id for i in checklist.items.values() if i.key]
            inspection = make_inspection(session, basics, fail=key[:3])
            assert inspections.outcome(session, inspection).handling == "rectify"
            inspections.set_hazard(session, inspection.id, hazard=True, actor_id=basics.inspector_ids[0])
            assert inspection.hazard is True
            assert inspections.outcome(session, inspection).result == "non_compliant"
            assert inspections.outcome(session, inspection).handling == "stop"
            inspection_id = inspection.id
        conn = sqlite3.connect(store.path)
        audit = conn.execute("SELECT entity_id, detail FROM audit_log WHERE action = 'inspection.hazard'").fetchall()
        changes = conn.execute("SELECT changed FROM outbox WHERE entity = 'inspection' AND op = 'update'").fetchall()
        conn.close()
        assert audit == [(str(inspection_id), '{"hazard": true}')]
        assert any("hazard" in changed for (changed,) in changes)
        with store.write() as session:
            inspections.set_hazard(session, inspection_id, hazard=False)
            assert inspections.outcome(session, inspections.get(session, inspection_id)).handling == "rectify"

    def test_a_finalized_inspection_refuses_it(self, seeded):
        store, basics = seeded
        with store.write() as session:
            inspection = make_inspection(session, basics, finalize=True)
            with pytest.raises(StateError, match="amendment"):
                inspections.set_hazard(session, inspection.id, hazard=True)
            assert inspection.hazard is False


class TestAmendments:
    def test_an_amendment_names_the_inspection_it_corrects(self, seeded):
        store, basics = seeded
        with store.write() as session:
            original = make_inspection(session, basics, finalize=True)
            fix = make_inspection(session, basics, fail=["1.1"], amends_id=original.id, finalize=True)
            assert fix.amends_id == original.id and original.status == "finalized"
            with pytest.raises(StateError, match="amended already"):
                inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                  inspector_ids=basics.inspector_ids, amends_id=original.id)

    def test_start_amendment_copies_answers_photos_and_inspectors_but_not_signatures(self, seeded):
        store, basics = seeded
        with store.write() as session:
            original = make_inspection(session, basics, fail=["3.1", "5.2"], hazard=True)
            inspections.record_answer(session, original.id, item_id="5.2", answer="fail", note="地面积水")
            evidence.attach(session, blobs_beside(session), inspection_id=original.id, source=photo_png((9, 9, 9)),
                            item_id="5.2")
            finalize_signed(session, original.id)
            original_id = original.id
        with store.write() as session:
            draft = inspections.start_amendment(session, str(original_id), actor_id=basics.inspector_ids[1])
            draft_id = draft.id
        with store.session() as session:
            draft, original = inspections.get(session, draft_id), inspections.get(session, original_id)
            assert (draft.status, draft.amends_id, draft.hazard) == ("draft", original_id, True)
            assert inspections.amended_by(session, original_id) == str(draft_id)
            assert inspections.answers_of(session, draft) == inspections.answers_of(session, original)
            assert signatures.inspector_ids(session, draft_id) == basics.inspector_ids
            photos = sorted((row.item_id, row.sha256) for row in evidence.photos(session, draft_id))
            assert photos == sorted((row.item_id, row.sha256) for row in evidence.photos(session, original_id))
            assert len(photos) == 2
            assert signatures.gaps(session, draft) == [*(f"inspector:{i}" for i in basics.inspector_ids), "operator"]
        with pytest.raises(StateError, match="amended already"), store.write() as session:
            inspections.start_amendment(session, original_id)

    def test_a_draft_cannot_be_amended(self, seeded):
        store, basics = seeded
        with store.write() as session:
            draft = make_inspection(session, basics)
            with pytest.raises(StateError, match="only a finalized"):
                inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                  inspector_ids=basics.inspector_ids, amends_id=draft.id)
            with pytest.raises(StateError, match="only a finalized"):
                inspections.start_amendment(session, draft.id)


def test_school_canteen_checklist_logic_and_values(seeded):
    store, basics = seeded
    with store.write() as session:
        school = make_establishment(session, name="渔阳镇第一小学食堂", category="school_canteen")
        checklist = catalog.get(session, "school_canteen")
        numbers = [i for i in checklist.items.values() if i.kind == "number" and i.range]
        assert numbers, "the school checklist measures something (留样量)"
        inspection = inspections.start(session, establishment_id=school.id, checklist_id="school_canteen",
                                       inspector_ids=basics.inspector_ids)
        values = {numbers[0].id: (numbers[0].range.min or 0) - 1}
        answer_all(session, inspection.id, checklist, values=values)
        outcome = inspections.outcome(session, inspection)
        assert numbers[0].id in outcome.tally.failed
        with pytest.raises(ValidationError, match="must be a number"):
            inspections.record_answer(session, inspection.id, item_id=numbers[0].id, value="heavy")


def test_the_content_hash_survives_a_reload(seeded):
    store, basics = seeded
    with store.write() as session:
        from factories import make_establishment as make
        shop = make(session, name="冷冻食品店", category="food_sales")
        checklist = catalog.get(session, "food_sales")
        number = next(i for i in checklist.items.values() if i.kind == "number")
        inspection = inspections.start(session, establishment_id=shop.id, checklist_id="food_sales",
                                       inspector_ids=basics.inspector_ids)
        answer_all(session, inspection.id, checklist, values={number.id: -20.0})
        finalize_signed(session, inspection.id)
        stored, inspection_id = inspection.content_sha256, inspection.id
    with store.session() as session:
        assert inspections.content_hash(session, inspections.get(session, inspection_id)) == stored
