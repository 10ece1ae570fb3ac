"""A full disk, told apart from a damaged store: one answer for SQLite, the file system and every caller.

A full disk loses nothing: SQLite refuses the write it cannot finish (the
transaction rolls back; committed changes stay in the database or its WAL)
and our files are written to a temporary name and renamed. So the user is
told to free some space and try again — never to restore a backup, which
only a file that is not a database, or a damaged one, deserves.

SQLite says SQLITE_FULL when a write runs out of space. When it cannot grow
its shared-memory file, create its WAL, or fsync, it says SQLITE_IOERR_* or
SQLITE_CANTOPEN without the errno; those count as a full disk only when the
folder's disk has almost no space left (a quota, EDQUOT, that statvfs cannot
see stays an I/O error there).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from .errors import StoreError

# SQLite's primary result codes (sqlite3.h)
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14
# PERM, BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN: the drive's trouble or another program's lock
_DRIVE_TROUBLE = {3, 5, 6, 8, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN}
# The extended SQLITE_IOERR codes ENOSPC can cause (sqlite3.h: SQLITE_IOERR | n << 8); a failed read is
# never a full disk.
_WRITE_IOERRS = {SQLITE_IOERR | (n << 8) for n in (
    3,  # WRITE
    4,  # FSYNC
    5,  # DIR_FSYNC
    6,  # TRUNCATE
    18,  # SHMOPEN
    19,  # SHMSIZE: growing the -shm file, the first thing a connection does
    21,  # SHMMAP
    24,  # MMAP
)}
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
LOW_SPACE = 8 << 20  # bytes: below this an unexplained SQLite write error is taken for a full disk


def free_bytes(folder: Path | str) -> int | None:
    """Space left for this user on the disk holding `folder` (the nearest existing parent), or None."""
    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free  # statvfs's f_bavail: what this user may still use
    except OSError:
        return None


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind `error` (SQLAlchemy wraps it as .orig), if any."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, sqlite3.Error):
            return seen
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return None


def is_disk_full(error: BaseException, folder: Path | str | None = None) -> bool:
    """True when `error` means the disk (of `folder`, for SQLite's I/O errors) has no room left."""
    if isinstance(error, StoreError):
        return error.code == "store.disk_full"
    if isinstance(error, OSError):
        return error.errno in _NO_SPACE
    found = _sqlite_error(error)
    if found is None:
        return False
    code = getattr(found, "sqlite_errorcode", None)  # the extended code; None for the driver's own errors
    if code is None:
        return False
    if code & 0xFF == SQLITE_FULL:
        return True
    if code in _WRITE_IOERRS or code & 0xFF == SQLITE_CANTOPEN:
        space = free_bytes(folder) if folder is not None else None
        return space is not None and space < LOW_SPACE
    return False


def is_io_error(error: BaseException) -> bool:
    """True when SQLite could not read, write, lock or open the file: the drive's trouble (or another
    program's lock), not the file's, so nothing to restore."""
    code = getattr(_sqlite_error(error), "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DRIVE_TROUBLE


def may_have_committed(error: BaseException | None) -> bool:
    """True when a failed COMMIT may still come back from the WAL: an I/O error (an fsync's) after its
    frames were written. SQLITE_FULL never writes the commit frame; other errors come before it."""
    code = getattr(_sqlite_error(error), "sqlite_errorcode", None) if error is not None else None
    return code is not None and code & 0xFF == SQLITE_IOERR


def disk_full(folder: Path | str) -> StoreError:
    """The one error for a full disk, naming the folder whose disk it is."""
    return StoreError("store.disk_full", folder=str(folder))
