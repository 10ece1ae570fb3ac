"""An inspection's purpose (日常 / 双随机 / 专项 / 投诉举报 / 复查 / 飞行) is stored and signed.

It is part of the signed record only when set: a record finalized before the purpose was asked
(purpose None) keeps the hash it was signed with, byte for byte (docs/sync-protocol.md §7.3).
"""

import pytest
from factories import make_inspection

from inspector_app.core import codes, inspections

OLD_RECORD = {"id": "0190a1b2-0000-7000-8000-000000000001", "establishment_id": "0190a1b2-0000-7000-8000-000000000002",
              "checklist_id": "catering", "checklist_version": 1, "started_at": "2026-03-02T01:00:00+00:00",
              "ended_at": "2026-03-02T02:00:00+00:00", "hazard": False, "result": "basically_compliant",
              "handling": "rectify", "amends_id": None}
OLD_PARTS = {"inspection_inspector": [{"user_id": "u1", "position": 1}, {"user_id": "u2", "position": 2}],
             "answer": [{"item_id": "2.1", "answer": "fail", "value": None, "note": "未公示"}], "evidence": []}
# record_hash of OLD_RECORD as the program before the purpose field computed it
OLD_HASH = "8238c598328f5d803fa9f8c5d8b953e3cd6b96449db50094804c942e055e03ef"


@pytest.mark.parametrize("extra, same", [
    ({}, True),                                       # a record from before: no such field at all
    ({"purpose": None, "recheck_of": None}, True),    # the same record read from a migrated store
    ({"purpose": "routine"}, False),                  # a purpose is signed
    ({"recheck_of": "0190a1b2-0000-7000-8000-000000000009", "purpose": "recheck"}, False),
])
def test_old_records_keep_their_hash(extra, same):
    assert (inspections.record_hash({**OLD_RECORD, **extra}, OLD_PARTS) == OLD_HASH) is same


def test_each_purpose_signs_differently():
    hashes = {inspections.record_hash({**OLD_RECORD, "purpose": p}, OLD_PARTS) for p in codes.PURPOSE_CODES}
    assert len(hashes) == len(codes.PURPOSE_CODES)


@pytest.mark.parametrize("given, stored", [(None, "routine"), *((p, p) for p in codes.PURPOSE_CODES)])
def test_the_purpose_is_stored_and_in_the_summary(seeded, given, stored):
    from inspector_app.core.inspection_summary import summarize
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics, purpose=given)
        assert inspection.purpose == stored
        summary = summarize(session, inspection)
        assert (summary["purpose"], summary["purpose_label"]) == (stored, codes.PURPOSES[stored].zh)
