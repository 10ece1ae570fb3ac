"""Where bundles go after a decision: archive/ (evidence), held/ (waiting), rejected/ (with a reason file).

The original file is never moved or deleted (it may be on someone's stick):
we keep our own copy, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path


def keep_copy(source: Path, folder: Path, *, reason: dict | None = None) -> Path:
    """Copy `source` into `folder` (tmp + fsync + rename); with `reason`, write NAME.reason.json beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(source).name
    if Path(source).resolve() != target.resolve():
        tmp = folder / f".{target.name}.{uuid.uuid4().hex}.partial"
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
    if reason is not None:
        note = {**reason, "at": datetime.now(UTC).isoformat(timespec="seconds"), "file": Path(source).name}
        (folder / (target.name + ".reason.json")).write_text(json.dumps(note, ensure_ascii=False, indent=1),
                                                              encoding="utf-8")
    return target


def move(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(source).name
    if Path(source).resolve() != target.resolve():
        os.replace(source, target)
        Path(str(source) + ".reason.json").unlink(missing_ok=True)
    return target


def store_stream(blobs_dir: Path, sha256: str, chunks) -> int:
    """Write a blob under its hash (idempotent, atomic, verified); returns its size."""
    target = Path(blobs_dir) / sha256[:2] / sha256
    if target.exists():
        for _ in chunks:
            pass
        return target.stat().st_size
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".tmp-{sha256}-{uuid.uuid4().hex}"
    digest, size = hashlib.sha256(), 0
    try:
        with open(tmp, "wb") as handle:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if digest.hexdigest() != sha256:
            raise ValueError(f"blob {sha256} does not hash to its name")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return size
