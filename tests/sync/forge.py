"""Tools for forging and damaging bundles in tests (what an attacker or a bad stick could do)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pyrage
from sqlalchemy import text

from inspector_app.core.sync import canonical, crypto, outer


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rewrap(src: Path, dst: Path, *, sign_key=None, header_edit=None, payload: bytes | None = None,
           raw_header: bytes | None = None, signature: bytes | None = None) -> Path:
    """Rebuild an outer bundle: new payload and/or header edits, re-signed with `sign_key` if given."""
    parts = members(src)
    header = json.loads(parts["header.json"])
    body = parts["payload.age"] if payload is None else payload
    if payload is not None:
        header["payload_sha256"] = hashlib.sha256(body).hexdigest()
        header["payload_len"] = len(body)
    if header_edit:
        header_edit(header)
    header_bytes = raw_header if raw_header is not None else canonical.dumps(header, floats=False)
    if signature is None:
        signature = crypto.sign(sign_key, header_bytes) if sign_key is not None else parts["header.sig"]
    tmp = dst.with_suffix(".payload")
    tmp.write_bytes(body)
    outer.write(dst, header_bytes, signature, tmp)
    tmp.unlink()
    return dst


def decrypt_up(path: Path, central) -> bytes:
    return pyrage.decrypt(members(path)["payload.age"], central.keys.identities())


def encrypt_for(central, data: bytes) -> bytes:
    _, pubs = central.keys.trust().enc_recipients()
    return pyrage.encrypt(data, [crypto.age_recipient(p) for p in pubs])


def edit_zip(data: bytes, edits: dict[str, bytes | None],
             extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> bytes:
    """Copy a zip, replacing (bytes) or dropping (None) members, appending raw extra entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in edits:
                if edits[info.filename] is not None:
                    dst.writestr(info.filename, edits[info.filename])
                continue
            dst.writestr(info, src.read(info.filename))
        for info, payload in extra:
            dst.writestr(info, payload)
    return out.getvalue()


def reseal_inner(src: Path, dst: Path, central, sign_key, inner: bytes, *, tag_sha: str | None = None) -> Path:
    """Put a new inner payload.zip into a correctly encrypted, signed outer bundle."""
    def edit(header):
        if tag_sha is not None:
            header["inner_tagmanifest_sha256"] = tag_sha
    return rewrap(src, dst, sign_key=sign_key, payload=encrypt_for(central, inner), header_edit=edit)


def db_fingerprint(engine, skip=("rejected_file", "alert", "audit_log", "central_alembic_version",
                                 "alembic_version")) -> dict:
    """Row count and content hash of every table: proves 'no partial change'."""
    out = {}
    with engine.connect() as c:
        if engine.dialect.name == "sqlite":
            names = [r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='table' "
                                                  "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'establishment_%'"))]
        else:
            names = [r[0] for r in c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname='public'"))]
        for name in sorted(set(names) - set(skip)):
            rows = c.execute(text(f'SELECT * FROM "{name}"')).fetchall()
            out[name] = (len(rows), hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest())
    return out


def raw_zip(entries, *, point_to: dict[int, int] | None = None) -> bytes:
    """A zip written by hand: entries are (name, method, crc, compressed bytes, declared size, mode).

    `point_to` makes central-directory entry i reuse entry j's local header (overlapping entries).
    """
    import struct
    local, central, offsets, size_so_far = [], [], [], 0
    for name, method, crc, data, size, _mode in entries:
        encoded = name.encode("utf-8")
        offsets.append(size_so_far)
        chunk = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                            len(encoded), 0) + encoded + data
        local.append(chunk)
        size_so_far += len(chunk)
    for index, (name, method, crc, data, size, mode) in enumerate(entries):
        encoded = name.encode("utf-8")
        offset = offsets[(point_to or {}).get(index, index)]
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 20, 0x800, method, 0, 0x21, crc,
                                   len(data), size, len(encoded), 0, 0, 0, 0, mode << 16, offset) + encoded)
    local_bytes, central_bytes = b"".join(local), b"".join(central)
    count = len(entries)
    tail = b""
    if count > 0xFFFF:  # zip64 end of central directory record and locator
        at = len(local_bytes) + len(central_bytes)
        tail = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central_bytes),
                           len(local_bytes))
        tail += struct.pack("<IIQI", 0x07064B50, 0, at, 1)
        count = 0xFFFF
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central_bytes), len(local_bytes), 0)
    return local_bytes + central_bytes + tail + end


def stored(name: str, data: bytes, mode: int = 0o100644):
    import zlib
    return (name, 0, zlib.crc32(data), data, len(data), mode)


def deflated(name: str, data: bytes, mode: int = 0o100644, declared: int | None = None):
    import zlib
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = packer.compress(data) + packer.flush()
    return (name, 8, zlib.crc32(data), body, len(data) if declared is None else declared, mode)


def resign_ops(src: Path, dst: Path, central, sign_key, edit, *, bundle_id: str | None = None) -> Path:
    """A complete, consistent bundle with `edit(ops)` applied to the ops of `src`, its bag rebuilt and signed,
    and its header re-signed with `sign_key`: what the owner of a laptop's key can make (blobs carried over)."""
    from inspector_app.core.sync import bag
    from inspector_app.core.sync.bundle import bag_info
    inner = decrypt_up(src, central)
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        ops = [json.loads(line) for line in zf.read("data/ops.jsonl").splitlines()]
        blobs = {name: zf.read(name) for name in zf.namelist() if name.startswith("data/blobs/")}
    ops = edit(ops) or ops
    header = json.loads(members(src)["header.json"])
    if bundle_id:
        header["bundle_id"] = bundle_id
    inner_path = dst.with_suffix(".inner")
    writer = bag.BagWriter(inner_path)
    writer.add_lines("data/ops.jsonl", (canonical.dumps(op) for op in ops))
    for name, data in blobs.items():
        writer.add_bytes(name, data, compress=False)
    tag_sha = writer.finish(bag_info(header), sign_key)
    body = encrypt_for(central, inner_path.read_bytes())
    inner_path.unlink()
    return rewrap(src, dst, sign_key=sign_key, payload=body,
                  header_edit=lambda h: h.update(bundle_id=header["bundle_id"], inner_tagmanifest_sha256=tag_sha))
