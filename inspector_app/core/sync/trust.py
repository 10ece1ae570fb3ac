"""Who may send what: central's root-signed key set, enrolment grants and device certificates.

- Key set (signed by central's root key, which devices pin at enrolment):
  enrolment, bundle-signing and X25519 encryption keys with key ids and a status
  (current | next | retired | revoked). Retired keys stay listed: old certificates
  and late bundles still verify and decrypt.
- Grant (signed by an enrolment key): issued by `inspector central enrol` for one
  laptop by name and township; it may pin the laptop's device id and keys.
- Device certificate: the grant plus the laptop's binding {device_id, sign_pub,
  enc_pub, serial, not_before}, signed by the laptop's own key (proof of
  possession). Every upward header carries it, so central can register a laptop
  it has never seen; the grant's serial binds to the first laptop that uses it.
- Key rotation: statements appended to the certificate, each signed by the key
  it retires, naming the new keys and `rotation_seq`, the last outbox seq the
  old key may sign (docs/sync-protocol.md §5.4). The chain ends at the key in use.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import crypto
from .crypto import key_id, unb64
from .errors import SyncRejected

KEYSET_KIND, GRANT_KIND, CERT_KIND = "fsi-keyset/1", "fsi-grant/1", "fsi-cert/1"
ROTATION_KIND = "fsi-rotation/1"
ACTIVE = ("current", "next")
MAX_ROTATIONS = 64


def _raw(value, what: str) -> bytes:
    try:
        raw = unb64(value)
    except (ValueError, TypeError, AttributeError):
        raise SyncRejected("malformed", f"{what} is not a base64url key") from None
    if len(raw) != 32:
        raise SyncRejected("malformed", f"{what} is not a 32-byte key")
    return raw


def verify_keyset(doc, root_pub: bytes) -> dict:
    body = crypto.verify_doc(doc, {key_id(root_pub): root_pub}, "the central key set")
    if body.get("kind") != KEYSET_KIND or body.get("root") != key_id(root_pub):
        raise SyncRejected("malformed", "the central key set has the wrong kind or root")
    for role in ("enrolment", "signing", "enc"):
        entries = body.get(role)
        if not isinstance(entries, list) or not entries:
            raise SyncRejected("malformed", f"the central key set has no {role} keys")
        for entry in entries:
            if not isinstance(entry, dict) or key_id(_raw(entry.get("pub"), f"{role} key")) != entry.get("key_id"):
                raise SyncRejected("malformed", f"a {role} key's id does not match the key")
    return body


@dataclass
class Trust:
    """What a machine trusts: the pinned root key and the newest verified key set (None on a bare relay)."""

    root_pub: bytes | None = None
    keyset: dict | None = None

    def keys(self, role: str, statuses=("current", "next", "retired")) -> dict[str, bytes]:
        if not self.keyset:
            return {}
        return {e["key_id"]: unb64(e["pub"]) for e in self.keyset[role] if e.get("status") in statuses}

    def enc_recipients(self) -> tuple[list[str], list[bytes]]:
        active = self.keys("enc", ACTIVE)
        return list(active), list(active.values())

    def adopt(self, doc) -> dict:
        """Verify a key set against the pinned root; keep it if newer. Returns its body."""
        if self.root_pub is None:
            raise SyncRejected("untrusted_sender", "this machine has no pinned central root key")
        body = verify_keyset(doc, self.root_pub)
        if self.keyset is None or body.get("serial", 0) > self.keyset.get("serial", 0):
            self.keyset = body
        return body


@dataclass(frozen=True)
class Sender:
    device_id: str  # "central" for central
    sign_pub: bytes
    enc_pub: bytes | None = None
    serial: str | None = None
    name: str | None = None
    township: str | None = None
    chained: bool = True  # False: a relay without central's keys checked the self-signature only
    cert: dict | None = None
    # Keys this laptop rotated away from, oldest first: (key id, raw public key, last seq it may sign).
    retired: tuple[tuple[str, bytes, int], ...] = ()

    def key_history(self) -> list[dict]:
        """Every signing key of the chain, oldest first, with the last seq each may sign (None: current)."""
        rows = [{"key_id": kid, "pub": crypto.b64(pub), "through_seq": seq} for kid, pub, seq in self.retired]
        return rows + [{"key_id": key_id(self.sign_pub), "pub": crypto.b64(self.sign_pub), "through_seq": None}]


def make_cert(grant_doc: dict, device_keys) -> dict:
    """The laptop's certificate: the grant plus its signed binding of its own keys."""
    grant = grant_doc["body"]
    binding = {"device_id": device_keys.device_id, "sign_pub": crypto.pub_b64(device_keys.sign),
               "enc_pub": crypto.pub_b64(device_keys.enc), "serial": grant["serial"],
               "not_before": grant["issued_at"]}
    signed = crypto.sign_doc(binding, device_keys.sign)
    return {"kind": CERT_KIND, "grant": grant_doc, "binding": signed}


def rotation_statement(device_keys, serial: str, new_sign, new_enc, rotation_seq: int, at: str) -> dict:
    """The laptop's statement that its key changes: signed by the old key, valid for seq ≤ rotation_seq."""
    body = {"kind": ROTATION_KIND, "device_id": device_keys.device_id, "serial": serial,
            "from_key_id": device_keys.sign_key_id, "sign_pub": crypto.pub_b64(new_sign),
            "enc_pub": crypto.pub_b64(new_enc), "rotation_seq": int(rotation_seq), "at": at}
    return crypto.sign_doc(body, device_keys.sign)


