"""Small file-system helpers that make a rename durable."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename or a new file) to disk; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; FAT sticks ignore it anyway
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
