"""Enrolment: central issues a file (and a QR text) for one laptop; `inspector enrol FILE` applies it.

The file carries central's root public key (pinned by the laptop from then on),
the root-signed key set and a grant signed by central's enrolment key. The
laptop binds its own keys (made at `inspector init`; private keys never leave
it) to the grant: that binding plus the grant is the certificate every upward
bundle carries. A grant may also pin the laptop's device id and keys when
central was given them (`central enrol --request FILE`).
"""

from __future__ import annotations

import base64
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from ..errors import StateError, ValidationError
from ..keys import ensure_device_keys, load_device_keys
from ..models import KnownKey, SyncEnrolment, SyncState, utcnow
from . import canonical, crypto, district_settings, number_blocks, trust
from .errors import SyncRejected

FILE_FORMAT = "fsi-enrol/1"
QR_PREFIX = "FSIENROL1:"
MAX_FILE = 64 << 10


def issue(keys, *, device_name: str, township_code: str, township_name: str, epoch: int = 0,
          request: dict | None = None, district: dict | None = None, hlc: int = 0) -> dict:
    """An enrolment file for one laptop (central side); `request` optionally pins its id and keys;
    `district` the district's settings it set (verification address, 复议机关, court), signed
    (district_settings.py), as of `hlc`."""
    body = {"kind": trust.GRANT_KIND, "serial": uuid.uuid4().hex, "central": keys.name,
            "device_name": device_name, "township": township_name, "township_code": township_code,
            "issued_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if request:
        body.update({k: request[k] for k in ("device_id", "sign_pub", "enc_pub")})
    doc = {"format": FILE_FORMAT, "central": keys.name, "epoch": epoch,
           "root_pub": crypto.pub_b64(keys.root), "keyset": keys.keyset_doc(),
           "grant": crypto.sign_doc(body, keys.current("enrolment"))}
    if district:
        doc["district"] = district_settings.signed_doc(keys, district, hlc)
    return doc


def qr_text(enrolment: dict) -> str:
    """Compact text for a QR code the desktop app can scan (zlib + base64url)."""
    packed = zlib.compress(canonical.dumps(enrolment, floats=False), 9)
    return QR_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii")


def parse(data: bytes | str) -> dict:
    """An enrolment file's content (JSON, or the QR text); raises ValidationError."""
    if isinstance(data, bytes):
        data = data.strip()
        if data.startswith(QR_PREFIX.encode()):
            data = data.decode("ascii", "replace")
    if isinstance(data, str) and data.strip().startswith(QR_PREFIX):
        try:
            data = zlib.decompressobj().decompress(base64.urlsafe_b64decode(data.strip()[len(QR_PREFIX):]), MAX_FILE)
        except (ValueError, zlib.error):
            raise ValidationError("enrolment.qr_damaged", field="file") from None
    try:
        doc = canonical.loads(data, what="the enrolment file", max_bytes=MAX_FILE, floats=False)
    except SyncRejected as exc:
        raise ValidationError("enrolment.not_a_file", field="file", detail=exc.message) from None
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        raise ValidationError("enrolment.wrong_format", field="file")
    return doc


IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"%PDF-")


