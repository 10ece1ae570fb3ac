"""Background work of the Inspection screen: plain functions `fn(task, ...)` run by the Runner.

Store functions open `task.store.session()` / `task.store.write()`, call core and
return plain data (dataclasses, dicts, the frozen Checklist). Thumbnail loading
runs on the pool and returns QImages, which (unlike QPixmaps) may be made off the
UI thread. Nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader
from sqlmodel import select

from ..core import establishments, evidence, inspection_summary, inspections
from ..core.errors import ValidationError
from ..core.ids import as_uuid
from ..core.models import Evidence, Inspection, InspectionInspector, SignatureRefusal, User

THUMB_SIZE = 88


@dataclass(frozen=True)
class Photo:
    evidence_id: str
    item_id: str | None
    sha256: str


@dataclass
class InspectionData:
    """Everything the page shows for one inspection, read in one go."""

    id: str
    status: str
    establishment_name: str
    category: str
    checklist: object  # core.checklists.Checklist (frozen)
    answers: dict[str, dict]
    photos: list[Photo]
    inspectors: list[tuple[str, str, str]]  # (user id, name, credential no)
    hazard: bool = False
    amends_id: str | None = None
    amended_by: str | None = None
    result: str | None = None
    handling: str | None = None
    finalized_at: str | None = None
    started_at: str | None = None

    @property
    def read_only(self) -> bool:
        return self.status != "draft"


def _inspectors(session, inspection_id) -> list[tuple[str, str, str]]:
    rows = session.exec(select(User.id, User.name, User.credential_no)
                        .join(InspectionInspector, InspectionInspector.user_id == User.id)
                        .where(InspectionInspector.inspection_id == inspection_id)
                        .order_by(InspectionInspector.position)).all()
    return [(str(i), n, c) for i, n, c in rows]


def load(task, inspection_id) -> InspectionData:
    """The inspection with its checklist, answers, photos and inspectors."""
    with task.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        establishment = establishments.get(session, inspection.establishment_id)
        rows = session.exec(select(Evidence.id, Evidence.item_id, Evidence.sha256)  # the photos' keys only
                            .where(Evidence.inspection_id == inspection.id, Evidence.role == "photo")
                            .order_by(Evidence.created_at)).all()
        newer = session.exec(select(Inspection.id).where(Inspection.amends_id == inspection.id)).first()
        return InspectionData(
            id=str(inspection.id), status=inspection.status, establishment_name=establishment.name,
            category=establishment.category, checklist=inspections.checklist_of(session, inspection),
            answers=inspections.answers_of(session, inspection),
            photos=[Photo(str(evidence_id), item_id, sha256) for evidence_id, item_id, sha256 in rows],
            inspectors=_inspectors(session, inspection.id), hazard=inspection.hazard,
            amends_id=str(inspection.amends_id) if inspection.amends_id else None,
            amended_by=str(newer) if newer else None,
            result=inspection.result, handling=inspection.handling,
            finalized_at=inspection.finalized_at.isoformat() if inspection.finalized_at else None,
            started_at=inspection.started_at.isoformat())


def save_answer(task, inspection_id, item_id: str, state: dict, actor_id=None) -> str:
    """Write one item's answer, value and note (the whole triple, as core stores it)."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        inspections.record_answer(session, inspection_id, item_id=item_id, answer=state.get("answer"),
                                  value=state.get("value"), note=state.get("note"))
    return item_id


def attach_photos(task, inspection_id, item_id: str | None, paths: list, actor_id=None):
    """Attach image files to an item, one transaction each, so one bad file spoils nothing.

    Returns (attached photos, error messages)."""
    attached, problems = [], []
    for path in paths:
        try:
            with task.store.write() as session:
                session.info["author_id"] = actor_id
                row = evidence.attach(session, task.context.paths.blobs, inspection_id=inspections.get(
                    session, inspection_id).id, source=Path(path), role="photo", item_id=item_id,
                    actor_id=actor_id)
                attached.append(Photo(str(row.id), row.item_id, row.sha256))
        except ValidationError as exc:
            problems.append(exc.message)
    return attached, problems


def detach_photo(task, inspection_id, evidence_id: str, actor_id=None) -> str:
    """Remove one photo from a draft (core refuses finalized records and signatures)."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        inspection = inspections.get(session, inspection_id)
        row = session.get(Evidence, as_uuid(evidence_id, "evidence"))
        if row is None or row.inspection_id != inspection.id:
            raise ValidationError("this photo is not part of the open inspection; reopen the inspection",
                                  field="evidence")
        evidence.detach(session, evidence_id=row.id, actor_id=actor_id)
    return evidence_id


def set_hazard(task, inspection_id, hazard: bool, actor_id=None) -> bool:
    """Mark or unmark a latent incident risk on a draft."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        return inspections.set_hazard(session, inspection_id, hazard=hazard, actor_id=actor_id).hazard


