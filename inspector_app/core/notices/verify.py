"""Checking a notice's QR token: structure, a known and unrevoked signer, the signature; then the facts.

Works offline with the keys this store knows (its own, and other laptops'
and central's keys that sync brings in). Facts are only reported for a
token whose signature holds. Where the inspection is in this store, the
result also says whether a newer inspection or an amendment replaced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlmodel import col, select

from ..keys import unb64
from ..models import Inspection, KnownKey, Notice
from ..rules import HANDLING_LABELS, RESULT_LABELS
from . import qr, token
from .content import KIND_TITLES
from .token import TokenFacts

URL_TOKEN = re.compile(r"/v/([^/?#\s]*)")


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str | None = None
    token: str | None = None
    facts: TokenFacts | None = None  # not token.TokenFacts: the field `token` hides the module here
    signer: dict | None = None
    local: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        f = self.facts if self.valid else None
        return {
            "valid": self.valid, "reason": self.reason,
            "notice_id": str(f.notice_id) if f else None,
            "inspection_id": str(f.inspection_id) if f else None,
            "kind": f.kind if f else None, "kind_label": KIND_TITLES[f.kind] if f else None,
            "result": f.result if f else None,
            "result_label": RESULT_LABELS.get(f.result or "", (None,))[0] if f else None,
            "handling": f.handling if f else None,
            "handling_label": HANDLING_LABELS.get(f.handling or "", (None,))[0] if f else None,
            "date": f.inspected_on.isoformat() if f else None,
            "deadline": f.deadline.isoformat() if f and f.deadline else None,
            "establishment": {"name": f.name, "name_truncated": f.name_truncated,
                              "licence_no": f.licence_no or None} if f else None,
            "signer": self.signer if self.valid else None,
            "number": self.local.get("number"), "current": self.local.get("current"),
            "superseded_by": self.local.get("superseded_by"),
            "token": self.token,
        }

    def text(self) -> str:
        if not self.valid:
            return f"× 无效 INVALID: {self.reason}"
        assert self.signer is not None  # verify_token() names the signer of every valid token
        d = self.to_dict()
        name = d["establishment"]["name"] + ("…" if d["establishment"]["name_truncated"] else "")
        lines = [f"√ 有效 VALID — {d['kind_label']} ({d['kind']})",
                 f"  经营者 establishment: {name}  {d['establishment']['licence_no'] or ''}".rstrip(),
                 f"  检查日期 date: {d['date']}",
                 f"  检查结果 result: {d['result_label'] or '—'}  结果处理 handling: {d['handling_label'] or '—'}",
                 f"  整改期限 deadline: {d['deadline'] or '—'}",
                 f"  notice {d['notice_id']}  inspection {d['inspection_id']}",
                 f"  签发设备 signer: key {self.signer['key_id']} — {self.signer['label'] or self.signer['owner']}"
                 + (f", device {self.signer['device_id']}" if self.signer.get("device_id") else "")]
        if d["number"]:
            lines.append(f"  编号 number: {d['number']}")
        if d["current"] is False:
            lines.append(f"  ! 已有更新的检查 superseded by inspection {d['superseded_by']}")
        return "\n".join(lines)


def extract_token(text: str) -> str:
    """The token from a verification URL, or the text itself (trimmed) when it is a bare token."""
    text = (text or "").strip()
    match = URL_TOKEN.search(text)
    if match:
        return match.group(1)
    return text


def _signers(session, prefix: str) -> list[KnownKey]:
    return list(session.exec(select(KnownKey).where(KnownKey.kind == "sign",
                                                    KnownKey.key_id.startswith(prefix)).order_by(KnownKey.key_id)))


def _local(session, facts: token.TokenFacts) -> dict:
    notice = session.get(Notice, facts.notice_id)
    inspection = session.get(Inspection, facts.inspection_id)
    local: dict = {"number": notice.number if notice else None, "current": None, "superseded_by": None}
    if inspection is None or inspection.ended_at is None:
        return local
    newer = session.exec(select(Inspection.id).where(
        Inspection.establishment_id == inspection.establishment_id, Inspection.status == "finalized",
        (Inspection.amends_id == inspection.id) | (Inspection.ended_at > inspection.ended_at))
        .order_by(col(Inspection.ended_at).desc())).first()
    local.update(current=newer is None, superseded_by=str(newer) if newer else None)
    return local


def verify_token(session, text: str) -> Verification:
    """Verify a token or verification URL against the keys this store knows."""
    raw = extract_token(text)
    if not raw:
        return Verification(False, "empty input: give a token, a verification URL, a PDF or an image")
    try:
        parsed = token.parse(raw)
    except token.TokenError as exc:
        return Verification(False, exc.reason, raw)
    candidates = _signers(session, parsed.key_prefix)
    if not candidates:
        return Verification(False, "unknown signer", raw)
    for record in candidates:
        public = Ed25519PublicKey.from_public_bytes(unb64(record.public_key))
        if not token.signature_ok(parsed, public):
            continue
        signer = {"key_id": record.key_id, "owner": record.owner, "device_id": record.device_id,
                  "label": record.label,
                  "revoked_at": record.revoked_at.isoformat() if record.revoked_at else None}
        if record.revoked_at is not None:
            return Verification(False, f"signer key {record.key_id} was revoked on "
                                       f"{record.revoked_at.date().isoformat()}", raw, parsed.facts, signer)
        return Verification(True, None, raw, parsed.facts, signer, _local(session, parsed.facts))
    return Verification(False, "signature does not match", raw)


def verify_file(session, path: Path | str) -> Verification:
    """Decode the QR code of a notice PDF or an image, then verify it."""
    found = qr.read_file(Path(path))
    if not found:
        return Verification(False, f"no QR code found in {Path(path).name}")
    return verify_token(session, found[0])


def verify_input(session, value: str) -> Verification:
    """What `inspector verify` accepts: an existing file, a URL or a bare token."""
    try:
        is_file = Path(value).expanduser().is_file()
    except (OSError, ValueError):  # a long token is no file name
        is_file = False
    return verify_file(session, Path(value).expanduser()) if is_file else verify_token(session, value)
