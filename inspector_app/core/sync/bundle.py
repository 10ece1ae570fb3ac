"""Bundles (docs/sync-protocol.md §2–4): seal, check without decrypting, open, and deliver to a stick.

`inspect()` is all a relay does: outer zip checks, strict header, sender
certificate (or central key set), header.sig and the payload's signed hash.
`open_payload()` then decrypts with an output cap and verifies the BagIt bag.
`deliver()` copies to the target as .partial, fsyncs, renames, and reads the
file back before anyone is told the stick may be removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import BundleError
from ..files import fsync_dir
from . import bag, canonical, crypto, outer
from .errors import SyncRejected, check_cancel
from .trust import Sender, Trust, verify_sender

FORMAT, MAJOR, MINOR = "fsib/1.0", 1, 0
KINDS = ("up", "down", "snapshot")
SUFFIX = ".fsib"
_FORMAT = re.compile(r"^fsib/(\d{1,4})\.(\d{1,4})$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
_INT_FIELDS = ("seq_from", "seq_to", "usn_from", "usn_to", "central_usn_applied", "central_epoch",
               "created_hlc", "payload_len")


def bundle_name(kind: str, device_id: str, low: int, high: int, bundle_id: str) -> str:
    return f"fsi-{kind}-{device_id[:8]}-{low}-{high}-{bundle_id}{SUFFIX}"


def check_format(header: dict) -> None:
    match = _FORMAT.match(header.get("format", "")) if isinstance(header.get("format"), str) else None
    if not match:
        raise SyncRejected("malformed", "header.json has no fsib format")
    if int(match.group(1)) > MAJOR:
        raise SyncRejected("format_newer", f"{header['format']} (this program reads fsib/{MAJOR}.x)")


def validate_header(header: dict) -> None:
    """Types of the fields we use; unknown (newer minor) fields are kept and ignored."""
    check_format(header)
    problems = []
    if header.get("kind") not in KINDS:
        problems.append("kind")
    if not isinstance(header.get("bundle_id"), str) or not re.fullmatch(r"[0-9a-f]{32}", header["bundle_id"]):
        problems.append("bundle_id")
    for name in _INT_FIELDS:
        value = header.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(name)
    for name in ("payload_sha256", "inner_tagmanifest_sha256"):
        if not isinstance(header.get(name), str) or not _HEX.match(header[name]):
            problems.append(name)
    recipient = header.get("recipient")
    if not isinstance(recipient, dict) or not isinstance(recipient.get("key_ids"), list) \
            or not all(isinstance(k, str) for k in recipient["key_ids"]):
        problems.append("recipient")
    if not isinstance(header.get("sender"), dict):
        problems.append("sender")
    if problems:
        raise SyncRejected("malformed", f"header.json: bad or missing {', '.join(problems)}")


def seal(workdir: Path, *, header: dict, sign_key, recipients: list[bytes], fill) -> Path:
    """Build a bundle in `workdir`: fill(BagWriter) adds the data files; returns the .fsib path.

    `header` holds everything but the payload hashes; `recipients` are raw X25519 keys.
    A failure (e.g. OSError ENOSPC) leaves no file in `workdir`.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    bid = header["bundle_id"]
    payload_zip, payload_age = workdir / f".{bid}.zip", workdir / f".{bid}.age"
    target, writer = None, None
    try:
        writer = bag.BagWriter(payload_zip)
        extra = fill(writer) or {}
        tag_sha = writer.finish({**bag_info(header), **extra}, sign_key)
        crypto.encrypt_file(payload_zip, payload_age, recipients)
        digest = hashlib.sha256()
        with open(payload_age, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        header = {**header, "format": header.get("format", FORMAT), "payload_sha256": digest.hexdigest(),
                  "payload_len": payload_age.stat().st_size, "inner_tagmanifest_sha256": tag_sha}
        header_bytes = canonical.dumps(header, floats=False)
        low, high = ((header["seq_from"], header["seq_to"]) if header["kind"] == "up"
                     else (header["usn_from"], header["usn_to"]))
        device = header["sender"]["device_id"] if header["kind"] == "up" else header["recipient"]["device_id"]
        target = workdir / bundle_name(header["kind"], device, low, high, bid)
        outer.write(target, header_bytes, crypto.sign(sign_key, header_bytes), payload_age)
        return target
    except BaseException:
        if writer is not None:
            with contextlib.suppress(OSError):  # closing a half-written zip writes again (a full disk)
                writer.zf.close()
        if target is not None:
            target.unlink(missing_ok=True)  # half written: nothing is left behind
        raise
    finally:
        payload_zip.unlink(missing_ok=True)
        payload_age.unlink(missing_ok=True)


@dataclass
class Inspected:
    """A bundle whose outer layer, header and signatures are verified (payload still encrypted)."""

    outer: outer.Outer
    header: dict
    sender: Sender

    @property
    def bundle_id(self) -> str:
        return self.header["bundle_id"]

    def close(self) -> None:
        self.outer.close()


def inspect(path: Path, trust: Trust | None, *, cancel=None) -> Inspected:
    """Everything a relay can check without keys to decrypt; raises SyncRejected."""
    layer = outer.read(Path(path))
    try:
        header = layer.header
        validate_header(header)
        sender = verify_sender(header["sender"], trust)
        if not crypto.verify(sender.sign_pub, layer.signature, layer.header_bytes):
            raise SyncRejected("signature", "header.sig does not verify")
        if layer.payload.file_size != header["payload_len"]:
            raise SyncRejected("payload_hash", "payload.age has the wrong length")
        sha, size = layer.payload_sha256(cancel)
        if sha != header["payload_sha256"] or size != header["payload_len"]:
            raise SyncRejected("payload_hash")
        return Inspected(layer, header, sender)
    except BaseException:
        layer.close()
        raise


@contextmanager
def open_payload(inspected: Inspected, identities: list, workdir: Path, *, cancel=None):
    """Decrypt (capped at the signed payload length) and verify the bag; yields a bag.Bag."""
    header = inspected.header
    workdir.mkdir(parents=True, exist_ok=True)
    plain = workdir / f".{header['bundle_id']}.{uuid.uuid4().hex}.in.zip"
    contents = None
    try:
        with inspected.outer.payload_stream() as stream:
            crypto.decrypt_to(stream, plain, identities, header["payload_len"])
        check_cancel(cancel)
        group = header["sender"]["device_id"] if header["kind"] == "up" else header["recipient"].get("device_id")
        expect = {"External-Identifier": header["bundle_id"], "Bag-Group-Identifier": str(group),
                  "FSI-Seq-From": str(header["seq_from"]), "FSI-Seq-To": str(header["seq_to"])}
        contents = bag.read(plain, sign_pub=inspected.sender.sign_pub,
                            tagmanifest_sha256=header["inner_tagmanifest_sha256"], expect=expect, cancel=cancel)
        yield contents
    finally:
        if contents is not None:
            contents.close()
        plain.unlink(missing_ok=True)


def bag_info(header: dict) -> dict[str, str]:
    group = header["sender"]["device_id"] if header["kind"] == "up" else header["recipient"].get("device_id")
    return {"External-Identifier": header["bundle_id"], "Bag-Group-Identifier": str(group),
            "FSI-Format": header.get("format", FORMAT), "FSI-Seq-From": str(header["seq_from"]),
            "FSI-Seq-To": str(header["seq_to"])}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def deliver(local: Path, out_dir: Path, trust: Trust | None, *, cancel=None, progress=None) -> Path:
    """Copy a finished bundle to `out_dir` atomically and read it back; returns the final path."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleError("sync.cannot_write", folder=str(out_dir), detail=str(exc.strerror or exc)) from None
    out_dir = out_dir.resolve()
    final, partial = out_dir / local.name, out_dir / (local.name + ".partial")
    expected, total, done = file_sha256(local), local.stat().st_size, 0
    try:
        with open(local, "rb") as source, open(partial, "wb") as target:
            while chunk := source.read(1 << 20):
                check_cancel(cancel)
                target.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "copy")
            target.flush()
            os.fsync(target.fileno())
        os.replace(partial, final)
        fsync_dir(out_dir)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BundleError("sync.write_failed", folder=str(out_dir), detail=str(exc.strerror or exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    try:
        if file_sha256(final) != expected:
            raise SyncRejected("payload_hash", "the copy differs from the original")
        inspect(final, trust).close()
    except (SyncRejected, OSError) as exc:
        final.unlink(missing_ok=True)
        raise BundleError("sync.readback_failed", folder=str(out_dir), detail=str(exc)) from None
    return final
