"""The laptop syncs with the district over the network (docs/sync-protocol.md "Over HTTP"): the same
bundles as on a USB stick, carried by HTTP instead of by hand.

First what the district has for this laptop is fetched: acknowledgements of an earlier upload whose
download broke retire those changes, so they are not sent again (an unknown laptop registers by uploading).
Upload: every unacknowledged change is exported (core/sync/export.py) and PUT; a broken upload is
simply sent again (PUT is idempotent: central dedupes by bundle id, and by op for a re-export).
Download: a signed GET (core/sync/http_auth.py) with this laptop's usn, epoch and acknowledged seq
brings one downward bundle, streamed to a scratch file, checked complete, then imported as from a
stick (core/sync/device_import.py). A download cut off leaves the usn where it was. The last
successful sync is an audit row `sync.http` (last_contact reads it back).
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import func, select

from .. import audit, language
from ..errors import InspectorError, SyncUnavailable
from ..models import AuditLog, Outbox, SyncState, SyncWantedBlob
from ..tables import table_of
from . import device_import, enrolment, export, http_auth, outer, scratch
from .errors import check_cancel, report
from .http_cancel import CancellableTransport

ACTION = "sync.http"
ATTEMPTS = 4  # one try and three retries, after 0.5, 1 and 2 s, for a dropped connection or a busy district
MAX_ROUNDS = 8  # downward bundles per sync: one normally; more only when the district changes meanwhile
TIMEOUT = httpx.Timeout(120.0, connect=10.0)
_NAME = re.compile(r"^fsi-(down|snapshot)-[0-9a-f]{8}-\d+-\d+-[0-9a-f]{32}\.fsib$")


class ServerRefused(InspectorError):
    """The district answered with a refusal; params carry its status, code and message."""

    kind = "server_refused"


def sync_over_http(store, paths, url: str, *, progress=None, cancel=None, transport=None) -> dict:
    """Upload pending bundles, download what came back; {"uploaded", "downloaded", "pending"}.
    progress(done: int, total: int, step: str) like core's other long jobs; cancel() -> bool checked between
    steps and while a request waits (raise the same cancellation error the export/import use; http_cancel.py).
    transport: an httpx transport (tests)."""
    base = _base(url)
    with store.session() as session:
        _, _, keys = enrolment.require(session, paths.keys)
        wanted = bool(session.execute(select(func.count()).select_from(table_of(SyncWantedBlob))).scalar())
    report(progress, 0, 3, "fetch")
    speaks = {"Accept-Language": "zh-CN" if language.current() == "zh" else "en"}  # the district answers in kind
    if cancel is not None:
        transport = CancellableTransport(cancel, transport)
    with httpx.Client(transport=transport, timeout=TIMEOUT, follow_redirects=False, headers=speaks) as client:
        # First what the district has for us: acks of an earlier upload whose download broke retire those
        # changes, so they are not sent again. A laptop the district does not know yet registers by uploading;
        # one whose keys rotated since (sync rotate-keys) sends its new certificate the same way.
        try:
            downloaded, known = _download(store, paths, client, base, keys, cancel), True
        except ServerRefused as exc:
            if exc.params.get("server_code") not in ("http.unknown_device", "http.bad_signature"):
                raise
            downloaded, known = 0, False
        report(progress, 1, 3, "upload")
        uploaded, changes = _upload(store, paths, client, base, wanted or not known, progress, cancel)
        check_cancel(cancel)
        report(progress, 2, 3, "download")
        if uploaded:
            downloaded += _download(store, paths, client, base, keys, cancel)
    pending = _pending(store)
    result = {"uploaded": uploaded, "downloaded": downloaded, "pending": pending, "changes_sent": changes}
    with store.write() as session:
        audit.record(session, action=ACTION, entity="central", entity_id=urlsplit(base).netloc, detail=result)
    report(progress, 3, 3, "done")
    return result


def last_contact(store) -> datetime | None:
    """When this laptop last completed a sync with the district over the network (UTC), or None."""
    log = table_of(AuditLog).c
    with store.session() as session:
        return session.execute(select(log.at).where(log.action == ACTION).order_by(log.seq.desc()).limit(1)).scalar()


def _base(url: str) -> str:
    parts = urlsplit(url.strip()) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise InspectorError("http.bad_url", field="url", url=str(url)[:200])
    return url.strip().rstrip("/")


def _pending(store) -> int:
    with store.session() as session:
        return session.execute(select(func.count()).where(table_of(Outbox).c.state == "pending")).scalar() or 0


def _upload(store, paths, client, base, must, progress, cancel) -> tuple[int, int]:
    """PUT every unacknowledged change, in bundles of export's size; (bundles, changes) sent."""
    with store.session() as session:
        acked = session.get(SyncState, 1).acked_through_seq
        waiting = session.execute(select(func.count()).where(table_of(Outbox).c.seq > acked)).scalar()
    if not waiting and not must:
        return 0, 0
    sent = changes = 0
    after = None
    while True:
        check_cancel(cancel)
        with scratch.private_dir(paths.data_dir / "sync" / "http") as work:
            made = export.export_bundle(store, paths, work, after_seq=after, cancel=cancel)
            put_bundle(client, base, Path(made["bundle"]), made["bundle_id"], cancel=cancel)
        sent, changes = sent + 1, changes + made["ops"]
        report(progress, 1, 3, "upload")
        if not made["more"]:
            return sent, changes
        after = made["seq_to"]


