"""The fleet's laptops uploading over HTTP at once (the load test and bench/bench_http.py).

Each laptop sends its bundles in order, the next only after the receipt of the one before (as
core/sync/http_sync.py does); laptops run side by side, at most `concurrency` requests in flight.
Two ways a response gets lost are played out on chosen bundles:
- `resend`: the receipt arrives but the laptop never sees it, so it sends the same bundle again;
- `drop`: the connection is cut right after the last byte of the body, before any answer (a laptop
  losing its network mid-request); the laptop then sends the bundle again.
A 503 (the store busy) is retried after the server's Retry-After, as the laptop's client does; each
is counted. Every answer is kept for the caller to check.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from fleet import Fleet, FleetBundle

RETRY_AFTER_CAP_S = 2.0


@dataclass
class Answer:
    bundle: FleetBundle
    attempt: str  # "first" | "resend" (after a receipt it never saw) | "after_drop"
    status_code: int
    receipt: dict | None
    seconds: float


@dataclass
class Run:
    answers: list[Answer] = field(default_factory=list)
    busy_codes: list[str] = field(default_factory=list)  # each 503 retried: its code ("" without Retry-After)
    dropped: int = 0  # connections cut on purpose
    seconds: float = 0.0

    @property
    def busy(self) -> int:
        return len(self.busy_codes)

    def receipts(self, attempt: str | None = None) -> list[Answer]:
        return [a for a in self.answers if attempt is None or a.attempt == attempt]


async def _put(client: httpx.AsyncClient, limit: asyncio.Semaphore, run: Run, bundle: FleetBundle,
               body: bytes, attempt: str) -> Answer:
    while True:
        async with limit:
            started = time.perf_counter()
            response = await client.put(f"/api/v1/bundles/{bundle.bundle_id}", content=body,
                                        headers={"Content-Type": "application/octet-stream"})
            seconds = time.perf_counter() - started
        if response.status_code == 503:
            has_retry = "Retry-After" in response.headers
            run.busy_codes.append(response.json().get("code", "?") if has_retry else "")
            await asyncio.sleep(min(float(response.headers.get("Retry-After") or 1), RETRY_AFTER_CAP_S))
            continue
        try:
            receipt = response.json()
        except ValueError:
            receipt = {"body": response.text[:500]}
        answer = Answer(bundle, attempt, response.status_code, receipt, seconds)
        run.answers.append(answer)
        return answer


async def _cut_off(base: str, limit: asyncio.Semaphore, run: Run, bundle: FleetBundle, body: bytes) -> None:
    """Send the whole request, then hang up without reading the answer."""
    url = urlsplit(base)
    async with limit:
        reader, writer = await asyncio.open_connection(url.hostname, url.port)
        writer.write(f"PUT /api/v1/bundles/{bundle.bundle_id} HTTP/1.1\r\nHost: {url.netloc}\r\n"
                     f"Content-Type: application/octet-stream\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                     + body)
        await writer.drain()
        writer.close()
        await writer.wait_closed()
    run.dropped += 1


async def _laptop(client, base, limit, run, bundles: list[FleetBundle], resend: set[str], drop: set[str]) -> None:
    for bundle in bundles:
        body = bundle.path.read_bytes()
        if bundle.bundle_id in drop:
            await _cut_off(base, limit, run, bundle, body)
            await _put(client, limit, run, bundle, body, "after_drop")
            continue
        await _put(client, limit, run, bundle, body, "first")
        if bundle.bundle_id in resend:
            await _put(client, limit, run, bundle, body, "resend")


async def _upload(base: str, fleet: Fleet, concurrency: int, resend: set[str], drop: set[str],
                  timeout: float) -> Run:
    run = Run()
    limit = asyncio.Semaphore(concurrency)
    pool = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=pool, timeout=timeout) as client:
        await asyncio.gather(*(_laptop(client, base, limit, run, bundles, resend, drop)
                               for bundles in fleet.laptops))
    run.seconds = time.perf_counter() - started
    return run


def upload_fleet(base: str, fleet: Fleet, *, concurrency: int = 50, resend=(), drop=(),
                 timeout: float = 300) -> Run:
    """Every laptop of `fleet` uploads its bundles to the service at `base`; returns what came back."""
    return asyncio.run(_upload(base, fleet, concurrency, set(resend), set(drop), timeout))
