"""A real `inspector central serve` on loopback for the service's tests: a free port, the process's
output kept for the failure message, stopped (and its workers with it) when the test ends."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(data_dir: Path, *, db: str | None = None, workers: int = 1, port: int | None = None,
                   timeout: float = 30) -> Iterator[str]:
    """Start the service on the central store in `data_dir` (or `db`); yields its base URL."""
    port = port or free_port()
    argv = [sys.executable, "-m", "inspector_app", "--data-dir", str(data_dir), "central", "serve",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)] + (["--db", db] if db else [])
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout's code, whatever is installed
    log = open(data_dir / f"serve-{port}.log", "w+b")  # noqa: SIM115 - closed below
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log, timeout)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait_until_up(base: str, process: subprocess.Popen, log, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/healthz", timeout=2).text == "ok":
                return
        time.sleep(0.1)
    log.seek(0)
    raise AssertionError(f"the service did not come up:\n{log.read().decode(errors='replace')[-3000:]}")
