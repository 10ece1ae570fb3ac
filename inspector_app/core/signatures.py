"""Who signs an inspection record: every inspector and the operator, or the operator's refusal.

Order 49 Art. 34: the operator signs the inspection record; when the operator
refuses, the reason is written down and a witness named in place of the
signature. The inspectors (two or more, Order 49 Art. 23) sign as well.
Signatures are evidence rows whose images live in blobs/ like photos:
role signature_inspector with the inspector's user id as item_id, or
signature_operator. Nothing here finalizes; inspections.finalize refuses a
record with a gap, and inspections.sign_and_finalize does both at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlmodel import col, select

from . import evidence, limits
from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .models import Evidence, Inspection, InspectionInspector, SignatureRefusal, User

INSPECTOR, OPERATOR = "signature_inspector", "signature_operator"


def inspector_ids(session, inspection_id) -> list:
    """The inspection's inspectors' user ids, in the order they were named."""
    return list(session.exec(select(InspectionInspector.user_id)
                             .where(InspectionInspector.inspection_id == as_uuid(inspection_id, "inspection"))
                             .order_by(col(InspectionInspector.position))))


def _signed(session, inspection_id) -> set[tuple[str, str | None]]:
    return {(row.role, row.item_id) for row in session.exec(
        select(Evidence).where(Evidence.inspection_id == inspection_id, col(Evidence.role).in_((INSPECTOR, OPERATOR))))}


def _refusal_row(session, inspection_id) -> SignatureRefusal | None:
    return session.exec(select(SignatureRefusal).where(SignatureRefusal.inspection_id == inspection_id)).first()


def gaps(session, inspection) -> list[str]:
    """Who still has to sign: 'inspector:<user id>' for each inspector, and 'operator'
    unless the operator signed or a refusal with a witness is recorded."""
    signed = _signed(session, inspection.id)
    missing = [f"inspector:{uid}" for uid in inspector_ids(session, inspection.id)
               if (INSPECTOR, str(uid)) not in signed]
    if not any(role == OPERATOR for role, _ in signed) and _refusal_row(session, inspection.id) is None:
        missing.append("operator")
    return missing


def refuse_gaps(session, missing: list[str]) -> None:
    """Raise the error that names who still has to sign (nothing when `missing` is empty)."""
    if not missing:
        return
    names = "、".join(session.get(User, as_uuid(slot.split(":", 1)[1], "inspector")).name
                     for slot in missing if slot.startswith("inspector:"))
    if "operator" not in missing:
        raise ValidationError("signature.missing_inspectors", field="signatures", names=names)
    if names:
        raise ValidationError("signature.missing_all", field="signatures", names=names)
    raise ValidationError("signature.missing_operator", field="signatures")


def refusal_of(session, inspection_id) -> dict | None:
    """The operator's recorded refusal to sign, as plain data, or None."""
    row = _refusal_row(session, as_uuid(inspection_id, "inspection"))
    return None if row is None else {"reason": row.reason, "witness_name": row.witness_name,
                                     "witness_id_no": row.witness_id_no}


def _draft(session, inspection_id) -> Inspection:
    inspection = session.get(Inspection, as_uuid(inspection_id, "inspection"))
    if inspection is None:
        raise NotFound("inspection.not_found", field="inspection", id=str(inspection_id))
    if inspection.status != "draft":
        raise StateError("inspection.finalized", field="signatures")
    return inspection


def _refusal_fields(reason, witness_name, witness_id_no) -> tuple[str, str, str | None]:
    limits.text("refusal.reason", reason, field="reason")
    limits.text("refusal.witness_name", witness_name, field="witness_name")
    limits.text("refusal.witness_id_no", witness_id_no, field="witness_id_no")
    reason, witness_name = (reason or "").strip(), (witness_name or "").strip()
    if not reason:
        raise ValidationError("signature.refusal_reason_missing", field="reason")
    if not witness_name:
        raise ValidationError("signature.refusal_witness_missing", field="witness_name")
    return reason, witness_name, (witness_id_no or "").strip() or None


def record_refusal(session, inspection_id, *, reason: str, witness_name: str,
                   witness_id_no: str | None = None) -> SignatureRefusal:
    """The operator refuses to sign: keep the reason and the witness (Order 49 Art. 34)."""
    inspection = _draft(session, inspection_id)
    if any(role == OPERATOR for role, _ in _signed(session, inspection.id)):
        raise StateError("signature.operator_signed_already", field="signatures")
    return _store_refusal(session, inspection.id, *_refusal_fields(reason, witness_name, witness_id_no))


def _store_refusal(session, inspection_id, reason, witness_name, witness_id_no) -> SignatureRefusal:
    row = _refusal_row(session, inspection_id)
    if row is None:
        row = SignatureRefusal(inspection_id=inspection_id, reason=reason, witness_name=witness_name)
        session.add(row)
    row.reason, row.witness_name, row.witness_id_no = reason, witness_name, witness_id_no
    session.flush()
    return row


Source = Path | str | bytes | evidence.Picture


def sign(session, blobs_dir: Path, inspection_id, *, inspectors: Mapping[object, Source] | None = None,
         operator: Source | None = None, refusal: Mapping | None = None, complete: bool = False,
         actor_id=None) -> None:
    """Store inspectors' and the operator's signature images, or the operator's refusal, on a draft.

    `inspectors` maps user ids to images (PNG bytes or files); `refusal` holds
    reason, witness_name and optionally witness_id_no. Everything is checked
    before anything is stored; with `complete`, also that nobody is left to
    sign afterwards. A slot already signed is refused, not replaced.
    """
    inspection = _draft(session, inspection_id)
    if operator is not None and refusal is not None:
        raise ValidationError("signature.operator_and_refusal", field="signatures")
    ids = inspector_ids(session, inspection.id)
    signed = _signed(session, inspection.id)
    images: list[tuple[str, str | None, Source]] = []
    for key, source in (inspectors or {}).items():
        user_id = as_uuid(key, "inspector")
        if user_id not in ids:
            raise ValidationError("signature.not_an_inspector", field="signatures", id=str(user_id))
        if (INSPECTOR, str(user_id)) in signed:
            raise StateError("signature.signed_already", field="signatures", name=session.get(User, user_id).name)
        images.append((INSPECTOR, str(user_id), source))
    operator_signed = any(role == OPERATOR for role, _ in signed)
    if operator is not None:
        if operator_signed:
            raise StateError("signature.operator_signed_already", field="signatures")
        if _refusal_row(session, inspection.id) is not None:
            raise StateError("signature.refusal_recorded", field="signatures")
        images.append((OPERATOR, None, operator))
    refused = None
    if refusal is not None:
        if operator_signed:
            raise StateError("signature.operator_signed_already", field="signatures")
        refused = _refusal_fields(refusal.get("reason"), refusal.get("witness_name"), refusal.get("witness_id_no"))
    if complete:
        given = {f"inspector:{item_id}" for role, item_id, _ in images if role == INSPECTOR}
        if operator is not None or refused is not None:
            given.add("operator")
        refuse_gaps(session, [slot for slot in gaps(session, inspection) if slot not in given])
    pictures = [(role, item_id, evidence.read_image(source, f"{role}.png" if isinstance(source, bytes) else None))
                for role, item_id, source in images]
    for role, item_id, picture in pictures:
        evidence.attach(session, blobs_dir, inspection_id=inspection.id, source=picture, role=role,
                        item_id=item_id, actor_id=actor_id)
    if refused is not None:
        _store_refusal(session, inspection.id, *refused)
