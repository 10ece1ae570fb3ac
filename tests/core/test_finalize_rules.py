"""Core refuses what the desktop refuses: finalizing needs a photo of each failed item the checklist wants
photographed (evidence_on_fail) and the signatures of every inspector and of the operator, or the operator's
refusal with its reason and a witness (Order 49 Art. 34). Each refusal leaves the store, and the blobs
folder, exactly as they were, whoever calls: inspections.finalize or inspections.sign_and_finalize."""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from factories import answer_all, finalize_signed, fingerprint, photo_png, signature_png
from sqlmodel import select

from inspector_app.core import catalog, evidence, inspections, language, signatures
from inspector_app.core.errors import InspectorError
from inspector_app.core.models import AuditLog, Evidence, SignatureRefusal

PHOTOGRAPHED, PLAIN = "3.1", "5.2"  # in the catering checklist, 3.1 has evidence_on_fail and 5.2 has not
REFUSAL = {"reason": "不同意检查结论", "witness_name": "李四", "witness_id_no": "120225199003151234"}


@dataclass
class Draft:
    id: object
    inspectors: list[str]
    clerk: str
    blobs: Path


@pytest.fixture
def draft(seeded, tmp_path) -> tuple:
    """A catering draft, every item answered, 3.1 and 5.2 failed, nothing photographed or signed."""
    store, basics = seeded
    with store.write() as session:
        inspection = inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                       inspector_ids=basics.inspector_ids)
        answer_all(session, inspection.id, catalog.get(session, "catering"), fail=[PHOTOGRAPHED, PLAIN])
    return store, Draft(inspection.id, [str(i) for i in basics.inspector_ids], str(basics.clerk_id),
                        tmp_path / "blobs")


def photo(session, d):
    evidence.attach(session, d.blobs, inspection_id=d.id, source=photo_png(), item_id=PHOTOGRAPHED)


def both_inspectors(d, first=1):
    return {d.inspectors[0]: signature_png(first), d.inspectors[1]: signature_png(first + 1)}


def sign_all(session, d):
    signatures.sign(session, d.blobs, d.id, inspectors=both_inspectors(d), operator=signature_png(3))


def finalize(session, d):
    inspections.finalize(session, d.id)


def sign_and_finalize(**given):
    def act(session, d):
        inspections.sign_and_finalize(session, d.blobs, d.id, **{k: v(d) if callable(v) else v
                                                                   for k, v in given.items()})
    return act


def prepared(*steps):
    return lambda session, d: [step(session, d) for step in steps]


CASES = {
    # name: (what is already in the store, the call that must be refused, the error code)
    "a failed evidence_on_fail item has no photo, though everyone signs": (
        prepared(), sign_and_finalize(inspectors=both_inspectors, operator=signature_png(3)),
        "inspection.photos_missing"),
    "a failed evidence_on_fail item has no photo, finalized by a script": (
        prepared(sign_all), finalize, "inspection.photos_missing"),
    "nobody signed (Order 49 Art. 34)": (prepared(photo), finalize, "signature.missing_all"),
    "the second inspector has not signed": (
        prepared(photo, lambda s, d: signatures.sign(s, d.blobs, d.id, inspectors={d.inspectors[0]: signature_png()},
                                                     operator=signature_png(3))),
        finalize, "signature.missing_inspectors"),
    "the operator neither signed nor refused": (
        prepared(photo), sign_and_finalize(inspectors=both_inspectors), "signature.missing_operator"),
    "a refusal without a witness": (
        prepared(photo), sign_and_finalize(inspectors=both_inspectors, refusal={**REFUSAL, "witness_name": " "}),
        "signature.refusal_witness_missing"),
    "a refusal without a reason": (
        prepared(photo), sign_and_finalize(inspectors=both_inspectors, refusal={**REFUSAL, "reason": ""}),
        "signature.refusal_reason_missing"),
    "the operator's signature and a refusal at once": (
        prepared(photo), sign_and_finalize(inspectors=both_inspectors, operator=signature_png(3), refusal=REFUSAL),
        "signature.operator_and_refusal"),
    "someone who is not one of the inspection's inspectors signs as one": (
        prepared(photo), sign_and_finalize(inspectors=lambda d: {d.inspectors[0]: signature_png(1),
                                                                 d.clerk: signature_png(2)},
                                           operator=signature_png(3)),
        "signature.not_an_inspector"),
    "a signature that is not an image": (
        prepared(photo), sign_and_finalize(inspectors=both_inspectors, operator=b"not a picture"),
        "evidence.not_an_image"),
    "an inspector signs a second time": (
        prepared(photo, lambda s, d: signatures.sign(s, d.blobs, d.id, inspectors={d.inspectors[0]: signature_png()})),
        sign_and_finalize(inspectors=lambda d: both_inspectors(d, first=5), operator=signature_png(3)),
        "signature.signed_already"),
    "the operator signs after the refusal was recorded": (
        prepared(photo, lambda s, d: signatures.record_refusal(s, d.id, **REFUSAL)),
        sign_and_finalize(inspectors=both_inspectors, operator=signature_png(3)), "signature.refusal_recorded"),
    "the inspection is finalized already": (
        prepared(lambda s, d: finalize_signed(s, d.id, blobs=d.blobs)),
        sign_and_finalize(inspectors=both_inspectors, operator=signature_png(3)), "inspection.finalized_already"),
}


