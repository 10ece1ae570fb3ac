"""Latency of the public verification page /v/{token} under 50 concurrent clients, against /healthz.

    .venv/bin/python bench/bench_verify_page.py [--establishments 100] [--clients 50] [--seconds 8]
                                                [--rounds 3] [--workers 1] [--world DIR]

Builds a district (tests/sync_world.py: a central store and one enrolled
laptop) where the laptop inspects each establishment twice and prints the
result record of both inspections, then syncs: half the notices are current,
half superseded by the later inspection. A tenth of the requests carry a
forged token (one byte of the facts changed), as a scanner of fakes would.
Then a real `inspector central serve` on loopback, and a load generator in a
separate process (plain asyncio streams, keep-alive, `--clients` connections
each sending its next request as soon as the last one is answered; httpx
would spend more CPU than the server on two shared cores). Rounds
alternate the page and /healthz (a plain-text "ok" after `SELECT 1`: the
same server's cheapest response), so machine load hits both alike. Reports
p50/p95/p99 and requests per second per route, and the p95 ratio. Goal: the
page's p95 ≤ 20 ms. Writes bench/results/verify_page.json.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import common

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))  # the sync tests' world builder (and its factories)


def build_world(root: Path, establishments: int) -> list[str]:
    """A synced district; returns every token the laptop printed plus forged ones (one in ten)."""
    from sync_world import World

    from inspector_app.core import notices, settings
    from inspector_app.core.notices import token
    world = World(root)
    laptop = world.laptop("a")
    tokens: list[str] = []
    for n in range(establishments):
        eid = laptop.add_establishment(name=f"渔阳镇第{n + 1}号饭店", phone=f"139{n:08d}")
        for fail in ((), ("1.1",)):
            inspection = laptop.inspect(eid, fail=fail)
            with laptop.store.write() as session:
                tokens.append(notices.issue(session, paths=laptop.paths,
                                            settings=settings.load(laptop.paths.data_dir),
                                            inspection_id=inspection, kind="result").token)
        if n % 20 == 19:
            world.sync(laptop)
    world.sync(laptop)
    world.close()
    forged = []
    for text in tokens[: max(1, len(tokens) // 9)]:
        data = bytearray(base64.b32decode(text + "=" * (-len(text) % 8)))
        data[43] ^= 0x01
        forged.append(token.encode(bytes(data)))
    return tokens + forged


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    import httpx
    port = free_port()
    log = open(data_dir / "serve.log", "wb")  # noqa: SIM115 - the server's whole life
    process = subprocess.Popen([sys.executable, "-m", "inspector_app", "--data-dir", str(data_dir), "central",
                                "serve", "--port", str(port), "--workers", str(workers)],
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=2).text == "ok":
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server did not start; see {data_dir / 'serve.log'}")


async def _get(reader, writer, host: str, path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status (the body is read whole)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def _load(urls: list[str], clients: int, seconds: float) -> dict:
    """`clients` keep-alive connections, each sending its next GET when the last is answered. Plain asyncio
    streams, not an HTTP library: on two shared cores a heavier client would measure itself."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    rng = random.Random(2026)
    parts = urlsplit(urls[0])
    paths = [urlsplit(u).path for u in urls]

    deadline = [float("inf")]  # set when every connection is open: all clients stop at the same moment

    async def client() -> None:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            await _get(reader, writer, parts.netloc, paths[0])  # the connection is warm before timing
            await ready.wait()
            while time.perf_counter() < deadline[0]:
                path = rng.choice(paths)
                started = time.perf_counter()
                status = await _get(reader, writer, parts.netloc, path)
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await asyncio.sleep(0.5)
    began = time.perf_counter()
    deadline[0] = began + seconds
    ready.set()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - began
    ms = sorted(v * 1000 for v in latencies)
    return {"n": len(ms), "p50": round(common.percentile(ms, 50), 2), "p95": round(common.percentile(ms, 95), 2),
            "p99": round(common.percentile(ms, 99), 2), "max": round(ms[-1], 2),
            "rps": round(len(ms) / elapsed, 1), "statuses": statuses}


def load_process(urls: list[str], clients: int, seconds: float) -> dict:
    """Run the load generator in its own process (the server's workers keep their cores to themselves)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(urls, handle)
    try:
        out = subprocess.run([sys.executable, __file__, "--load", handle.name, "--clients", str(clients),
                              "--seconds", str(seconds)], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(handle.name)
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--establishments", type=int, default=100)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--world", metavar="DIR", help="build the district here, or reuse the one built there")
    parser.add_argument("--load", metavar="URLS_JSON", help=argparse.SUPPRESS)  # the load generator's own process
    args = parser.parse_args()
    if args.load:
        urls = json.loads(Path(args.load).read_text())
        print(json.dumps(asyncio.run(_load(urls, args.clients, args.seconds))))
        return
    root = Path(args.world) if args.world else Path(tempfile.mkdtemp(prefix="bench-verify-"))
    built = root / "tokens.json"
    if built.exists():
        tokens = json.loads(built.read_text())
        common.log(f"reusing the district in {root}: {len(tokens)} tokens")
    else:
        common.log(f"building a district: {args.establishments} establishments, two inspections and notices each")
        began = time.perf_counter()
        tokens = build_world(root, args.establishments)
        built.write_text(json.dumps(tokens))
        common.log(f"  {len(tokens)} tokens in {time.perf_counter() - began:.0f} s")
    process, base = start_server(root / "central", args.workers)
    try:
        pages = [f"{base}/v/{t}" for t in tokens]
        static = [f"{base}/healthz"]
        sizes = sorted(len(subprocess_get(u)) for u in pages[:20])
        load_process(pages, args.clients, 2)  # warm-up: imports, template, connection pool
        load_process(static, args.clients, 2)
        runs: dict[str, list[dict]] = {"page": [], "static": []}
        for round_no in range(args.rounds):
            for name, urls in (("page", pages), ("static", static)) if round_no % 2 == 0 else \
                    (("static", static), ("page", pages)):
                result = load_process(urls, args.clients, args.seconds)
                runs[name].append(result)
                common.log(f"  round {round_no + 1} {name:6}: p50 {result['p50']} ms, p95 {result['p95']} ms, "
                           f"{result['rps']} req/s {result['statuses']}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    best = {name: min(r["p95"] for r in rs) for name, rs in runs.items()}
    median = {name: sorted(r["p95"] for r in rs)[len(rs) // 2] for name, rs in runs.items()}
    result = {"machine": common.machine(), "args": {k: v for k, v in vars(args).items() if k != "load"},
              "tokens": len(tokens), "page_bytes": {"min": sizes[0], "max": sizes[-1]}, "runs": runs,
              "p95_median_ms": median, "p95_ratio": round(median["page"] / median["static"], 2),
              "p95_best_ms": best, "goal_ms": 20, "met": median["page"] <= 20}
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    (common.RESULTS / "verify_page.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps({k: result[k] for k in ("tokens", "page_bytes", "p95_median_ms", "p95_ratio", "p95_best_ms",
                                            "met")}, ensure_ascii=False))


def subprocess_get(url: str) -> bytes:
    import httpx
    return httpx.get(url).content


if __name__ == "__main__":
    main()
