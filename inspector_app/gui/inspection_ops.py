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

from ..core import establishments, evidence, inspection_summary, inspections
from ..core import signatures as signing  # `signatures` is finalize()'s argument
from ..core.errors import ValidationError

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


def load(task, inspection_id) -> InspectionData:
    """The inspection with its checklist, answers, photos and inspectors."""
    with task.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        establishment = establishments.get(session, inspection.establishment_id)
        return InspectionData(
            id=str(inspection.id), status=inspection.status, establishment_name=establishment.name,
            category=establishment.category, checklist=inspections.checklist_of(session, inspection),
            answers=inspections.answers_of(session, inspection),
            photos=[Photo(str(row.id), row.item_id, row.sha256) for row in evidence.photos(session, inspection.id)],
            inspectors=[(i["id"], i["name"], i["credential_no"])
                        for i in inspection_summary.inspectors(session, inspection.id)],
            hazard=inspection.hazard, amends_id=str(inspection.amends_id) if inspection.amends_id else None,
            amended_by=inspections.amended_by(session, inspection.id),
            result=inspection.result, handling=inspection.handling,
            finalized_at=inspection.finalized_at.isoformat() if inspection.finalized_at else None,
            started_at=inspection.started_at.isoformat())


def save_answer(task, inspection_id, item_id: str, state: dict, actor_id=None) -> str:
    """Write one item's answer, value, note and marks (the whole answer, as core stores it)."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        inspections.record_answer(session, inspection_id, item_id=item_id, answer=state.get("answer"),
                                  value=state.get("value"), note=state.get("note"),
                                  fixed_on_spot=bool(state.get("fixed_on_spot")), fix_note=state.get("fix_note"),
                                  affects_safety=bool(state.get("affects_safety")))
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
    """Remove one photo from a draft (core refuses another inspection's photos, finalized records and signatures)."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        evidence.detach(session, evidence_id=evidence_id, inspection_id=inspection_id, actor_id=actor_id)
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
        return inspections.readiness(session, inspections.get(session, inspection_id))


def summary(task, inspection_id) -> dict:
    """The summary the operator sees, with the failed items' text and notes, and who must sign."""
    with task.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        data = inspection_summary.summarize(session, inspection, with_answers=True)
        data["checklist_obj"] = inspections.checklist_of(session, inspection)
        data["signature_gaps"] = signing.gaps(session, inspection)
        data["refusal"] = signing.refusal_of(session, inspection.id)
        return data


def finalize(task, inspection_id, *, signatures: list[tuple[str, str | None, bytes]],
             refusal: dict | None, actor_id=None) -> str:
    """Store the signatures (or the refusal) and finalize, all in one transaction (core refuses gaps).

    `signatures` holds (role, inspector user id or None, PNG bytes). Nothing is
    kept when anything fails, so a half-signed record never exists."""
    inspectors = {user_id: png for role, user_id, png in signatures if role == "signature_inspector"}
    operator = next((png for role, _, png in signatures if role == "signature_operator"), None)
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        inspection = inspections.sign_and_finalize(session, task.context.paths.blobs, inspection_id,
                                                   inspectors=inspectors, operator=operator, refusal=refusal,
                                                   actor_id=actor_id)
        return str(inspection.id)


def start_amendment(task, inspection_id, actor_id=None) -> str:
    """A new draft that amends a finalized inspection, with its answers and photos copied in."""
    with task.store.write() as session:
        session.info["author_id"] = actor_id
        return str(inspections.start_amendment(session, inspection_id, actor_id=actor_id).id)
