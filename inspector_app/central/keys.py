"""Central's private keys in <data-dir>/central-keys/ (owner-only files), and its signed key set.

Roles: root (signs the key set; devices pin it), enrolment (signs grants),
signing (signs downward bundles), enc (X25519; upward bundles are encrypted to
the current and the next key). Rotation never deletes a key: retired keys
still verify old certificates and decrypt bundles that arrive weeks late.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ..core.errors import StoreError
from ..core.sync import crypto
from ..core.sync.trust import KEYSET_KIND, Trust

ROLES = ("root", "enrolment", "signing", "enc")
KEYRING = "keyring.json"


def _write_private(path: Path, key) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@dataclass
class CentralKeys:
    folder: Path
    ring: dict
    privates: dict  # key id → private key

    @property
    def name(self) -> str:
        return self.ring["central"]

    def entries(self, role: str, statuses=None) -> list[dict]:
        return [e for e in self.ring["keys"] if e["role"] == role and (statuses is None or e["status"] in statuses)]

    def current(self, role: str):
        (entry,) = self.entries(role, ("current",))
        return self.privates[entry["key_id"]]

    @property
    def root(self) -> Ed25519PrivateKey:
        return self.current("root")

    def keyset_doc(self) -> dict:
        body = {"kind": KEYSET_KIND, "central": self.name, "serial": self.ring["serial"],
                "root": crypto.key_id(crypto.raw_public(self.root.public_key()))}
        for role in ("enrolment", "signing", "enc"):
            body[role] = [{"key_id": e["key_id"], "status": e["status"],
                           "pub": crypto.pub_b64(self.privates[e["key_id"]])} for e in self.entries(role)]
        return crypto.sign_doc(body, self.root)

    def trust(self) -> Trust:
        trust = Trust(root_pub=crypto.raw_public(self.root.public_key()))
        trust.adopt(self.keyset_doc())
        return trust

    def identities(self) -> list:
        """age identities for every encryption key ever used, retired ones included."""
        return [crypto.age_identity(self.privates[e["key_id"]]) for e in self.entries("enc")]


def _new_key(folder: Path, ring: dict, role: str, status: str) -> None:
    key = X25519PrivateKey.generate() if role == "enc" else Ed25519PrivateKey.generate()
    kid = crypto.key_id(crypto.raw_public(key.public_key()))
    _write_private(folder / f"{role}-{kid}.pem", key)
    ring["keys"].append({"role": role, "key_id": kid, "status": status,
                         "created_at": datetime.now(UTC).isoformat(timespec="seconds")})


def init_keys(folder: Path, name: str = "district") -> tuple[CentralKeys, bool]:
    """Make central's keys once (safe to repeat); returns (keys, created)."""
    folder = Path(folder)
    if (folder / KEYRING).exists():
        return load_keys(folder), False
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    ring = {"central": name, "serial": 1, "keys": []}
    for role in ROLES:
        _new_key(folder, ring, role, "current")
    _new_key(folder, ring, "enc", "next")
    _write_json(folder / KEYRING, ring)
    return load_keys(folder), True


def load_keys(folder: Path) -> CentralKeys:
    folder = Path(folder)
    try:
        ring = json.loads((folder / KEYRING).read_text(encoding="utf-8"))
        privates = {e["key_id"]: serialization.load_pem_private_key(
            (folder / f"{e['role']}-{e['key_id']}.pem").read_bytes(), password=None) for e in ring["keys"]}
    except FileNotFoundError:
        raise StoreError("central.no_keys", folder=str(folder)) from None
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError("central.keys_unreadable", folder=str(folder), detail=str(exc)) from None
    return CentralKeys(folder, ring, privates)


def rotate(folder: Path, role: str = "enc") -> CentralKeys:
    """Retire the current key of `role` (enc: promote next, make a new next); bump the key set serial."""
    keys = load_keys(folder)
    ring = keys.ring
    if role not in ROLES or role == "root":
        raise StoreError("central.cannot_rotate", role=role)
    for entry in ring["keys"]:
        if entry["role"] == role and entry["status"] == "current":
            entry["status"] = "retired"
    if role == "enc":
        for entry in ring["keys"]:
            if entry["role"] == "enc" and entry["status"] == "next":
                entry["status"] = "current"
        _new_key(keys.folder, ring, "enc", "next")
    else:
        _new_key(keys.folder, ring, role, "current")
    ring["serial"] += 1
    _write_json(keys.folder / KEYRING, ring)
    return load_keys(folder)