def read_file(path: Path) -> bytes | str:
    """An enrolment file's content: the JSON file, or a photo/scan (PNG, JPEG, PDF) of its QR code."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("enrolment.unreadable", field="file", path=str(path),
                              detail=str(exc.strerror or exc)) from None
    if not data.startswith(IMAGE_MAGIC):
        return data
    from ..notices.qr import read_file as read_codes
    texts = [t for t in read_codes(path) if t.startswith(QR_PREFIX)]
    if not texts:
        raise ValidationError("enrolment.no_qr", field="file", file=path.name)
    return texts[0]


def enrol(session, keys_dir: Path, data: bytes | str) -> dict:
    """Apply an enrolment file on this laptop (one transaction); returns what it pinned."""
    doc = parse(data)
    try:
        root_pub = trust.unb64(doc["root_pub"])
        body = trust.verify_keyset(doc["keyset"], root_pub)
        pinned = trust.Trust(root_pub=root_pub, keyset=body)
        grant = crypto.verify_doc(doc["grant"], pinned.keys("enrolment"), "the enrolment grant")
        told = district_settings.from_enrolment(doc, pinned.keys("enrolment"))  # None: a file from before the field
        blocks = number_blocks.from_enrolment(doc, pinned.keys("enrolment"), str(grant["serial"]))
    except (SyncRejected, KeyError, ValueError, TypeError) as exc:
        raise ValidationError("enrolment.does_not_verify", field="file",
                              detail=str(getattr(exc, "message", exc))) from None
    existing = session.get(SyncEnrolment, 1)
    if existing is not None and existing.root_pub != doc["root_pub"]:
        raise StateError("enrolment.other_central")
    device = ensure_device_keys(session, keys_dir)
    for pinned_field, mine in (("device_id", device.device_id), ("sign_pub", crypto.pub_b64(device.sign)),
                               ("enc_pub", crypto.pub_b64(device.enc))):
        if grant.get(pinned_field) not in (None, mine):
            raise ValidationError("enrolment.other_laptop", field="file", pinned=pinned_field)
    cert = trust.make_cert(doc["grant"], device)
    row = existing or SyncEnrolment(id=1, central=doc["central"], device_name="", grant_serial="", cert={},
                                    root_pub=doc["root_pub"], keyset={})
    row.central, row.device_name, row.township_code = doc["central"], grant["device_name"], grant.get("township_code")
    row.grant_serial, row.cert, row.keyset, row.enrolled_at = grant["serial"], cert, doc["keyset"], utcnow()
    if told is not None:
        district_settings.remember(row, *told)
    session.add(row)
    remember_keyset(session, body, root_pub)
    for block in blocks:  # the first document numbers (docs/sync-protocol.md §6)
        number_blocks.apply_row(session, block)
    state = session.exec(select(SyncState)).one()
    if doc.get("epoch", 0) > state.central_epoch and state.central_usn_applied == 0:
        state.central_epoch = doc["epoch"]
    session.flush()
    return {"device_id": device.device_id, "device_name": grant["device_name"], "central": doc["central"],
            "township": grant.get("township"), "root_key_id": crypto.key_id(root_pub),
            "grant_serial": grant["serial"], "verify_url": (row.district or {}).get("verify_url")}


def remember_keyset(session, body: dict, root_pub: bytes) -> None:
    """Record central's public keys in known_key (statuses follow the key set)."""
    entries = [("root", "sign", crypto.key_id(root_pub), crypto.b64(root_pub), "current")]
    for role, kind in (("enrolment", "sign"), ("signing", "sign"), ("enc", "enc")):
        entries += [(role, kind, e["key_id"], e["pub"], e["status"]) for e in body[role]]
    for role, kind, kid, pub, status in entries:
        record = session.get(KnownKey, kid)
        if record is None:
            record = KnownKey(key_id=kid, kind=kind, owner="root" if role == "root" else "central",
                              public_key=pub, label=f"central {role}", added_at=utcnow())
            session.add(record)
        if status == "revoked" and record.revoked_at is None:
            record.revoked_at = utcnow()


def load(session) -> tuple[SyncEnrolment, trust.Trust] | None:
    """This laptop's enrolment and what it trusts, or None when not enrolled."""
    row = session.get(SyncEnrolment, 1)
    if row is None:
        return None
    root_pub = trust.unb64(row.root_pub)
    return row, trust.Trust(root_pub=root_pub, keyset=trust.verify_keyset(row.keyset, root_pub))


def require(session, keys_dir: Path):
    """(enrolment, trust, device keys) or a clear error."""
    loaded = load(session)
    if loaded is None:
        raise StateError("sync.not_enrolled")
    return (*loaded, load_device_keys(session, keys_dir))