def _follow_rotations(rotations, device_id, serial, sign_pub: bytes, enc_pub: bytes):
    """Walk the rotation chain from the enrolled keys; returns (sign_pub, enc_pub, retired)."""
    if rotations is None:
        return sign_pub, enc_pub, ()
    if not isinstance(rotations, list) or len(rotations) > MAX_ROTATIONS:
        raise SyncRejected("malformed", "the device certificate's key rotations are malformed")
    retired, last_seq = [], 0
    for doc in rotations:
        current = key_id(sign_pub)
        body = crypto.verify_doc(doc, {current: sign_pub}, "a key rotation")
        seq = body.get("rotation_seq")
        if (body.get("kind") != ROTATION_KIND or body.get("device_id") != device_id
                or body.get("serial") != serial or body.get("from_key_id") != current
                or not isinstance(seq, int) or isinstance(seq, bool) or seq < last_seq):
            raise SyncRejected("untrusted_sender", "a key rotation does not continue the certificate's chain")
        retired.append((current, sign_pub, seq))
        sign_pub = _raw(body.get("sign_pub"), "a rotated signing key")
        enc_pub = _raw(body.get("enc_pub"), "a rotated encryption key")
        if key_id(sign_pub) in {kid for kid, _, _ in retired}:
            raise SyncRejected("untrusted_sender", "a key rotation returns to a retired key")
        last_seq = seq
    return sign_pub, enc_pub, tuple(retired)


def verify_cert(cert, trust: Trust | None) -> Sender:
    """Check a device certificate; `trust` without a key set checks the self-signature only."""
    if not isinstance(cert, dict) or cert.get("kind") != CERT_KIND or not isinstance(cert.get("binding"), dict):
        raise SyncRejected("malformed", "the device certificate is malformed")
    binding_body = cert["binding"].get("body")
    if not isinstance(binding_body, dict):
        raise SyncRejected("malformed", "the device certificate has no binding")
    sign_pub = _raw(binding_body.get("sign_pub"), "the device signing key")
    enc_pub = _raw(binding_body.get("enc_pub"), "the device encryption key")
    crypto.verify_doc(cert["binding"], {key_id(sign_pub): sign_pub}, "the device key binding")
    grant_doc = cert.get("grant")
    chained = bool(trust and trust.keyset)
    if trust is not None and chained:
        grant = crypto.verify_doc(grant_doc, trust.keys("enrolment"), "the enrolment grant")
    elif isinstance(grant_doc, dict) and isinstance(grant_doc.get("body"), dict):
        grant = grant_doc["body"]
    else:
        raise SyncRejected("malformed", "the device certificate has no grant")
    if grant.get("kind") != GRANT_KIND or grant.get("serial") != binding_body.get("serial"):
        raise SyncRejected("untrusted_sender", "the device binding does not belong to its grant")
    for pinned in ("device_id", "sign_pub", "enc_pub"):
        if grant.get(pinned) is not None and grant[pinned] != binding_body.get(pinned):
            raise SyncRejected("untrusted_sender", f"the grant was issued for another {pinned}")
    device_id = binding_body.get("device_id")
    if not isinstance(device_id, str) or len(device_id) != 32:
        raise SyncRejected("malformed", "the device id in the certificate is malformed")
    sign_pub, enc_pub, retired = _follow_rotations(cert.get("rotations"), device_id, grant["serial"],
                                                   sign_pub, enc_pub)
    return Sender(device_id=device_id, sign_pub=sign_pub, enc_pub=enc_pub, serial=grant["serial"],
                  name=grant.get("device_name"), township=grant.get("township_code"), chained=chained,
                  cert=cert, retired=retired)


def verify_sender(sender, trust: Trust | None) -> Sender:
    """The header's sender block → who signed, checked as far as `trust` allows."""
    if not isinstance(sender, dict) or not isinstance(sender.get("device_id"), str):
        raise SyncRejected("malformed", "the header has no sender")
    if sender["device_id"] == "central":
        if trust is None or trust.root_pub is None:
            doc = sender.get("keyset")
            body = doc.get("body") if isinstance(doc, dict) else None
            keys = {e["key_id"]: unb64(e["pub"]) for e in (body or {}).get("signing", [])
                    if isinstance(e, dict) and "key_id" in e}
            chained = False
        else:
            body = trust.adopt(sender.get("keyset"))
            keys = {e["key_id"]: unb64(e["pub"]) for e in body["signing"] if e.get("status") != "revoked"}
            revoked = {e["key_id"] for e in (trust.keyset or {}).get("signing", []) if e.get("status") == "revoked"}
            keys = {k: v for k, v in keys.items() if k not in revoked}
            chained = True
        public = keys.get(sender.get("key_id"))
        if public is None:
            raise SyncRejected("untrusted_sender", "the bundle is signed by a key that is not central's")
        return Sender(device_id="central", sign_pub=public, chained=chained)
    identity = verify_cert(sender.get("cert"), trust)
    if identity.device_id != sender["device_id"] or key_id(identity.sign_pub) != sender.get("key_id"):
        raise SyncRejected("untrusted_sender", "the header's sender does not match its certificate")
    return identity
