"""The inspection's outcome by Order 49 (《食品生产经营监督检查管理办法》) Arts. 31–33, item by item.

Art. 31 ¶2: 「有发生食品安全事故潜在风险的，食品生产经营者应当立即停止生产经营活动。」
Art. 32: 「发现食品生产经营者不符合监督检查要点表重点项目，影响食品安全的，市场监督管理部门应当依法进行调查处理。」
Art. 33 ¶1–2: a general item that is minor is put right on the spot (recorded) or by a written order with a
deadline; ¶3: 「不符合监督检查要点表一般项目，影响食品安全的，市场监督管理部门应当依法进行调查处理。」

Records finalized before this (rules edition 1) keep computing, hashing and passing central's check as
they were signed.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import answer_all, finalize_signed
from old_stores import names, unpack
from sqlmodel import select

from inspector_app.central import record_check
from inspector_app.core import catalog, checklists, inspections, orders, rules
from inspector_app.core.errors import ValidationError
from inspector_app.core.models import Answer
from inspector_app.core.rules import BASIC, CASE, COMPLIANT, NON_COMPLIANT, ON_SPOT, ORDER, PASS, RECTIFY, STOP

DAY = date(2026, 11, 28)


def _checklist():
    """Two key items (k1: 3 days to fix) and four general ones (g1: 5 days, the rest 15), the 2016 rule."""
    items = [{"id": "k1", "text": {"zh": "甲", "en": "A"}, "key": True, "rectify_days": 3},
             {"id": "k2", "text": {"zh": "乙", "en": "B"}, "key": True},
             {"id": "g1", "text": {"zh": "丙", "en": "C"}, "rectify_days": 5}]
    items += [{"id": f"g{n}", "text": {"zh": f"丁{n}", "en": f"D{n}"}} for n in (2, 3, 4)]
    return checklists.parse({
        "id": "t", "version": 1, "title": {"zh": "测", "en": "T"}, "categories": ["catering"],
        "rule": {"name": "ratio_2016"}, "default_rectify_days": 15,
        "sections": [{"id": "1", "title": {"zh": "一", "en": "One"}, "items": items}]}, source="test")


def answers(*failed: str, **marks: dict) -> dict:
    """Every item passes but `failed`; marks: item → its marks, e.g. g1={"fixed_on_spot": True, "fix_note": "…"}."""
    given = {i: {"answer": "fail" if i in failed else "pass"} for i in ("k1", "k2", "g1", "g2", "g3", "g4")}
    for item_id, extra in marks.items():
        given[item_id].update(extra)
    return given


FIXED = {"fixed_on_spot": True, "fix_note": "当场清理并消毒"}
UNSAFE = {"affects_safety": True}
# One set of answers per result under the 2016 rule: nothing fails; one general item of four fails (75% ≥ 70%);
# two key items fail.
BY_RESULT = {COMPLIANT: answers(), BASIC: answers("g1"), NON_COMPLIANT: answers("k1", "k2")}


# Art. 31 ¶2: the hazard mark stops operations whatever the result

@pytest.mark.parametrize("result, hazard, edition, handling", [
    (COMPLIANT, True, 2, STOP),        # Art. 31 ¶2: the latent risk alone stops operations
    (BASIC, True, 2, STOP),            # … as it does with a basically compliant result
    (NON_COMPLIANT, True, 2, STOP),
    (COMPLIANT, False, 2, PASS),       # Art. 31 ¶1: without the mark the result decides
    (BASIC, False, 2, RECTIFY),
    (NON_COMPLIANT, False, 2, RECTIFY),
    (COMPLIANT, True, 1, PASS),        # edition 1 (older records): a stop only with 不符合
    (BASIC, True, 1, RECTIFY),
    (NON_COMPLIANT, True, 1, STOP),
])
def test_a_latent_risk_always_stops_operations_art_31(result, hazard, edition, handling):
    outcome = rules.evaluate(_checklist(), BY_RESULT[result], hazard=hazard, on=DAY, edition=edition)
    assert (outcome.result, outcome.handling) == (result, handling)


# Arts. 32, 33: what follows each failed item

@pytest.mark.parametrize("given, result, treatments, case_filing, order_items, deadline", [
    # Art. 32: a failed key item goes to 调查处理 whatever the result; it is not on the written order
    (answers("k1"), BASIC, {"k1": CASE}, True, [], None),
    (answers("k1", "k2"), NON_COMPLIANT, {"k1": CASE, "k2": CASE}, True, [], None),
    (answers("k1", k1=FIXED), BASIC, {"k1": CASE}, True, [], None),  # a fix on the spot does not end a case
    # Art. 33 ¶1–2: a minor general item is ordered in writing, with its deadline
    (answers("g1"), BASIC, {"g1": ORDER}, False, ["g1"], date(2026, 12, 3)),
    (answers("k1", "g2"), BASIC, {"k1": CASE, "g2": ORDER}, True, ["g2"], date(2026, 12, 13)),
    # Art. 33 ¶3: a general item affecting food safety goes to 调查处理 as well
    (answers("g1", g1=UNSAFE), BASIC, {"g1": CASE}, True, [], None),
    (answers("g1", g1={**FIXED, **UNSAFE}), BASIC, {"g1": CASE}, True, [], None),
    # Art. 33 ¶2: fixed on the spot: recorded, no written order, still counted in the result
    (answers("g1", g1=FIXED), BASIC, {"g1": ON_SPOT}, False, [], None),
    (answers("g1", "g2", g1=FIXED), NON_COMPLIANT, {"g1": ON_SPOT, "g2": ORDER}, False, ["g2"], date(2026, 12, 13)),
    (answers("g1", "g2", g1=FIXED, g2=FIXED), NON_COMPLIANT, {"g1": ON_SPOT, "g2": ON_SPOT}, False, [], None),
])
def test_each_failure_goes_to_a_case_a_fix_on_the_spot_or_the_written_order(given, result, treatments, case_filing,
                                                                            order_items, deadline):
    outcome = rules.evaluate(_checklist(), given, on=DAY, edition=2)
    assert outcome.result == result  # every failure counts, fixed or not (g1 + g2 failing: 2/4 = 50% < 70%)
    assert outcome.treatments == treatments
    assert outcome.case_filing is case_filing
    assert outcome.order_items == order_items
    assert outcome.rectification_deadline == deadline


@pytest.mark.parametrize("given, result, handling, case_filing, order_items, deadline", [
    # edition 1, as records finalized before edition 2 were decided: marks change nothing
    (answers("k1"), BASIC, RECTIFY, False, ["k1"], date(2026, 12, 1)),
    (answers("k1", "k2"), NON_COMPLIANT, RECTIFY, True, ["k1", "k2"], date(2026, 12, 1)),
    (answers("g1", g1=FIXED), BASIC, RECTIFY, False, ["g1"], date(2026, 12, 3)),
    (answers("g1", g1=UNSAFE), BASIC, RECTIFY, False, ["g1"], date(2026, 12, 3)),
    (answers(), COMPLIANT, PASS, False, [], None),
])
def test_edition_1_records_compute_as_before(given, result, handling, case_filing, order_items, deadline):
    outcome = rules.evaluate(_checklist(), given, on=DAY, edition=1)
    assert (outcome.result, outcome.handling, outcome.case_filing) == (result, handling, case_filing)
    assert (outcome.order_items, outcome.rectification_deadline) == (order_items, deadline)
    assert outcome == rules.evaluate(_checklist(), given, on=DAY)  # the default stays edition 1


@pytest.mark.parametrize("edition", [0, 3, None, True, "2"])
def test_an_unknown_edition_is_refused(edition):
    with pytest.raises(ValidationError) as caught:
        rules.evaluate(_checklist(), answers("g1"), on=DAY, edition=edition)
    assert caught.value.code == "checklists.unknown_rules_edition"


# The marks on an answer (core/failure_marks.py), through the store

def _draft(session, basics, *, fail=()):
    inspection = inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                   inspector_ids=basics.inspector_ids)
    checklist = catalog.get(session, "catering")
    answer_all(session, inspection.id, checklist, fail=fail)
    return inspection, checklist


@pytest.mark.parametrize("answer, marks, code", [
    ("pass", {"fixed_on_spot": True, "fix_note": "已清理"}, "inspection.mark_needs_failure"),  # only a failure
    ("na", {"affects_safety": True}, "inspection.mark_needs_failure"),
    ("fail", {"fixed_on_spot": True}, "inspection.fix_note_needed"),  # Art. 33 ¶2: the fix is recorded
    ("fail", {"fixed_on_spot": True, "fix_note": "   "}, "inspection.fix_note_needed"),
    ("fail", {"fix_note": "已清理"}, "inspection.fix_note_without_fix"),
    ("fail", {"fixed_on_spot": "yes", "fix_note": "已清理"}, "inspection.mark_not_bool"),
    ("fail", {"affects_safety": 1}, "inspection.mark_not_bool"),
    ("fail", {"fixed_on_spot": True, "fix_note": "x" * 2001}, "limits.too_long"),
])
def test_bad_marks_are_refused_and_leave_the_answer_as_it_was(seeded, answer, marks, code):
    store, basics = seeded
    with store.write() as session:
        inspection, checklist = _draft(session, basics)
        general = next(i.id for i in checklist.items.values() if not i.key and i.kind == "check")
        before = inspections.answers_of(session, inspection)[general]
        with pytest.raises(ValidationError) as caught:
            inspections.record_answer(session, inspection.id, item_id=general, answer=answer, **marks)
        assert caught.value.code == code and caught.value.field == f"items.{general}"
        session.expire_all()
        assert inspections.answers_of(session, inspection)[general] == before


def test_every_failure_fixed_on_the_spot_issues_no_order_but_still_counts(seeded):
    """Art. 33 ¶2: recorded, not ordered in writing; the failures stay in the tally and the result."""
    store, basics = seeded
    with store.write() as session:
        checklist = catalog.get(session, "catering")
        general = [i.id for i in checklist.items.values() if not i.key and i.scored][:2]
        inspection, _ = _draft(session, basics, fail=general)
        for item_id in general:
            inspections.record_answer(session, inspection.id, item_id=item_id, answer="fail",
                                      fixed_on_spot=True, fix_note=f"{item_id} 当场整改完毕")
        finalize_signed(session, inspection.id)
        assert (inspection.result, inspection.handling, inspection.case_filing) == (BASIC, RECTIFY, False)
        assert inspection.rules_edition == rules.EDITION and inspection.rectification_deadline is None
        assert orders.for_inspection(session, inspection.id) == []
        outcome = inspections.outcome(session, inspection)
        assert outcome.tally.general_failed == general
        assert outcome.treatments == dict.fromkeys(general, ON_SPOT)
        assert inspections.content_hash(session, inspection) == inspection.content_sha256


def test_a_key_failure_proposes_a_case_and_only_the_minor_item_is_ordered(seeded):
    store, basics = seeded
    with store.write() as session:
        checklist = catalog.get(session, "catering")
        key = next(i.id for i in checklist.items.values() if i.key)
        minor, unsafe = [i.id for i in checklist.items.values() if not i.key and i.scored][:2]
        inspection, _ = _draft(session, basics, fail=[key, minor, unsafe])
        inspections.record_answer(session, inspection.id, item_id=unsafe, answer="fail", affects_safety=True)
        finalize_signed(session, inspection.id)
        assert inspection.case_filing  # Art. 32 and Art. 33 ¶3
        (order,) = orders.for_inspection(session, inspection.id)
        assert order.failed_items == [minor]


def test_the_marks_enter_the_hash_only_when_set(seeded):
    """An answer without marks and an edition-1 inspection hash exactly as before the marks existed."""
    store, basics = seeded
    with store.write() as session:
        inspection, checklist = _draft(session, basics, fail=["1.1"])
        finalize_signed(session, inspection.id)
        record = inspection.model_dump()
        rows = session.exec(select(Answer).where(Answer.inspection_id == inspection.id)).all()
        parts = {"answer": [row.model_dump() for row in rows]}
    old_answers = [{k: v for k, v in row.items() if k not in ("fixed_on_spot", "fix_note", "affects_safety")}
                   for row in parts["answer"]]
    as_edition_1 = {**record, "rules_edition": 1}
    without_edition = {k: v for k, v in record.items() if k != "rules_edition"}
    assert inspections.record_hash(as_edition_1, parts) == inspections.record_hash(without_edition,
                                                                                   {"answer": old_answers})
    assert inspections.record_hash(record, parts) != inspections.record_hash(as_edition_1, parts)
    marked = [{**row, "fixed_on_spot": True, "fix_note": "已整改"} if row["item_id"] == "1.1" else row
              for row in parts["answer"]]
    assert inspections.record_hash(record, {"answer": marked}) != inspections.record_hash(record, parts)


# Central recomputes each record by its own edition (docs/sync-protocol.md §8.3)

def _payload(session, inspection_id):
    from inspector_app.core.sync.export import inspection_record
    return inspection_record(session.connection(), str(inspection_id))[0]


def resigned(insp: dict, parts: dict, **changes) -> dict:
    changed = {**insp, **changes}
    return {**changed, "content_sha256": inspections.record_hash(changed, parts)}


def test_central_accepts_an_edition_2_record_and_refuses_a_tampered_handling(seeded):
    store, basics = seeded
    with store.write() as session:
        checklist = catalog.get(session, "catering")
        minor = next(i.id for i in checklist.items.values() if not i.key and i.scored)
        inspection, _ = _draft(session, basics, fail=[minor])
        inspections.record_answer(session, inspection.id, item_id=minor, answer="fail",
                                  fixed_on_spot=True, fix_note="当场整改")
        inspections.set_hazard(session, inspection.id, hazard=True)
        finalize_signed(session, inspection.id)
        payload = _payload(session, inspection.id)
    insp, parts = payload["inspection"], payload["parts"]
    assert insp["rules_edition"] == 2 and insp["handling"] == STOP  # Art. 31 ¶2 with 基本符合
    assert [row["fixed_on_spot"] for row in parts["answer"] if row["item_id"] == minor] == [True]
    assert record_check.problems(insp, parts, checklist, "catering") == []
    # a laptop's owner can re-sign a changed record (sync-protocol §8.3): the rules catch what the hash cannot
    tampered = resigned(insp, parts, handling=RECTIFY)
    assert record_check.problems(tampered, parts, checklist, "catering") == [
        "handling 'rectify', the answers give 'stop'"]
    assert record_check.problems(resigned(insp, parts, case_filing=True), parts, checklist, "catering") == [
        "case_filing True, the answers give False"]
    # claiming the older edition for the same record: edition 1 gives another handling and a deadline
    older = record_check.problems(resigned(insp, parts, rules_edition=1), parts, checklist, "catering")
    assert "handling 'stop', the answers give 'rectify'" in older and len(older) == 2
    assert any("rules_edition" in p for p in record_check.problems({**insp, "rules_edition": 9}, parts,
                                                                     checklist, "catering"))


OLD_LAPTOP = [n for n in names("laptop") if n < "laptop-0011"][-1]  # the newest made before rules edition 2


def test_records_finalized_by_an_older_laptop_keep_their_hash_and_pass_central(tmp_path):
    """The newest old store: every finalized record hashes as signed and central's check (edition 1) passes."""
    from inspector_app.core import establishments
    from inspector_app.core.db import open_store
    from inspector_app.core.paths import AppPaths
    paths = AppPaths.at(tmp_path / "data")
    store = open_store(unpack(OLD_LAPTOP, paths.data_dir, paths.database.name))
    try:
        with store.session() as session:
            rows = session.connection().exec_driver_sql("SELECT id FROM inspection WHERE status = 'finalized'")
            finalized = [inspections.get(session, row[0]) for row in rows.fetchall()]
            assert len(finalized) >= 3
            for inspection in finalized:
                assert inspection.rules_edition == 1
                assert inspections.content_hash(session, inspection) == inspection.content_sha256
                payload = _payload(session, inspection.id)
                category = establishments.get(session, inspection.establishment_id).category
                checklist = inspections.checklist_of(session, inspection)
                assert record_check.problems(payload["inspection"], payload["parts"], checklist, category) == []
    finally:
        store.close()