def blob_files(blobs: Path) -> list[str]:
    return sorted(str(p.relative_to(blobs)) for p in blobs.rglob("*")) if blobs.exists() else []


@pytest.mark.parametrize("case", list(CASES))
def test_each_refusal_names_the_gap_and_leaves_the_store_as_it_was(draft, case):
    store, d = draft
    prepare, act, code = CASES[case]
    with store.write() as session:
        prepare(session, d)
    before, files = fingerprint(store.path), blob_files(d.blobs)
    with pytest.raises(InspectorError) as refused, store.write() as session:
        act(session, d)
    assert refused.value.code == code, refused.value.message
    assert refused.value.message != code, "every refusal has a sentence in the catalogue"
    assert fingerprint(store.path) == before
    assert blob_files(d.blobs) == files, "nothing is written to disk for a refused call"


def test_the_refusal_names_who_has_not_signed_in_both_languages(draft):
    store, d = draft
    with store.write() as session:
        photo(session, d)
        signatures.sign(session, d.blobs, d.id, inspectors={d.inspectors[0]: signature_png()})
    with pytest.raises(InspectorError) as refused, store.write() as session:
        inspections.finalize(session, d.id)
    assert refused.value.field == "signatures"
    assert "王芳" in refused.value.message and "李明" not in refused.value.message
    assert "Order 49 Art. 34" in refused.value.message
    language.use("zh_CN")
    chinese = refused.value.message
    assert "王芳" in chinese and "当事人" in chinese and "第49号令第34条" in chinese


def test_signed_with_a_refusal_the_record_finalizes_and_the_signatures_are_part_of_its_hash(draft):
    store, d = draft
    with store.write() as session:
        photo(session, d)
        inspection = inspections.sign_and_finalize(session, d.blobs, d.id, inspectors=both_inspectors(d),
                                                   refusal=REFUSAL, actor_id=uuid.UUID(d.inspectors[0]))
        assert inspection.status == "finalized" and inspection.result == "basically_compliant"
        stored = inspection.content_sha256
    with store.session() as session:
        rows = session.exec(select(Evidence).where(Evidence.inspection_id == d.id)).all()
        assert sorted((r.role, r.item_id) for r in rows if r.role != "photo") == \
            sorted(("signature_inspector", i) for i in d.inspectors)
        for row in rows:
            assert evidence.blob_path(d.blobs, row.sha256).exists()
        refusal = session.exec(select(SignatureRefusal)).one()
        assert (refusal.reason, refusal.witness_name, refusal.witness_id_no) == tuple(REFUSAL.values())
        assert signatures.refusal_of(session, d.id) == REFUSAL
        assert inspections.content_hash(session, inspections.get(session, d.id)) == stored
        attached = session.exec(select(AuditLog).where(AuditLog.action == "evidence.attach")).all()
        assert len(attached) == 3  # the photo and two signatures
        assert {str(a.actor_id) for a in attached if a.detail["item"] in d.inspectors} == {d.inspectors[0]}


def test_a_draft_signed_in_steps_is_finalized_by_a_plain_finalize(draft):
    store, d = draft
    with store.write() as session:
        photo(session, d)
        signatures.sign(session, d.blobs, d.id, inspectors={d.inspectors[1]: signature_png(2)})
        assert signatures.gaps(session, inspections.get(session, d.id)) == [f"inspector:{d.inspectors[0]}", "operator"]
    with store.write() as session:
        signatures.sign(session, d.blobs, d.id, inspectors={d.inspectors[0]: signature_png(1)},
                        operator=signature_png(3))
        assert inspections.finalize(session, d.id).status == "finalized"
