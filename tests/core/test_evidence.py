"""Evidence: removing a wrong photo from a draft, and nothing else; an amendment's copied photos."""

import io
import sqlite3

import pytest
from factories import finalize_signed, make_inspection
from PIL import Image
from sqlmodel import select

from inspector_app.core import evidence
from inspector_app.core.errors import NotFound, StateError, ValidationError
from inspector_app.core.models import AuditLog, Evidence, Outbox


def png(colour=(58, 123, 213)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_detach_removes_a_draft_photo_with_an_audit_row_and_an_outbox_delete(seeded, tmp_path):
    store, basics = seeded
    blobs = tmp_path / "blobs"
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=["5.2"])
        keep = evidence.attach(session, blobs, inspection_id=inspection.id, source=png(), item_id="5.2")
        wrong = evidence.attach(session, blobs, inspection_id=inspection.id, source=png(), item_id="5.2")
        inspection_id, keep_id, wrong_id, sha256 = inspection.id, keep.id, wrong.id, wrong.sha256
    with store.write() as session:
        session.info["author_id"] = basics.inspector_ids[0]
        evidence.detach(session, evidence_id=str(wrong_id), actor_id=basics.inspector_ids[0])
    with store.session() as session:
        rows = session.exec(select(Evidence).where(Evidence.inspection_id == inspection_id)).all()
        assert [row.id for row in rows] == [keep_id]
        audit = session.exec(select(AuditLog).where(AuditLog.action == "evidence.detach")).one()
        assert audit.entity_id == str(wrong_id) and audit.actor_id == basics.inspector_ids[0]
        assert audit.detail["inspection"] == str(inspection_id) and audit.detail["item"] == "5.2"
        delete = session.exec(select(Outbox).where(Outbox.entity == "evidence", Outbox.op == "delete")).one()
        assert delete.entity_id == str(wrong_id) and delete.payload == {"id": str(wrong_id)}
        assert delete.author_id == basics.inspector_ids[0]
    assert evidence.blob_path(blobs, sha256).exists(), "the blob is shared and stays"


def test_a_photo_of_a_finalized_inspection_cannot_be_detached(seeded, tmp_path):
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=["5.2"])
        photo = evidence.attach(session, tmp_path, inspection_id=inspection.id, source=png(), item_id="5.2")
        finalize_signed(session, inspection.id, blobs=tmp_path)
        photo_id = photo.id
    with pytest.raises(StateError, match="amendment"), store.write() as session:
        evidence.detach(session, evidence_id=photo_id)
    with store.session() as session:
        assert session.get(Evidence, photo_id) is not None
        assert not session.exec(select(AuditLog).where(AuditLog.action == "evidence.detach")).all()


def test_the_triggers_still_refuse_deleting_a_finalized_inspections_evidence(seeded, tmp_path):
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=["5.2"])
        photo = evidence.attach(session, tmp_path, inspection_id=inspection.id, source=png(), item_id="5.2")
        finalize_signed(session, inspection.id, blobs=tmp_path)
        photo_id = photo.id
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="finalized"):
        conn.execute("DELETE FROM evidence WHERE id = ?", (photo_id.hex,))
    conn.close()


def test_a_signature_cannot_be_detached(seeded, tmp_path):
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics)
        signature = evidence.attach(session, tmp_path, inspection_id=inspection.id, source=png(),
                                    role="signature_operator")
        signature_id = signature.id
    with pytest.raises(StateError, match="signature"), store.write() as session:
        evidence.detach(session, evidence_id=signature_id)
    with store.session() as session:
        assert session.get(Evidence, signature_id) is not None


def test_detaching_unknown_evidence_says_so(seeded):
    store, _ = seeded
    with pytest.raises(NotFound), store.write() as session:
        evidence.detach(session, evidence_id="00000000-0000-0000-0000-000000000000")


def test_a_photo_is_removed_only_from_the_inspection_it_belongs_to(seeded, tmp_path):
    store, basics = seeded
    with store.write() as session:
        mine = make_inspection(session, basics, fail=["5.2"])
        other = make_inspection(session, basics)
        photo = evidence.attach(session, tmp_path, inspection_id=mine.id, source=png(), item_id="5.2")
        photo_id, other_id, mine_id = photo.id, other.id, mine.id
    for wrong in (other_id, "00000000-0000-0000-0000-000000000000"):
        with pytest.raises(ValidationError, match="not part of the open inspection") as err, \
                store.write() as session:
            evidence.detach(session, evidence_id=photo_id, inspection_id=wrong)
        assert err.value.code == "evidence.not_in_inspection" and err.value.field == "evidence"
    with store.session() as session:
        assert session.get(Evidence, photo_id) is not None
    with store.write() as session:
        evidence.detach(session, evidence_id=str(photo_id), inspection_id=str(mine_id))
    with store.session() as session:
        assert session.get(Evidence, photo_id) is None


def test_a_bad_file_is_refused_before_anything_is_stored(seeded, tmp_path):
    store, basics = seeded
    blobs = tmp_path / "blobs"
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=["5.2"])
        for source, code in ((tmp_path / "notes.png", "evidence.not_an_image"),
                             (tmp_path / "missing.png", "evidence.unreadable")):
            with pytest.raises(ValidationError) as err:
                evidence.attach(session, blobs, inspection_id=inspection.id, source=source, item_id="5.2")
            assert err.value.code == code and source.name in err.value.message
        assert evidence.photos(session, inspection.id) == []
    assert not blobs.exists()
