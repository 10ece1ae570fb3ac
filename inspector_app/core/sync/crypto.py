"""Signatures (Ed25519, `cryptography`) and encryption (age v1 X25519, `pyrage`).

age's STREAM format authenticates every 64 KiB chunk and flags the last one, so a
truncated ciphertext fails to decrypt. age does not say who encrypted; bundles are
signed separately (header.sig, tagmanifest.sig) with sender and recipient inside
the signed header. Keys are raw 32-byte values; age wants them as Bech32 strings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ..keys import b64, key_id, raw_public, unb64
from . import canonical
from .errors import SyncRejected

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= _GEN[i] if (top >> i) & 1 else 0
    return chk


def bech32(hrp: str, data: bytes) -> str:
    """Bech32 (BIP 173) as age uses it for keys."""
    acc = bits = 0
    words = []
    for byte in data:
        acc, bits = (acc << 8) | byte, bits + 8
        while bits >= 5:
            bits -= 5
            words.append((acc >> bits) & 31)
    if bits:
        words.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(expanded + words + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[w] for w in words + checksum)


def age_recipient(public_raw: bytes):
    return pyrage.x25519.Recipient.from_str(bech32("age", public_raw))


def age_identity(private: X25519PrivateKey):
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    return pyrage.x25519.Identity.from_str(bech32("age-secret-key-", raw).upper())


def encrypt_file(source: Path, target: Path, recipients_raw: list[bytes]) -> None:
    """age-encrypt `source` to every recipient (current and next keys) into `target`."""
    recipients = [age_recipient(raw) for raw in recipients_raw]
    with open(source, "rb") as reader, open(target, "wb") as writer:
        pyrage.encrypt_io(reader, writer, recipients)
        writer.flush()
        os.fsync(writer.fileno())


class _CappedWriter:
    """A writer that refuses to grow past `cap` bytes (decryption output limit)."""

    def __init__(self, handle, cap: int):
        self.handle, self.cap, self.written = handle, cap, 0

    def write(self, data) -> int:
        self.written += len(data)
        if self.written > self.cap:
            raise OverflowError("decrypted payload exceeds the limit")
        return self.handle.write(data)

    def flush(self):
        self.handle.flush()

    def writable(self):
        return True


def decrypt_to(reader, target: Path, identities: list, cap: int) -> int:
    """Stream-decrypt `reader` into `target`, a new owner-only file (the plaintext holds personal data;
    put it in a scratch.private_dir, which removes it by any path); a missing final chunk or a wrong key
    is refused."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "wb") as handle:
        writer = _CappedWriter(handle, cap)
        try:
            pyrage.decrypt_io(reader, writer, identities)
        except OverflowError:
            raise SyncRejected("zip_bomb", f"the decrypted payload is larger than {cap} bytes") from None
        except pyrage.DecryptError as exc:
            text = str(exc)
            if "No matching keys" in text:
                raise SyncRejected("decrypt", "not encrypted to any key this machine holds") from None
            raise SyncRejected("decrypt", f"age: {text}") from None
        except OSError as exc:  # pyrage reports a bad or missing last chunk as an I/O error
            raise SyncRejected("truncated", f"age payload: {exc}") from None
        return writer.written


def sign(private: Ed25519PrivateKey, data: bytes) -> bytes:
    return private.sign(data)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


def sign_doc(body: dict, private: Ed25519PrivateKey) -> dict:
    """A signed document: {"body", "signer": key id, "sig": base64url Ed25519 over canonical(body)}."""
    return {"body": body, "signer": key_id(raw_public(private.public_key())),
            "sig": b64(private.sign(canonical.dumps(body, floats=False)))}


def verify_doc(doc, keys: dict[str, bytes], what: str) -> dict:
    """The body of `doc` if one of `keys` (key id → raw public key) signed it; else SyncRejected."""
    if not isinstance(doc, dict) or set(doc) != {"body", "signer", "sig"} or not isinstance(doc["body"], dict):
        raise SyncRejected("malformed", f"{what} is not a signed document")
    public = keys.get(doc["signer"]) if isinstance(doc["signer"], str) else None
    if public is None:
        raise SyncRejected("untrusted_sender", f"{what} is signed by an unknown key {doc['signer']!r}")
    try:
        signature = unb64(doc["sig"])
        data = canonical.dumps(doc["body"], floats=False)
    except (ValueError, TypeError):
        raise SyncRejected("malformed", f"{what} has an unreadable signature") from None
    if not verify(public, signature, data):
        raise SyncRejected("signature", f"{what} signature does not verify")
    return doc["body"]


def pub_b64(private) -> str:
    return b64(raw_public(private.public_key()))


__all__ = ["b64", "unb64", "key_id", "raw_public", "sign", "verify", "sign_doc", "verify_doc", "encrypt_file",
           "decrypt_to", "age_identity", "age_recipient", "pub_b64"]