def test_an_amendment_starts_from_the_marks_and_the_fix_photo(seeded, tmp_path):
    """A correction (inspections.start_amendment) starts from what was recorded, the fix on the spot too."""
    from factories import photo_png

    from inspector_app.core import evidence
    store, basics = seeded
    with store.write() as session:
        inspection, _ = _draft(session, basics, fail=["5.2", "5.4"])
        inspections.record_answer(session, inspection.id, item_id="5.2", answer="fail", fixed_on_spot=True,
                                  fix_note="当场清理")
        inspections.record_answer(session, inspection.id, item_id="5.4", answer="fail", affects_safety=True)
        evidence.attach(session, tmp_path, inspection_id=inspection.id, source=photo_png(), item_id="5.2", role="fix")
        with pytest.raises(ValidationError) as caught:
            evidence.attach(session, tmp_path, inspection_id=inspection.id, source=photo_png(), role="fix")
        assert caught.value.code == "evidence.fix_needs_item"
        finalize_signed(session, inspection.id, blobs=tmp_path)
        draft = inspections.start_amendment(session, inspection.id)
        given = inspections.answers_of(session, draft)
        assert given["5.2"] == {"answer": "fail", "value": None, "note": None, "fixed_on_spot": True,
                                "fix_note": "当场清理"}
        assert given["5.4"]["affects_safety"] is True
        assert [(row.role, row.item_id) for row in evidence.photos(session, draft.id)] == [("fix", "5.2")]
        assert inspections.outcome(session, draft).treatments == {"5.2": ON_SPOT, "5.4": CASE}
