"""What the district says about a notice's QR token: genuine or not, and whether it is still current.

The public page (web/verify_page.py) shows this to whoever scans a notice. The
token's structure and signature are checked by core (core/notices/token.py);
the signer must be a laptop the district enrolled (its key from the device's
certificate or key history, or the keys an enrolment pinned). Whether the
notice is current comes from the records laptops sent: a finalized amendment
or a later finalized inspection of the same establishment supersedes it, and
so does a closed or cancelled rectification order of the inspection.

Nothing personal leaves here: the verdict holds the token's facts (what the
paper says), the establishment's full name when the token cut it short, and
dates; never phone, ID or credential numbers. Pure: one read-only connection in,
a Verdict out (docs/architecture.md, central/).
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Text, bindparam, func, literal_column, select

from ..core.notices import token
from ..core.sync.crypto import key_id, unb64
from . import models as m

# How a refusal is answered: garbage is a bad request, a well-formed token nobody genuine signed is not found.
STATUS = {"verify.malformed": 400, "verify.truncated": 400, "verify.unsupported_version": 400,
          "verify.empty_input": 400, "verify.unknown_signer": 404, "verify.bad_signature": 404,
          "verify.revoked": 404}
SUPERSEDED_BY = ("amended", "later_inspection", "order_closed")
TOKEN_MAX = 400  # base32 characters; the longest token (core/notices/token.py) has 258


@dataclass(frozen=True)
class Superseded:
    why: str  # one of SUPERSEDED_BY
    on: str | None  # ISO date of what superseded it


@dataclass(frozen=True)
class Verdict:
    """`genuine` with facts, or a refusal `code` (core/messages/notices.py verify.*).

    `known` says whether the district has the inspection yet; `superseded` is None while current."""

    genuine: bool
    code: str | None = None
    facts: token.TokenFacts | None = None
    name: str | None = None  # the establishment's name to show (the full one where the token cut it)
    known: bool = False
    superseded: Superseded | None = None

    @property
    def status(self) -> int:
        return 200 if self.genuine else STATUS.get(self.code or "", 400)

    @property
    def current(self) -> bool | None:
        """True: the latest word on this establishment; False: superseded; None: not received yet."""
        if not self.genuine or not self.known:
            return None
        return self.superseded is None


@functools.lru_cache(maxsize=4096)
def _public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


@functools.cache
def _statements(dialect: str) -> dict:
    """The page's queries, built once per dialect (building a statement costs more than running it here)."""
    r, d = m.record.c, m.device.c

    def json_text(key: str):  # spelled exactly as migration c0005's partial indexes, so the lookups use them
        if dialect == "postgresql":
            return r.data.op("->>", return_type=Text)(literal_column(f"'{key}'"))
        return func.json_extract(r.data, literal_column(f"'$.{key}'"), type_=Text)

    return {
        "current_keys": select(d.sign_key_id, d.cert, d.key_history, d.revoked_at)
        .where(d.sign_key_id.like(bindparam("prefix"))),
        "record": select(r.data).where(r.entity == bindparam("entity"), r.id == bindparam("id"),
                                       r.deleted.is_(False)),
        # a literal entity and path: an index's WHERE and expression never match a parameter
        "same_establishment": select(r.id, r.ref, r.data).where(
            r.entity == literal_column("'inspection'"), json_text("establishment_id") == bindparam("establishment"),
            r.deleted.is_(False), r.id != bindparam("id")),
        "orders": select(r.data, r.updated_at).where(
            r.entity == literal_column("'rectification_order'"), json_text("inspection_id") == bindparam("id"),
            r.deleted.is_(False)),
    }


def _run(connection, name: str, **params):
    return connection.execute(_statements(connection.dialect.name)[name], params)


def signer_keys(connection, prefix: str) -> list[tuple[str, str, bool]]:
    """(key id, public key, revoked) of the registered laptops' current keys whose id starts with `prefix`
    (one query: almost every notice)."""
    return [(row.sign_key_id, _current_pub(row), row.revoked_at is not None)
            for row in _run(connection, "current_keys", prefix=f"{prefix}%")]


