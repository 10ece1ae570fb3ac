"""Evidence photos and signature images: bytes stored once under their SHA-256.

Files are checked to be real images (Pillow opens and verifies them) before
anything is stored, and written atomically (temp file, fsync, rename), so a
crash leaves either the whole file or nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from . import audit
from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .models import Evidence, Inspection

ROLES = ("photo", "signature_inspector", "signature_operator")
MAX_BYTES = 25 * 1024 * 1024
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "BMP": "image/bmp",
        "GIF": "image/gif", "TIFF": "image/tiff"}


def blob_path(blobs_dir: Path, sha256: str) -> Path:
    return Path(blobs_dir) / sha256[:2] / sha256


def _image_mime(data: bytes, name: str) -> str:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{name} is not a readable image ({exc}); attach a JPEG or PNG photo",
                              field="evidence") from None
    if kind not in MIME:
        raise ValidationError(f"{name}: {kind} images are not supported; use JPEG or PNG", field="evidence")
    return MIME[kind]


def store_blob(blobs_dir: Path, data: bytes) -> str:
    """Write bytes under their hash (idempotent); returns the SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    target = blob_path(blobs_dir, sha256)
    if target.exists() and target.stat().st_size == len(data):
        return sha256
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256


def attach(session, blobs_dir: Path, *, inspection_id, source: Path | bytes, role: str = "photo",
           item_id: str | None = None, name: str | None = None, actor_id=None) -> Evidence:
    """Attach a photo (to an item) or a signature image to a draft inspection."""
    if role not in ROLES:
        raise ValidationError(f"role must be one of {', '.join(ROLES)}", field="role")
    inspection = session.get(Inspection, inspection_id)
    if inspection is None or inspection.status != "draft":
        raise StateError("evidence can be attached to a draft inspection only")
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValidationError(f"{name} is larger than {MAX_BYTES // 2**20} MB; attach a smaller photo",
                                      field="evidence")
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"cannot read {path}: {exc.strerror or exc}", field="evidence") from None
    else:
        data, name = bytes(source), name or "image"
    mime = _image_mime(data, name)
    sha256 = store_blob(blobs_dir, data)
    row = Evidence(inspection_id=inspection.id, item_id=item_id, role=role, sha256=sha256, mime=mime,
                   size=len(data), original_name=name)
    session.add(row)
    session.flush()
    audit.record(session, action="evidence.attach", entity="evidence", entity_id=row.id, actor_id=actor_id,
                 detail={"inspection": str(inspection.id), "item": item_id, "sha256": sha256})
    return row


def detach(session, *, evidence_id, actor_id=None) -> None:
    """Remove a wrong photo from a draft inspection.

    Only photos, and only while the inspection is a draft (a finalized record's
    evidence is also guarded by SQL triggers). The blob file stays: blobs are
    content-addressed and another row may share it.
    """
    row = session.get(Evidence, as_uuid(evidence_id, "evidence"))
    if row is None:
        raise NotFound(f"no evidence with id {evidence_id}", field="evidence")
    if row.role != "photo":
        raise StateError("a signature cannot be removed; close the finalize screen without finalizing instead",
                         field="evidence")
    inspection = session.get(Inspection, row.inspection_id)
    if inspection is None or inspection.status != "draft":
        raise StateError("this inspection is finalized and cannot change; start an amendment instead",
                         field="evidence")
    audit.record(session, action="evidence.detach", entity="evidence", entity_id=row.id, actor_id=actor_id,
                 detail={"inspection": str(inspection.id), "item": row.item_id, "sha256": row.sha256})
    session.delete(row)
    session.flush()
