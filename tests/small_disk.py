"""A real small filesystem for the full-disk tests: a tmpfs in a private mount namespace.

`run(case, …)` starts `unshare -rm` (root in a user namespace: works as root
and as a user), mounts a tmpfs of a few MB on a test folder inside that
private namespace and runs one case of tests/disk_cases.py there, which fills
the tmpfs to the byte at the moment it wants (SmallDisk.fill) and prints what
it saw as JSON. The machine's mounts are never touched and the tmpfs vanishes
with the process. (The test process cannot reach the tmpfs itself through
/proc/<pid>/root: SQLite resolves that link back to the empty folder.)
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
PAGE = 4096
CHUNK = 1 << 16


def unavailable() -> str | None:
    """Why a small disk cannot be made here, or None when it can."""
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        return "needs Linux and unshare(1)"
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"unshare -rm fails here: {probe.stderr.strip()}"


def run(case: str, mountpoint: Path, *, size: str = "4m", **params) -> dict:
    """Run disk_cases.<case>(SmallDisk, **params) on a fresh tmpfs of `size` at `mountpoint`; its JSON."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("INSPECTOR_HOME", "INSPECTOR_READS")}
    env.update(PYTHONPATH=os.pathsep.join([str(REPO), str(TESTS)]), QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    script = 'mount -t tmpfs -o size="$1" tmpfs "$2" && shift 2 && exec "$@"'
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", size, str(mountpoint),
                           sys.executable, "-m", "disk_cases", case, str(mountpoint), json.dumps(params)],
                          capture_output=True, text=True, env=env, cwd=str(TESTS), timeout=600)
    if done.returncode != 0 or not done.stdout.strip():
        raise AssertionError(f"disk case {case} broke:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pages(size: int) -> int:
    """Bytes a file of `size` bytes takes on the tmpfs (whole pages)."""
    return -(-size // PAGE) * PAGE


class SmallDisk:
    """The mounted tmpfs; `fill` leaves exactly so many bytes free, `unfill` gives them back."""

    def __init__(self, root: Path):
        self.root = root
        self.filler = root / "filler.zeros"

    def free(self) -> int:
        stat = os.statvfs(self.root)
        return stat.f_bavail * stat.f_frsize

    def fill(self, leave: int = 0) -> int:
        """Grow the filler until `leave` bytes (whole pages) are free; returns the bytes free."""
        todo = max(self.free() - leave, 0)
        zeros = bytes(CHUNK)
        with open(self.filler, "ab", buffering=0) as handle:
            try:
                while todo > 0:
                    todo -= handle.write(zeros[:min(CHUNK, todo)]) or 0
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
        return self.free()

    def unfill(self) -> None:
        self.filler.unlink(missing_ok=True)