def other_signer_keys(connection, prefix: str) -> list[tuple[str, str, bool]]:
    """The same for the keys laptops used before a rotation and the keys an enrolment pinned before its
    laptop's first bundle (a rotated laptop's old notices, a laptop that never synced)."""
    d = m.device.c
    found: list[tuple[str, str, bool]] = []
    for row in connection.execute(select(d.key_history, d.revoked_at).where(d.key_history.is_not(None))):
        found += [(h["key_id"], h["pub"], row.revoked_at is not None) for h in row.key_history
                  if str(h["key_id"]).startswith(prefix)]
    g = m.grant.c
    registered = select(m.device.c.grant_serial)
    for row in connection.execute(select(g.sign_pub, g.revoked_at).where(
            g.sign_pub.is_not(None), g.serial.not_in(registered))):
        kid = key_id(unb64(row.sign_pub))
        if kid.startswith(prefix):
            found.append((kid, row.sign_pub, row.revoked_at is not None))
    return found


def _current_pub(row) -> str:
    for entry in row.key_history or ():
        if entry["key_id"] == row.sign_key_id:
            return entry["pub"]
    return row.cert["binding"]["body"]["sign_pub"]


def verify(connection, text: str) -> Verdict:
    """The district's verdict on a token (the text after /v/ in a notice's QR code)."""
    if not text:
        return Verdict(False, "verify.empty_input")
    if len(text) > TOKEN_MAX:  # no token is this long: refuse before decoding whatever was sent
        return Verdict(False, "verify.malformed")
    try:
        parsed = token.parse(text)
    except token.TokenError as exc:
        return Verdict(False, exc.code)
    known = False
    signed: list[bool] = []  # for each key whose signature holds: whether its laptop was revoked
    for keys_of in (signer_keys, other_signer_keys):
        keys = keys_of(connection, parsed.key_prefix)
        known = known or bool(keys)
        signed = [revoked for _kid, pub, revoked in keys if token.signature_ok(parsed, _public(pub))]
        if signed:
            break
    if not signed:
        return Verdict(False, "verify.bad_signature" if known else "verify.unknown_signer")
    facts = parsed.facts
    inspection = _record(connection, "inspection", str(facts.inspection_id))
    if all(signed) and inspection is None:
        # a revoked laptop's notice counts only for an inspection that reached the district before the cut-off
        return Verdict(False, "verify.revoked")
    if inspection is None:
        return Verdict(True, facts=facts, name=facts.name)
    return Verdict(True, facts=facts, name=_name(connection, facts, inspection), known=True,
                   superseded=_superseded(connection, str(facts.inspection_id), inspection))


def _record(connection, entity: str, rid: str) -> dict | None:
    return _run(connection, "record", entity=entity, id=rid).scalar()


def _name(connection, facts: token.TokenFacts, inspection: dict) -> str:
    """The token's name; where the token cut it short, the full name of the same establishment."""
    if not facts.name_truncated:
        return facts.name
    establishment = _record(connection, "establishment", str(inspection.get("establishment_id")))
    full = (establishment or {}).get("name") or ""
    return full if full.startswith(facts.name) else facts.name + "…"


def _when(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _day(text) -> str | None:
    when = _when(text)
    return when.date().isoformat() if when else None


def _superseded(connection, inspection_id: str, inspection: dict) -> Superseded | None:
    finalized = [(row.id, row.ref, row.data) for row in _run(
        connection, "same_establishment", establishment=str(inspection.get("establishment_id")), id=inspection_id)
        if row.data.get("status") == "finalized"]
    amendments = [data for _id, ref, data in finalized if ref == inspection_id]
    if amendments:
        return Superseded("amended", _day(amendments[0].get("ended_at")))
    ended = _when(inspection.get("ended_at"))
    later = [when for _id, _ref, data in finalized
             if (when := _when(data.get("ended_at"))) is not None and ended is not None and when > ended]
    if later:
        return Superseded("later_inspection", min(later).date().isoformat())
    for row in _run(connection, "orders", id=inspection_id):
        if row.data.get("status") in ("closed", "cancelled"):
            return Superseded("order_closed", row.updated_at.date().isoformat() if row.updated_at else None)
    return None
