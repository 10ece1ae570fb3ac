"""Evidence photos and signature images: bytes stored once under their SHA-256.

Files are checked to be real images (Pillow opens and verifies them) before
anything is stored. The bytes are written when the transaction that attached
them commits, just before the rows, atomically (temp file, fsync, rename): a
refused or rolled-back transaction leaves no file behind — a commit that fails
after the files were written (a full disk) removes the ones it created — and
a committed row always finds its file. A full disk is StoreError
"store.disk_full" (core/disk.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from PIL import Image, UnidentifiedImageError
from sqlalchemy import event
from sqlmodel import col, select

from . import audit, disk, limits
from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .models import Evidence, Inspection

ROLES = ("photo", "fix", "signature_inspector", "signature_operator")
# Photos of an item: of what was found, and of its on-the-spot fix (Order 49 Art. 33 ¶2, core/failure_marks.py).
PHOTO_ROLES = ("photo", "fix")
MAX_BYTES = limits.IMAGE_BYTES
_PENDING = "evidence.blobs_to_write"  # session.info key: {(blobs dir, sha256): bytes} to write at commit
_WRITTEN = "evidence.blobs_written"  # session.info key: blob files this commit created, removed if it fails
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "BMP": "image/bmp",
        "GIF": "image/gif", "TIFF": "image/tiff"}


class Picture(NamedTuple):
    """An image read and checked, not yet stored: what attach() keeps."""

    data: bytes
    name: str
    mime: str


def blob_path(blobs_dir: Path, sha256: str) -> Path:
    return Path(blobs_dir) / sha256[:2] / sha256


def read_image(source: Path | str | bytes | Picture, name: str | None = None) -> Picture:
    """Read a file (or take bytes) and check it is an image we keep, before anything is stored."""
    if isinstance(source, Picture):
        return source
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValidationError("evidence.too_large", field="evidence", name=limits.shown(name),
                                      limit=MAX_BYTES // 2**20)
            data = path.read_bytes()
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            raise ValidationError("evidence.unreadable", field="evidence", path=limits.shown(path, 200),
                                  detail=getattr(exc, "strerror", None) or limits.shown(exc, 200)) from None
    else:
        data, name = bytes(source), name or "image"
        if len(data) > MAX_BYTES:
            raise ValidationError("evidence.too_large", field="evidence", name=limits.shown(name),
                                  limit=MAX_BYTES // 2**20)
    return Picture(data, name, _image_mime(data, name))


def _image_mime(data: bytes, name: str) -> str:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("evidence.not_an_image", field="evidence", name=limits.shown(name),
                              detail=limits.shown(exc, 200)) from None
    if kind not in MIME:
        raise ValidationError("evidence.unsupported_format", field="evidence", name=limits.shown(name), format=kind)
    return MIME[kind]


def store_blob(blobs_dir: Path, data: bytes) -> str:
    """Write bytes under their hash (idempotent); returns the SHA-256."""
    return _write_blob(blobs_dir, data)[0]


def _write_blob(blobs_dir: Path, data: bytes) -> tuple[str, Path | None]:
    """Write bytes under their hash; returns the SHA-256 and the file when this call created it.

    Nothing is left behind when the write fails: not the temporary file, nor
    the folder made for it. A full disk raises StoreError("store.disk_full")."""
    sha256 = hashlib.sha256(data).hexdigest()
    target = blob_path(blobs_dir, sha256)
    if target.exists() and target.stat().st_size == len(data):
        return sha256, None
    new_folder = not target.parent.exists()
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if new_folder:
            _remove_if_empty(target.parent)
        if isinstance(exc, OSError) and disk.is_disk_full(exc):
            raise disk.disk_full(Path(blobs_dir).parent) from exc
        raise
    return sha256, target


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or already gone
        folder.rmdir()


def _store_at_commit(session, blobs_dir: Path, data: bytes) -> str:
    """Keep the bytes until the session commits (see the module docstring); returns their SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    session.info.setdefault(_PENDING, {})[(Path(blobs_dir), sha256)] = data
    if not event.contains(session, "before_commit", _write_pending):
        event.listen(session, "before_commit", _write_pending)
        event.listen(session, "after_commit", _keep_written)
        event.listen(session, "after_rollback", _forget_pending)
    return sha256


def _write_pending(session) -> None:
    pending = session.info.pop(_PENDING, {})
    written = session.info.setdefault(_WRITTEN, [])
    for (blobs_dir, _sha256), data in pending.items():
        created = _write_blob(blobs_dir, data)[1]
        if created is not None:
            written.append(created)


def _keep_written(session) -> None:
    session.info.pop(_WRITTEN, None)


def _forget_pending(session) -> None:
    """A rollback: drop the bytes not written yet, and remove the files a failed commit created — unless
    that commit may still come back from the WAL, whose rows must find their files."""
    session.info.pop(_PENDING, None)
    written = session.info.pop(_WRITTEN, [])
    if disk.may_have_committed(sys.exc_info()[1]):  # the failure being handled, if any
        return
    for path in written:
        path.unlink(missing_ok=True)
        _remove_if_empty(path.parent)


