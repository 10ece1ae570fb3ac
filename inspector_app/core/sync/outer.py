"""The outer .fsib file: a STORED zip of exactly header.json, header.sig and payload.age.

Relays read only this layer: the signed clear header says who sent what to whom,
and the payload's signed SHA-256 proves the encrypted part intact, all without
decrypting anything.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import canonical, zipcheck
from .errors import SyncRejected

NAMES = ("header.json", "header.sig", "payload.age")
MAX_FILE = 4 << 30
MAX_HEADER = 64 << 10
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write(target: Path, header_bytes: bytes, signature: bytes, payload: Path) -> None:
    """Write the three members (fixed timestamps, STORED) and fsync."""
    with open(target, "wb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED) as zf:
            for name, data in (("header.json", header_bytes), ("header.sig", signature)):
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.external_attr = 0o100644 << 16
                zf.writestr(info, data)
            info = zipfile.ZipInfo("payload.age", FIXED_TIME)
            info.external_attr = 0o100644 << 16
            with open(payload, "rb") as source, zf.open(info, "w", force_zip64=True) as member:
                while chunk := source.read(1 << 20):
                    member.write(chunk)
        raw.flush()
        os.fsync(raw.fileno())


@dataclass
class Outer:
    path: Path
    header_bytes: bytes
    header: dict
    signature: bytes
    payload: zipfile.ZipInfo
    zf: zipfile.ZipFile

    def payload_stream(self):
        return self.zf.open(self.payload)

    def payload_sha256(self, cancel=None) -> tuple[str, int]:
        from .errors import check_cancel
        digest, size = hashlib.sha256(), 0
        for n, chunk in enumerate(zipcheck.read_member(self.zf, self.payload, what="payload.age")):
            digest.update(chunk)
            size += len(chunk)
            if n % 256 == 0:
                check_cancel(cancel)
        return digest.hexdigest(), size

    def close(self) -> None:
        self.zf.close()


def read(path: Path) -> Outer:
    """Open and check the outer layer; the header is parsed strictly but not yet trusted."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SyncRejected("malformed", f"cannot read {path.name}: {exc.strerror or exc}") from None
    if size == 0:
        raise SyncRejected("empty", path.name)
    if size > MAX_FILE:
        raise SyncRejected("too_large", f"{path.name} is {size} bytes")
    zf = zipcheck.open_zip(path, what=path.name)
    try:
        infos = zipcheck.check_entries(
            zf, what=path.name, allowed=lambda n: n in NAMES, max_entries=16, max_total=MAX_FILE,
            max_member=lambda n: MAX_FILE if n == "payload.age" else MAX_HEADER, methods=(zipfile.ZIP_STORED,))
        if sorted(i.filename for i in infos) != sorted(NAMES):
            raise SyncRejected("malformed", f"{path.name} must hold exactly {', '.join(NAMES)}")
        by_name = {i.filename: i for i in infos}
        header_bytes = zipcheck.read_small(zf, by_name["header.json"], what=path.name)
        signature = zipcheck.read_small(zf, by_name["header.sig"], what=path.name)
        if len(signature) != 64:
            raise SyncRejected("signature", "header.sig is not an Ed25519 signature")
        header = canonical.loads(header_bytes, what="header.json", max_bytes=MAX_HEADER, floats=False, max_depth=12)
        if not isinstance(header, dict):
            raise SyncRejected("malformed", "header.json is not an object")
        return Outer(path, header_bytes, header, signature, by_name["payload.age"], zf)
    except BaseException:
        zf.close()
        raise