def put_bundle(client: httpx.Client, base: str, path: Path, bundle_id: str, *, cancel=None) -> dict:
    """PUT one upward bundle file, streamed, retried after a dropped connection or a busy district;
    the district's receipt (as `inspector central import` gives). Load tests call this directly."""
    def attempt():
        with open(path, "rb") as body:
            return client.put(f"{base}/api/v1/bundles/{bundle_id}", content=_chunks(body),
                              headers={"Content-Type": "application/octet-stream",
                                       "Content-Length": str(path.stat().st_size)})
    return _answer(_retrying(attempt, base, cancel), base).json()


def _chunks(handle):
    while chunk := handle.read(1 << 20):
        yield chunk


def _download(store, paths, client, base, keys, cancel) -> int:
    """Fetch and import downward bundles until the district has nothing new; how many were applied."""
    applied = 0
    for _ in range(MAX_ROUNDS):
        check_cancel(cancel)
        with store.session() as session:
            state = session.get(SyncState, 1)
            asked = {"acked": state.acked_through_seq, "after_usn": state.central_usn_applied,
                     "epoch": state.central_epoch}
        path = urlsplit(base).path + f"/api/v1/devices/{keys.device_id}/bundles"
        query = urlencode(sorted(asked.items()))
        with scratch.private_dir(paths.data_dir / "sync" / "http") as work:
            file = _retrying(partial(_fetch, client, base, path, query, keys, work), base, cancel)
            if file is None:
                return applied
            check_cancel(cancel)
            result = device_import.import_bundle(store, paths, file, cancel=cancel)
        if result["status"] == "duplicate":
            return applied
        if result["status"] != "applied":
            raise ServerRefused("http.download_refused", reason=result.get("reason"), message=result.get("message"))
        applied += 1
    return applied


def _fetch(client, base: str, path: str, query: str, keys, work: Path) -> Path | httpx.Response | None:
    """One signed GET, the body streamed to `work`; None when the district has nothing new."""
    origin = urlsplit(base)
    url = f"{origin.scheme}://{origin.netloc}{path}?{query}"
    headers = http_auth.sign(keys.sign, keys.device_id, "GET", path, query)
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 204:
            return None
        if response.status_code == 503:
            return response  # busy: _retrying asks again
        if response.status_code != 200:
            response.read()
            _answer(response, base)
        name = response.headers.get("content-disposition", "").rpartition("filename=")[2].strip('"')
        target = work / (name if _NAME.match(name) else "download.fsib")
        expected, received = response.headers.get("content-length"), 0
        with open(target, "wb") as handle:
            for chunk in response.iter_bytes(1 << 20):
                received += len(chunk)
                if received > outer.MAX_FILE:
                    raise ServerRefused("http.too_large", limit=outer.MAX_FILE)
                handle.write(chunk)
    if expected is not None and expected.isdigit() and received != int(expected):
        raise httpx.ReadError(f"download ended after {received} of {expected} bytes")
    return target


def _retrying(attempt, base: str, cancel):
    """`attempt()`, again after a dropped connection or a busy district (503); then a clear error."""
    for n in range(ATTEMPTS):
        check_cancel(cancel)
        try:
            response = attempt()
        except httpx.TransportError as exc:
            problem: Exception = exc
        else:
            if not isinstance(response, httpx.Response) or response.status_code != 503:
                return response
            problem = httpx.HTTPStatusError("503", request=response.request, response=response)
        if n + 1 < ATTEMPTS:
            time.sleep(0.5 * 2 ** n)
    detail = str(problem) or type(problem).__name__
    if isinstance(problem, httpx.HTTPStatusError):
        raise SyncUnavailable("http.server_error", status=503)
    raise SyncUnavailable("http.unreachable", url=base, detail=detail[:200])


def _answer(response: httpx.Response, base: str) -> httpx.Response:
    """The response if it is a success; else the district's refusal (or failure) as an error."""
    if response.status_code < 400:
        return response
    if response.status_code >= 500:
        raise SyncUnavailable("http.server_error", status=response.status_code)
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    raise ServerRefused("http.refused", status=response.status_code, server_code=body.get("code"),
                        message=str(body.get("message") or response.reason_phrase)[:500])
