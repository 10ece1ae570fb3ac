"""Rotating this laptop's keys (docs/sync-protocol.md §5.4): `inspector sync rotate-keys`.

Why: a key that may have been copied (a repaired laptop, a backup left on a
shared PC) must stop signing. The old key signs a statement naming the new keys
and `rotation_seq`, the last outbox seq it was used for; the statement joins the
certificate every upward bundle carries. Central then accepts the old key only
for bundles that end at or below rotation_seq (late bundles already on a stick)
and encrypts downward bundles to the new key from then on. Ops are not touched:
the next cumulative export re-sends every unacknowledged one under the new key.

One write transaction records the statement, so no change can slip in between
reading the last seq and switching keys; the key files are staged before and
promoted after the commit (keys.stage_new_keys / settle_rotation).
"""

from __future__ import annotations

from datetime import UTC, datetime

from .. import keys as device_keys
from ..models import KnownKey
from . import crypto, enrolment, trust
from .device_import import max_local_seq


def rotate(store, paths) -> dict:
    """Switch this laptop to fresh keys; returns the old and new key ids and rotation_seq."""
    with store.write() as session:
        enrol, pinned, old = enrolment.require(session, paths.keys)
        new_sign, new_enc = device_keys.stage_new_keys(paths.keys)
        try:
            rotation_seq = max_local_seq(session)
            at = datetime.now(UTC).isoformat(timespec="seconds")
            statement = trust.rotation_statement(old, enrol.grant_serial, new_sign, new_enc, rotation_seq, at)
            cert = dict(enrol.cert)
            cert["rotations"] = [*cert.get("rotations", []), statement]
            trust.verify_cert(cert, pinned)  # the chain we are about to send must verify
            enrol.cert = cert
            session.add(enrol)
            for kid in (old.sign_key_id, old.enc_key_id):
                record = session.get(KnownKey, kid)
                if record is not None:  # kept (not revoked): notices signed before still verify
                    record.label = f"this laptop until seq {rotation_seq}"
            device_keys.register_own_keys(session, old.device_id, new_sign, new_enc)
        except BaseException:
            device_keys.discard_staged(paths.keys)
            raise
    device_keys.promote_staged(paths.keys)
    return {"device_id": old.device_id, "rotation_seq": rotation_seq,
            "old_sign_key_id": old.sign_key_id, "sign_key_id": crypto.key_id(crypto.raw_public(new_sign.public_key())),
            "enc_key_id": crypto.key_id(crypto.raw_public(new_enc.public_key())),
            "rotations": len(cert["rotations"])}
