"""Checks every archive we read passes before a byte of it is used (docs/sync-protocol.md §11, §12).

Untrusted zip headers are not believed: names are allowlisted, entries may not
overlap (CVE-2024-0450 style), and every member is read through a byte limiter.
"""

from __future__ import annotations

import hashlib
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator

from .errors import SyncRejected

CHUNK = 1 << 16
LOCAL_HEADER = 30


def open_zip(path, *, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise SyncRejected("truncated", f"{what}: {exc} (no intact central directory)") from None
    except (OSError, ValueError, EOFError) as exc:
        raise SyncRejected("malformed", f"{what}: {exc}") from None


def check_entries(zf: zipfile.ZipFile, *, what: str, allowed: Callable[[str], object], max_entries: int,
                  max_member: Callable[[str], int], max_total: int, max_ratio: int = 200,
                  methods=(zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)) -> list[zipfile.ZipInfo]:
    """Validate names, types, sizes and layout of every entry; returns the entries."""
    infos = zf.infolist()
    if len(infos) > max_entries:
        raise SyncRejected("zip_bomb", f"{what} has {len(infos)} entries (at most {max_entries})")
    seen, folded, total = set(), set(), 0
    for info in infos:
        name = info.filename
        if "\\" in name or "\x00" in name or name.startswith("/") or ".." in name.split("/"):
            raise SyncRejected("unsafe_zip", f"{what}: unsafe path {name!r}")
        if unicodedata.normalize("NFC", name) != name:
            raise SyncRejected("unsafe_zip", f"{what}: {name!r} is not in Unicode NFC form")
        if not allowed(name):
            raise SyncRejected("unsafe_zip", f"{what}: unexpected entry {name!r}")
        if name in seen or name.casefold() in folded:
            raise SyncRejected("unsafe_zip", f"{what}: duplicate entry {name!r}")
        seen.add(name)
        folded.add(name.casefold())
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if info.is_dir() or (kind and kind != stat.S_IFREG):
            raise SyncRejected("unsafe_zip", f"{what}: {name!r} is not a plain file")
        if info.flag_bits & 0x1:
            raise SyncRejected("unsafe_zip", f"{what}: {name!r} is zip-encrypted")
        if info.compress_type not in methods:
            raise SyncRejected("unsafe_zip", f"{what}: {name!r} uses compression method {info.compress_type}")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise SyncRejected("malformed", f"{what}: {name!r} sizes disagree")
        if info.file_size > max_member(name):
            raise SyncRejected("zip_bomb", f"{what}: {name!r} declares {info.file_size} bytes")
        if info.file_size > (1 << 20) and info.file_size > max_ratio * max(info.compress_size, 1):
            raise SyncRejected("zip_bomb", f"{what}: {name!r} expands more than {max_ratio}:1")
        total += info.file_size
    if total > max_total:
        raise SyncRejected("zip_bomb", f"{what} would expand to {total} bytes (at most {max_total})")
    _check_layout(zf, infos, what)
    return infos


def _check_layout(zf: zipfile.ZipFile, infos, what: str) -> None:
    """Entries must not overlap each other or the central directory."""
    end = getattr(zf, "start_dir", None)
    spans = sorted(infos, key=lambda i: i.header_offset)
    for index, info in enumerate(spans):
        stop = info.header_offset + LOCAL_HEADER + len(info.orig_filename.encode("utf-8")) + info.compress_size
        limit = spans[index + 1].header_offset if index + 1 < len(spans) else end
        if limit is not None and stop > limit:
            raise SyncRejected("zip_bomb", f"{what}: overlapping entries at {info.filename!r}")


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, what: str) -> Iterator[bytes]:
    """Yield the member's bytes in chunks, never more than its declared size; CRC checked at the end."""
    left = info.file_size
    try:
        with zf.open(info) as handle:
            while True:
                chunk = handle.read(min(CHUNK, left + 1))
                if not chunk:
                    break
                left -= len(chunk)
                if left < 0:
                    raise SyncRejected("zip_bomb", f"{what}: {info.filename!r} is longer than declared")
                yield chunk
    except zipfile.BadZipFile as exc:
        raise SyncRejected("truncated" if "CRC" not in str(exc) else "manifest",
                           f"{what}: {info.filename!r}: {exc}") from None
    except (EOFError, OSError, ValueError, RuntimeError) as exc:
        raise SyncRejected("truncated", f"{what}: {info.filename!r}: {exc}") from None
    if left:
        raise SyncRejected("truncated", f"{what}: {info.filename!r} is shorter than declared")


def read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, what: str) -> bytes:
    return b"".join(read_member(zf, info, what=what))


def hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, what: str) -> str:
    digest = hashlib.sha256()
    for chunk in read_member(zf, info, what=what):
        digest.update(chunk)
    return digest.hexdigest()
