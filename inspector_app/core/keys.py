"""This laptop's keys, and the public keys the store knows.

Each device makes an Ed25519 key (signs notices' QR tokens and sync bundles)
and an X25519 key (receives encrypted downward bundles) at `inspector init`.
Private keys stay in the data folder's keys/ (owner-only files); public keys
go to the known_key table, where keys of other devices and of central join
them later, so verification works offline.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlmodel import select

from .errors import StoreError
from .files import fsync_dir
from .models import KnownKey, SyncState, utcnow

SIGN_FILE, ENC_FILE = "device_sign.pem", "device_enc.pem"
NEXT_SIGN_FILE, NEXT_ENC_FILE = "device_sign.next.pem", "device_enc.next.pem"
RETIRED_DIR = "retired"
THIS_LAPTOP = "this laptop"


def raw_public(key) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    """A short, stable name for a public key: 16 hex characters of its SHA-256."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class DeviceKeys:
    device_id: str
    sign: Ed25519PrivateKey
    enc: X25519PrivateKey

    @property
    def sign_key_id(self) -> str:
        return key_id(raw_public(self.sign.public_key()))

    @property
    def enc_key_id(self) -> str:
        return key_id(raw_public(self.enc.public_key()))


def _write_private(path: Path, key) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # a half-written key (a full disk) would read as a damaged one
        raise


def _read_private(path: Path):
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise StoreError("store.device_key_unreadable", path=str(path), detail=str(exc)) from None


def ensure_device_keys(session, keys_dir: Path) -> DeviceKeys:
    """Create this device's keys once (safe to repeat) and register their public halves."""
    settle_rotation(session, keys_dir)
    device_id = session.exec(select(SyncState.device_id)).one().hex
    sign_path, enc_path = Path(keys_dir) / SIGN_FILE, Path(keys_dir) / ENC_FILE
    if not sign_path.exists():
        _write_private(sign_path, Ed25519PrivateKey.generate())
    if not enc_path.exists():
        _write_private(enc_path, X25519PrivateKey.generate())
    keys = DeviceKeys(device_id, _read_private(sign_path), _read_private(enc_path))
    register_own_keys(session, device_id, keys.sign, keys.enc)
    return keys


def register_own_keys(session, device_id: str, sign: Ed25519PrivateKey, enc: X25519PrivateKey) -> None:
    """Record the public halves of this laptop's keys in known_key (once each)."""
    for kind, private in (("sign", sign), ("enc", enc)):
        public = raw_public(private.public_key())
        if session.get(KnownKey, key_id(public)) is None:
            session.add(KnownKey(key_id=key_id(public), kind=kind, owner="device", device_id=device_id,
                                 public_key=b64(public), label=THIS_LAPTOP, added_at=utcnow()))
    session.flush()


def load_device_keys(session, keys_dir: Path) -> DeviceKeys:
    """This device's keys; a clear error when `inspector init` has not made them."""
    settle_rotation(session, keys_dir)
    sign_path, enc_path = Path(keys_dir) / SIGN_FILE, Path(keys_dir) / ENC_FILE
    if not sign_path.exists() or not enc_path.exists():
        raise StoreError("store.no_device_keys", folder=str(keys_dir))
    device_id = session.exec(select(SyncState.device_id)).one().hex
    return DeviceKeys(device_id, _read_private(sign_path), _read_private(enc_path))


def stage_new_keys(keys_dir: Path) -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    """Write a fresh key pair beside the current one (*.next.pem) for a rotation.

    The rotation's database transaction registers the new public keys; only after
    it commits does promote_staged() put the files in place. A crash in between
    is settled at the next load: registered → promote; not registered → left
    unused until the next rotation replaces them.
    """
    discard_staged(keys_dir)
    sign, enc = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    _write_private(Path(keys_dir) / NEXT_SIGN_FILE, sign)
    _write_private(Path(keys_dir) / NEXT_ENC_FILE, enc)
    return sign, enc


def discard_staged(keys_dir: Path) -> None:
    for name in (NEXT_SIGN_FILE, NEXT_ENC_FILE):
        (Path(keys_dir) / name).unlink(missing_ok=True)


def promote_staged(keys_dir: Path) -> None:
    """Make the staged keys current. The old encryption key is kept in retired/ (downward bundles
    already on their way were encrypted to it); the old signing key is destroyed, so it can sign
    nothing new even if this laptop is later stolen."""
    keys_dir = Path(keys_dir)
    old_enc = keys_dir / ENC_FILE
    if not (keys_dir / NEXT_ENC_FILE).exists():
        return  # promoted already (by a concurrent settle)
    if old_enc.exists():
        retired = keys_dir / RETIRED_DIR
        retired.mkdir(exist_ok=True)
        kid = key_id(raw_public(_read_private(old_enc).public_key()))
        os.replace(old_enc, retired / f"enc-{kid}.pem")
    os.replace(keys_dir / NEXT_ENC_FILE, old_enc)
    os.replace(keys_dir / NEXT_SIGN_FILE, keys_dir / SIGN_FILE)
    fsync_dir(keys_dir)


def settle_rotation(session, keys_dir: Path) -> None:
    """Finish a rotation whose transaction committed but whose files were not yet promoted (a crash).

    Staged keys the database does not know are left alone: they may belong to a
    rotation still running in another process; the next rotation replaces them.
    """
    staged_sign = Path(keys_dir) / NEXT_SIGN_FILE
    if not staged_sign.exists() or not (Path(keys_dir) / NEXT_ENC_FILE).exists():
        return
    try:
        kid = key_id(raw_public(_read_private(staged_sign).public_key()))
    except StoreError:
        return
    record = session.get(KnownKey, kid)
    if record is not None and record.owner == "device" and record.label == THIS_LAPTOP:
        promote_staged(keys_dir)


def retired_enc_keys(keys_dir: Path) -> list[X25519PrivateKey]:
    """Encryption keys this laptop rotated away from, for downward bundles sealed before central knew."""
    folder = Path(keys_dir) / RETIRED_DIR
    return [_read_private(path) for path in sorted(folder.glob("enc-*.pem"))] if folder.is_dir() else []


def verifying_key(session, kid: str) -> tuple[Ed25519PublicKey, KnownKey] | None:
    """A known, unrevoked signing key by id, with its record; None if unknown."""
    record = session.get(KnownKey, kid)
    if record is None or record.kind != "sign":
        return None
    return Ed25519PublicKey.from_public_bytes(unb64(record.public_key)), record
