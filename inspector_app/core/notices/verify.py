"""Checking a notice's QR token: structure, a known and unrevoked signer, the signature; then the facts.

Works offline with the keys this store knows (its own, and other laptops'
and central's keys that sync brings in). Facts are only reported for a
token whose signature holds. Where the inspection is in this store, the
result also says whether a newer inspection or an amendment replaced it.
A URL (typed, or read from a QR code) is also checked against the district's
own verification address (address.py): `valid` stays about the token, and
`address.own` is false, with a warning, for a genuine token behind someone
else's address.

The store is read in plain SQL over a DB-API connection (an ORM session's,
or the read-only one of `inspector verify`, which loads no ORM); the QR
readers (zxing, pypdfium2, PIL) load only when a file is given.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .. import codes
from ..reads.store import dashed, dbapi, utc
from . import KIND_TITLES, address, token
from .token import TokenFacts

URL_TOKEN = re.compile(r"/v/([^/?#\s]*)")


@dataclass(frozen=True)
class Verification:
    """The verdict. A refusal names its `code` (core/messages/notices.py, verify.*); `reason` is that
    code's English sentence, the stable text scripts have matched on, and `message` the one in the
    language spoken."""

    valid: bool
    reason: str | None = None
    token: str | None = None
    facts: TokenFacts | None = None  # not token.TokenFacts: the field `token` hides the module here
    signer: dict | None = None
    local: dict = field(default_factory=dict)
    code: str | None = None
    params: dict = field(default_factory=dict)
    # the URL given (None for a bare token) and whether it is the district's own address (None: not checked)
    address: dict = field(default_factory=lambda: {"given": None, "own": None})

    @property
    def foreign_address(self) -> bool:
        """A URL was given and it is not the district's own verification address."""
        return self.address.get("own") is False

    @classmethod
    def refused(cls, code: str, raw: str | None = None, **params) -> Verification:
        from ..messages import render
        return cls(False, render(code, "en", params), raw, code=code, params=params)

    @property
    def message(self) -> str | None:
        from .. import language
        from ..messages import render
        return render(self.code, language.current(), self.params) if self.code else self.reason

    def to_dict(self) -> dict:
        f = self.facts if self.valid else None
        return {
            "valid": self.valid, "reason": self.reason, "code": self.code, "message": self.message,
            "notice_id": str(f.notice_id) if f else None,
            "inspection_id": str(f.inspection_id) if f else None,
            "kind": f.kind if f else None, "kind_label": KIND_TITLES[f.kind] if f else None,
            "result": f.result if f else None,
            "result_label": (codes.label("result", f.result, "zh") or None) if f else None,
            "handling": f.handling if f else None,
            "handling_label": (codes.label("handling", f.handling, "zh") or None) if f else None,
            "date": f.inspected_on.isoformat() if f else None,
            "deadline": f.deadline.isoformat() if f and f.deadline else None,
            "establishment": {"name": f.name, "name_truncated": f.name_truncated,
                              "licence_no": f.licence_no or None} if f else None,
            "signer": self.signer if self.valid else None,
            "number": self.local.get("number"), "current": self.local.get("current"),
            "superseded_by": self.local.get("superseded_by"),
            "address": dict(self.address),
            "token": self.token,
        }

    def warning(self) -> str | None:
        """The line a genuine token behind someone else's address gets, in both languages."""
        if not self.foreign_address:
            return None
        from ..messages import render
        return "\n".join([f"! {render('verify.foreign_address', 'zh', {})}",
                          f"  {render('verify.foreign_address', 'en', {})}",
                          f"  网址 address: {self.address['given']}"])

    def text(self) -> str:
        if not self.valid:
            invalid = f"× 无效 INVALID: {self.message}"
            return invalid + (f"\n  网址也不是本区的核验网址 not the district's address: {self.address['given']}"
                              if self.foreign_address else "")
        assert self.signer is not None  # verify_token() names the signer of every valid token
        d = self.to_dict()
        name = d["establishment"]["name"] + ("…" if d["establishment"]["name_truncated"] else "")
        lines = [f"√ 有效 VALID — {d['kind_label']} ({d['kind']})", *filter(None, [self.warning()]),
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


def _public_key(text: str) -> Ed25519PublicKey:
    """A stored public key: raw bytes, base64url without padding (as keys.b64 writes them)."""
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def _signers(connection, prefix: str) -> list[tuple]:
    return connection.execute(
        """SELECT key_id, owner, device_id, label, public_key, revoked_at FROM known_key
           WHERE kind = 'sign' AND key_id LIKE ? || '%' ORDER BY key_id""", (prefix,)).fetchall()


def _local(connection, facts: token.TokenFacts) -> dict:
    notice = connection.execute("SELECT number FROM notice WHERE id = ?", (facts.notice_id.hex,)).fetchone()
    inspection = connection.execute("SELECT establishment_id, ended_at FROM inspection WHERE id = ?",
                                    (facts.inspection_id.hex,)).fetchone()
    local: dict = {"number": notice[0] if notice else None, "current": None, "superseded_by": None}
    if inspection is None or inspection[1] is None:
        return local
    newer = connection.execute(
        """SELECT id FROM inspection WHERE establishment_id = ? AND status = 'finalized'
           AND (amends_id = ? OR ended_at > ?) ORDER BY ended_at DESC LIMIT 1""",
        (inspection[0], facts.inspection_id.hex, inspection[1])).fetchone()
    local.update(current=newer is None, superseded_by=dashed(newer[0]) if newer else None)
    return local


def verify_token(db, text: str, *, own_base: str | None = None) -> Verification:
    """Verify a token or verification URL against the keys this store knows (`db`: a session or a
    sqlite3 connection). With `own_base` (address.own_base), a URL is also checked to be the
    district's own verification address."""
    raw = extract_token(text)
    text = (text or "").strip()
    given = text if "://" in text or URL_TOKEN.search(text) else None
    own = address.is_own(given, raw, own_base) if given and own_base else None
    return dataclasses.replace(_verify(db, raw), address={"given": given, "own": own})


def _verify(db, raw: str) -> Verification:
    if not raw:
        return Verification.refused("verify.empty_input")
    try:
        parsed = token.parse(raw)
    except token.TokenError as exc:
        return Verification.refused(exc.code, raw, **exc.params)
    connection = dbapi(db)
    candidates = _signers(connection, parsed.key_prefix)
    if not candidates:
        return Verification.refused("verify.unknown_signer", raw)
    for key_id, owner, device_id, label, public_key, revoked in candidates:
        if not token.signature_ok(parsed, _public_key(public_key)):
            continue
        revoked_at = utc(revoked)
        signer = {"key_id": key_id, "owner": owner, "device_id": device_id, "label": label,
                  "revoked_at": revoked_at.isoformat() if revoked_at else None}
        if revoked_at is not None:
            refused = Verification.refused("verify.revoked", raw, key=key_id, date=revoked_at.date().isoformat())
            return dataclasses.replace(refused, facts=parsed.facts, signer=signer)
        return Verification(True, None, raw, parsed.facts, signer, _local(connection, parsed.facts))
    return Verification.refused("verify.bad_signature", raw)


def verify_file(db, path: Path | str, *, own_base: str | None = None) -> Verification:
    """Decode the QR code of a notice PDF or an image, then verify it (its URL included)."""
    from . import qr  # PIL and the QR readers: only for a file
    found = qr.read_file(Path(path))
    if not found:
        return Verification.refused("verify.no_qr", file=Path(path).name)
    return verify_token(db, found[0], own_base=own_base)


def verify_input(db, value: str, *, own_base: str | None = None) -> Verification:
    """What `inspector verify` accepts: an existing file, a URL or a bare token."""
    try:
        is_file = Path(value).expanduser().is_file()
    except (OSError, ValueError):  # a long token is no file name
        is_file = False
    if is_file:
        return verify_file(db, Path(value).expanduser(), own_base=own_base)
    return verify_token(db, value, own_base=own_base)