def thumbnails(task, blobs_dir: Path, sha256s: list[str], size: int = THUMB_SIZE) -> dict[str, QImage]:
    """Scaled images by hash (pool). A missing or unreadable blob is simply left out."""
    images = {}
    for sha256 in sha256s:
        task.check_cancelled()
        reader = QImageReader(str(evidence.blob_path(blobs_dir, sha256)))
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and original.width() > 0:
            reader.setScaledSize(original.scaled(QSize(size * 2, size * 2), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            images[sha256] = image
    return images


def readiness(task, inspection_id) -> dict:
    """What still blocks finalizing: unanswered items, photos missing for failed items."""
    with task.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        failed = inspections.outcome(session, inspection).tally.failed
        return {"missing": inspections.missing(session, inspection),
                "missing_evidence": inspections.missing_evidence(session, inspection, failed)}


def summary(task, inspection_id) -> dict:
    """The summary the operator sees, with the failed items' text and notes, and who must sign."""
    with task.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        data = inspection_summary.summarize(session, inspection, with_answers=True)
        data["checklist_obj"] = inspections.checklist_of(session, inspection)
        data["signature_gaps"] = inspections.signature_gaps(session, inspection)
        refusal = session.exec(select(SignatureRefusal).where(
            SignatureRefusal.inspection_id == inspection.id)).first()
        data["refusal"] = None if refusal is None else {
            "reason": refusal.reason, "witness_name": refusal.witness_name,
            "witness_id_no": refusal.witness_id_no}
        return data


def finalize(task, inspection_id, *, signatures: list[tuple[str, str | None, bytes]],
             refusal: dict | None, actor_id=None) -> str:
    """Store the signatures (or the refusal) and finalize, all in one transaction.

    `signatures` holds (role, inspector user id or None, PNG bytes). Nothing is
    kept when anything fails, so a half-signed record never exists."""
    blobs = task.context.paths.blobs
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        inspection = inspections.get(session, inspection_id)
        for role, user_id, png in signatures:
            evidence.attach(session, blobs, inspection_id=inspection.id, source=png, role=role,
                            item_id=user_id, name=f"{role}.png", actor_id=actor_id)
        if refusal:
            inspections.record_refusal(session, inspection.id, **refusal)
        failed = inspections.outcome(session, inspection).tally.failed
        no_photo = inspections.missing_evidence(session, inspection, failed)
        if no_photo:
            raise ValidationError(f"item(s) {', '.join(no_photo)} failed and need a photo before finalizing",
                                  field="evidence")
        gaps = inspections.signature_gaps(session, inspection)
        if gaps:
            raise ValidationError("every inspector and the operator must sign (or record the operator's "
                                  "refusal with a witness) before finalizing", field="signatures")
        inspections.finalize(session, inspection.id, actor_id=actor_id)
        return str(inspection.id)


def start_amendment(task, inspection_id, actor_id=None) -> str:
    """A new draft that amends a finalized inspection, with its answers and photos copied in."""
    blobs = task.context.paths.blobs
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        original = inspections.get(session, inspection_id)
        inspector_ids = [row.user_id for row in session.exec(
            select(InspectionInspector).where(InspectionInspector.inspection_id == original.id)
            .order_by(InspectionInspector.position))]
        draft = inspections.start(session, establishment_id=original.establishment_id,
                                  checklist_id=original.checklist_id, version=original.checklist_version,
                                  inspector_ids=inspector_ids, hazard=original.hazard, amends_id=original.id,
                                  actor_id=actor_id)
        for item_id, state in inspections.answers_of(session, original).items():
            inspections.record_answer(session, draft.id, item_id=item_id, answer=state["answer"],
                                      value=state["value"], note=state["note"])
        photos = session.exec(select(Evidence).where(Evidence.inspection_id == original.id,
                                                     Evidence.role == "photo")).all()
        for row in photos:
            data = evidence.blob_path(blobs, row.sha256).read_bytes()
            evidence.attach(session, blobs, inspection_id=draft.id, source=data, role="photo",
                            item_id=row.item_id, name=row.original_name, actor_id=actor_id)
        return str(draft.id)

