"""Private scratch folders for decrypted bundle contents (docs/sync-protocol.md §13).

A decrypted payload holds personal data (names, phone and ID numbers), so each
import (and central's export) works in a folder of its own, owner-only (0700,
files 0600), removed when it ends by any path. A process killed mid-way cannot
clean up; the next import or start sweeps its folder away. A folder in use is
known by its lock: on POSIX an flock on `<folder>.lock`, which the kernel drops
when the process dies; on Windows the open lock file itself, which cannot be
deleted while open. Threads of one process lock each other out the same way.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover  # Windows
    fcntl = None  # type: ignore[assignment]  # mypy cannot type an optional import

PREFIX, LOCK, NEW = "work-", ".lock", ".new"
NEW_GRACE_S = 60  # a lock file being created is left alone this long


def owner_only(folder: Path) -> Path:
    """Create `folder` if needed and make it owner-only (a no-op where modes do not apply)."""
    folder.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


@contextmanager
def private_dir(parent: Path) -> Iterator[Path]:
    """A fresh owner-only folder under `parent`, locked while in use and removed on the way out."""
    parent = owner_only(Path(parent))
    sweep(parent)
    name = PREFIX + uuid.uuid4().hex
    fd = _lock(parent, name)
    folder = parent / name
    try:
        os.mkdir(folder, 0o700)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _release(parent / (name + LOCK), fd)


def sweep(parent: Path) -> list[str]:
    """Remove what no live import holds: folders whose lock is free, stray files of older versions."""
    parent = Path(parent)
    if not parent.is_dir():
        return []
    removed = []
    for entry in sorted(parent.iterdir()):
        name = entry.name
        if name.endswith(LOCK):
            folder = parent / name[:-len(LOCK)]
            if _take_dead(entry):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        elif name.endswith(NEW):
            if _age(entry) > NEW_GRACE_S:
                entry.unlink(missing_ok=True)
        elif not (parent / (name + LOCK)).exists():  # its lock goes last, so a folder without one is dead
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(name)
    return removed


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _lock(parent: Path, name: str) -> int:
    final = parent / (name + LOCK)
    if fcntl is None:  # open is the lock: nobody can delete the file until it is closed
        return os.open(final, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    # locked before it has its name, so a sweep never sees it unlocked
    new = parent / f".{name}{LOCK}{NEW}"
    fd = os.open(new, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.replace(new, final)
    except BaseException:
        os.close(fd)
        new.unlink(missing_ok=True)
        raise
    return fd


def _release(lock: Path, fd: int) -> None:
    if fcntl is None:
        os.close(fd)
        lock.unlink(missing_ok=True)
    else:
        lock.unlink(missing_ok=True)  # still holding the lock, so no sweep takes the name meanwhile
        os.close(fd)


def _take_dead(lock: Path) -> bool:
    """True (and the lock file gone) when no live process holds `lock`."""
    if fcntl is None:
        try:
            lock.unlink()
        except PermissionError:
            return False
        except FileNotFoundError:
            pass
        return True
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return False  # its owner just finished
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    lock.unlink(missing_ok=True)
    os.close(fd)
    return True
