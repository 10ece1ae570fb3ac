"""The inner payload: a BagIt bag (RFC 8493) zipped, with a signed tag manifest.

Writing streams members in, hashing as it goes. Reading allowlists names,
caps every size, reads each member through a byte limiter while hashing, checks
both manifests, the tag-manifest signature and the header's tag-manifest hash,
and parses ops.jsonl line by line with a per-line cap.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import methodcaller
from pathlib import Path

from . import canonical, crypto, zipcheck
from .errors import SyncRejected, check_cancel

NAME = re.compile(r"^(bagit\.txt|bag-info\.txt|(tag)?manifest-sha256\.txt|tagmanifest\.sig|data/ops\.jsonl"
                  r"|data/acks\.json|data/registry/[a-z_]+\.jsonl|data/blobs/[0-9a-f]{64})$")
TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MAX_ENTRIES = 20_000
MAX_LINE = 4 << 20
MAX_TOTAL = 4 << 30
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_HEXDIGEST = methodcaller("hexdigest")


def _member_cap(name: str) -> int:
    if name.startswith("data/blobs/"):
        return 64 << 20
    if name in ("data/ops.jsonl",) or name.startswith("data/registry/"):
        return 512 << 20
    if name == "data/acks.json":
        return 64 << 20
    return 8 << 20


class BagWriter:
    """Build payload.zip; call finish() once to write the tag files. Returns the tag manifest's SHA-256."""

    def __init__(self, path: Path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # plaintext: owner-only
        self.zf = zipfile.ZipFile(path, "w")
        self.manifest: dict[str, str] = {}
        self.octets = 0

    def _info(self, name: str, compress: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, FIXED_TIME)
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        return info

    def add_bytes(self, name: str, data: bytes, *, compress: bool = True) -> None:
        self.zf.writestr(self._info(name, compress), data, compresslevel=1 if compress else None)
        if name.startswith("data/"):
            self.manifest[name] = hashlib.sha256(data).hexdigest()
            self.octets += len(data)

    def add_lines(self, name: str, lines) -> int:
        """Stream JSON lines (bytes without newline) into a member; returns how many."""
        digest, count = hashlib.sha256(), 0
        with self.zf.open(self._info(name, True), "w", force_zip64=True) as member:
            for line in lines:
                data = line + b"\n"
                member.write(data)
                digest.update(data)
                self.octets += len(data)
                count += 1
        self.manifest[name] = digest.hexdigest()
        return count

    def add_file(self, name: str, source: Path) -> None:
        digest = hashlib.sha256()
        with open(source, "rb") as handle, self.zf.open(self._info(name, False), "w", force_zip64=True) as member:
            while chunk := handle.read(1 << 20):
                member.write(chunk)
                digest.update(chunk)
                self.octets += len(chunk)
        self.manifest[name] = digest.hexdigest()

    def finish(self, info: dict[str, str], sign_key) -> str:
        manifest = "".join(f"{sha}  {name}\n" for name, sha in sorted(self.manifest.items())).encode()
        fields = {"Bagging-Date": datetime.now(UTC).date().isoformat(),
                  "Payload-Oxum": f"{self.octets}.{len(self.manifest)}", **info}
        bag_info = "".join(f"{k}: {v}\n" for k, v in fields.items()).encode("utf-8")
        tags = {"bagit.txt": BAGIT_TXT, "bag-info.txt": bag_info, "manifest-sha256.txt": manifest}
        for name, data in tags.items():
            self.zf.writestr(self._info(name, False), data)
        tagmanifest = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                              for name, data in sorted(tags.items())).encode()
        self.zf.writestr(self._info("tagmanifest-sha256.txt", False), tagmanifest)
        self.zf.writestr(self._info("tagmanifest.sig", False), crypto.b64(crypto.sign(sign_key, tagmanifest)))
        self.zf.close()
        return hashlib.sha256(tagmanifest).hexdigest()


@dataclass
class Bag:
    zf: zipfile.ZipFile
    info: dict[str, str]
    ops: list = field(default_factory=list)
    op_hashes: list = field(default_factory=list)  # SHA-256 of each ops.jsonl line as received
    acks: dict | None = None
    registry: dict[str, list] = field(default_factory=dict)
    blobs: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def blob_chunks(self, sha256: str):
        return zipcheck.read_member(self.zf, self.blobs[sha256], what="payload")

    def close(self) -> None:
        self.zf.close()


def _parse_manifest(data: bytes, what: str) -> dict[str, str]:
    out = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SyncRejected("manifest", f"{what} is not UTF-8") from None
    for line in text.splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        if not match or match.group(2) in out:
            raise SyncRejected("manifest", f"{what}: bad line {line[:80]!r}")
        out[match.group(2)] = match.group(1)
    return out


def _parse_info(data: bytes) -> dict[str, str]:
    out = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SyncRejected("manifest", "bag-info.txt is not UTF-8") from None
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if not sep or key in out:
            raise SyncRejected("manifest", f"bag-info.txt: bad line {line[:80]!r}")
        out[key] = value
    return out