def _draft(session, inspection_id, field: str | None = None) -> Inspection:
    inspection = session.get(Inspection, as_uuid(inspection_id, "inspection"))
    if inspection is None or inspection.status != "draft":
        raise StateError("evidence.draft_only", field=field)
    return inspection


def attach(session, blobs_dir: Path, *, inspection_id, source: Path | str | bytes | Picture, role: str = "photo",
           item_id: str | None = None, name: str | None = None, actor_id=None) -> Evidence:
    """Attach a photo (to an item) or a signature image to a draft inspection."""
    if role not in ROLES:
        raise ValidationError("evidence.unknown_role", field="role", role=role, roles=", ".join(ROLES))
    if role == "fix" and item_id is None:
        raise ValidationError("evidence.fix_needs_item", field="evidence")
    inspection = _draft(session, inspection_id)
    picture = read_image(source, name)
    limits.text("evidence.name", picture.name, field="evidence")
    if role in PHOTO_ROLES:
        _refuse_too_many(session, inspection.id, item_id)
    sha256 = _store_at_commit(session, blobs_dir, picture.data)
    return _add(session, inspection.id, item_id=item_id, role=role, sha256=sha256, mime=picture.mime,
                size=len(picture.data), name=picture.name, actor_id=actor_id)


def _refuse_too_many(session, inspection_id, item_id) -> None:
    """At most limits.PHOTOS_PER_ITEM photos of one item and PHOTOS_PER_INSPECTION in all."""
    taken = [row.item_id for row in photos(session, inspection_id)]
    if item_id is not None and taken.count(item_id) >= limits.PHOTOS_PER_ITEM:
        raise ValidationError("limits.too_many_photos_on_item", field="evidence", item=limits.shown(item_id),
                              limit=limits.PHOTOS_PER_ITEM)
    if len(taken) >= limits.PHOTOS_PER_INSPECTION:
        raise ValidationError("limits.too_many_photos", field="evidence", limit=limits.PHOTOS_PER_INSPECTION)


def _add(session, inspection_id, *, item_id, role, sha256, mime, size, name, actor_id) -> Evidence:
    row = Evidence(inspection_id=inspection_id, item_id=item_id, role=role, sha256=sha256, mime=mime,
                   size=size, original_name=name)
    session.add(row)
    session.flush()
    audit.record(session, action="evidence.attach", entity="evidence", entity_id=row.id, actor_id=actor_id,
                 detail={"inspection": str(inspection_id), "item": item_id, "sha256": sha256})
    return row


def photos(session, inspection_id) -> list[Evidence]:
    """An inspection's photos, of findings and of fixes (not its signatures), oldest first."""
    return list(session.exec(select(Evidence).where(Evidence.inspection_id == as_uuid(inspection_id, "inspection"),
                                                    col(Evidence.role).in_(PHOTO_ROLES))
                             .order_by(col(Evidence.created_at))))


def copy_photos(session, *, from_id, to_id, actor_id=None) -> list[Evidence]:
    """Give a draft the photos of another inspection (an amendment starts from the record it corrects).

    The blobs are shared, so nothing is read or written on disk; signatures are
    never copied: the amended record is signed afresh."""
    draft = _draft(session, to_id)
    return [_add(session, draft.id, item_id=row.item_id, role=row.role, sha256=row.sha256, mime=row.mime,
                 size=row.size, name=row.original_name, actor_id=actor_id) for row in photos(session, from_id)]


def detach(session, *, evidence_id, inspection_id=None, actor_id=None) -> None:
    """Remove a wrong photo from a draft inspection.

    Only photos, and only while the inspection is a draft (a finalized record's
    evidence is also guarded by SQL triggers). With `inspection_id`, the photo
    must belong to that inspection (the screen it was removed on). The blob
    file stays: blobs are content-addressed and another row may share it.
    """
    row = session.get(Evidence, as_uuid(evidence_id, "evidence"))
    if inspection_id is not None and (row is None or row.inspection_id != as_uuid(inspection_id, "inspection")):
        raise ValidationError("evidence.not_in_inspection", field="evidence")
    if row is None:
        raise NotFound("evidence.not_found", field="evidence", id=str(evidence_id))
    if row.role not in PHOTO_ROLES:
        raise StateError("evidence.signature_stays", field="evidence")
    inspection = session.get(Inspection, row.inspection_id)
    if inspection is None or inspection.status != "draft":
        raise StateError("inspection.finalized", field="evidence")
    audit.record(session, action="evidence.detach", entity="evidence", entity_id=row.id, actor_id=actor_id,
                 detail={"inspection": str(inspection.id), "item": row.item_id, "sha256": row.sha256})
    session.delete(row)
    session.flush()