def _json_lines(chunks, what: str) -> tuple[list[bytes], list]:
    """(line bytes, parsed values), with a per-line cap; the last line must end with a newline. Each
    chunk's lines are parsed together, and problems come out in the order of the lines."""
    pending = b""
    all_lines: list[bytes] = []
    values: list = []
    for chunk in chunks:
        *lines, pending = (pending + chunk).split(b"\n")
        if lines and max(map(len, lines)) > MAX_LINE:
            first = next(n for n, line in enumerate(lines) if len(line) > MAX_LINE)
            canonical.loads_lines(lines[:first], what=what)  # a bad line before it is named first
            raise SyncRejected("zip_bomb", f"{what}: a line is longer than {MAX_LINE} bytes")
        values += canonical.loads_lines(lines, what=what)
        all_lines += lines
        if len(pending) > MAX_LINE:
            raise SyncRejected("zip_bomb", f"{what}: a line is longer than {MAX_LINE} bytes")
    if pending:
        raise SyncRejected("truncated", f"{what} does not end with a newline")
    return all_lines, values


def read(path: Path, *, sign_pub: bytes, tagmanifest_sha256: str, expect: dict[str, str], cancel=None) -> Bag:
    """Open and fully verify payload.zip; returns the parsed contents (blobs stay in the zip)."""
    zf = zipcheck.open_zip(path, what="payload")
    try:
        infos = zipcheck.check_entries(zf, what="payload", allowed=NAME.match, max_entries=MAX_ENTRIES,
                                       max_member=_member_cap, max_total=MAX_TOTAL)
        by_name = {i.filename: i for i in infos}
        for name in (*TAG_FILES, "tagmanifest-sha256.txt", "tagmanifest.sig"):
            if name not in by_name:
                raise SyncRejected("manifest", f"the payload has no {name}")
        small = {name: zipcheck.read_small(zf, by_name[name], what="payload")
                 for name in (*TAG_FILES, "tagmanifest-sha256.txt", "tagmanifest.sig")}
        tagmanifest = small["tagmanifest-sha256.txt"]
        try:
            signature = crypto.unb64(small["tagmanifest.sig"].decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            raise SyncRejected("signature", "tagmanifest.sig is unreadable") from None
        if not crypto.verify(sign_pub, signature, tagmanifest):
            raise SyncRejected("signature", "tagmanifest.sig does not verify")
        if hashlib.sha256(tagmanifest).hexdigest() != tagmanifest_sha256:
            raise SyncRejected("manifest", "the tag manifest is not the one the header signed")
        tags = _parse_manifest(tagmanifest, "tagmanifest-sha256.txt")
        if set(tags) != set(TAG_FILES) or any(hashlib.sha256(small[n]).hexdigest() != tags[n] for n in TAG_FILES):
            raise SyncRejected("manifest", "a tag file does not match the tag manifest")
        if small["bagit.txt"] != BAGIT_TXT:
            raise SyncRejected("manifest", "bagit.txt is not a BagIt 1.0 declaration")
        info = _parse_info(small["bag-info.txt"])
        for key, value in expect.items():
            if info.get(key) != value:
                raise SyncRejected("manifest", f"bag-info {key} is {info.get(key)!r}, the header says {value!r}")
        manifest = _parse_manifest(small["manifest-sha256.txt"], "manifest-sha256.txt")
        data_names = {n for n in by_name if n.startswith("data/")}
        if set(manifest) != data_names:
            raise SyncRejected("manifest", "the payload's files and its manifest disagree")
        bag = Bag(zf, info)
        octets = 0
        for name in sorted(data_names):
            check_cancel(cancel)
            digest = hashlib.sha256()
            chunks = _hashing(zipcheck.read_member(zf, by_name[name], what="payload"), digest)
            if name.endswith(".jsonl"):
                lines, rows = _json_lines(chunks, name)
                if name == "data/ops.jsonl":
                    bag.ops = rows
                    bag.op_hashes = list(map(_HEXDIGEST, map(hashlib.sha256, lines)))
                else:
                    bag.registry[name[len("data/registry/"):-len(".jsonl")]] = rows
            elif name == "data/acks.json":
                bag.acks = canonical.loads(b"".join(chunks), what="acks.json")
            else:
                for _ in chunks:
                    pass
                if digest.hexdigest() != name.rsplit("/", 1)[1]:
                    raise SyncRejected("manifest", f"{name} does not hash to its name")
                bag.blobs[digest.hexdigest()] = by_name[name]
            if digest.hexdigest() != manifest[name]:
                raise SyncRejected("manifest", f"{name} does not match the manifest")
            octets += by_name[name].file_size
        if info.get("Payload-Oxum") != f"{octets}.{len(data_names)}":
            raise SyncRejected("manifest", "Payload-Oxum does not match the payload")
        return bag
    except BaseException:
        zf.close()
        raise


def _hashing(chunks, digest):
    for chunk in chunks:
        digest.update(chunk)
        yield chunk
