"""The api part of the district's service: laptops upload bundles and fetch what came back
(docs/sync-protocol.md "Over HTTP").

- PUT /api/v1/bundles/{bundle_id}: the body (one upward .fsib) is streamed to an owner-only scratch
  file, never held in memory, and cut off at the size cap (413). Its sender is authenticated (the
  certificate from this district's root and header.sig) before anything is kept; then
  central/importer.py imports it exactly as `inspector central import` does, and the answer is its
  receipt. Idempotent: the importer dedupes by bundle id in a transaction, so a retried or doubled
  upload (even the same file arriving by USB at the same moment) is applied once.
- GET /api/v1/devices/{device_id}/bundles?after_usn=&epoch=&acked=: a signed request
  (core/sync/http_auth.py); one downward bundle (central/exporter.py) with everything after the
  laptop's usn and the acknowledgement of its changes, or 204 when there is nothing new.

A refusal is JSON {"error", "code", "message"} with a 4xx status; nothing here ever shows a trace.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import uuid
from contextlib import closing
from pathlib import Path

import anyio
from sqlalchemy import select
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ...core import language
from ...core.errors import InspectorError, SyncUnavailable
from ...core.sync import bundle, crypto, outer, scratch
from ...core.sync.errors import SyncRejected
from ...core.sync.trust import verify_sender
from .. import exporter, importer
from .. import models as m
from ..store import Central, get_meta
from .api_auth import Refused, authenticate
from .app import central_of

logger = logging.getLogger(__name__)
ENV_MAX_UPLOAD = "INSPECTOR_CENTRAL_MAX_UPLOAD"  # bytes; below the bundle limit, e.g. a proxy's own cap
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
# A refused bundle's reason → status: who sent it is the problem (403), or what it holds (422).
_FORBIDDEN = {"untrusted_sender", "revoked", "key_mismatch", "key_retired", "grant_used", "device_mismatch",
              "signature"}
SERVED_TTL_S = 3600  # a downward bundle whose download was cut off is removed after an hour


def routes() -> list[BaseRoute]:
    return [Route("/api/v1/bundles/{bundle_id}", put_bundle, methods=["PUT"]),
            Route("/api/v1/devices/{device_id}/bundles", get_bundles, methods=["GET"])]


def max_upload() -> int:
    """The largest body accepted: a bundle's own limit (core/sync/outer.py), or less if the operator says."""
    configured = os.environ.get(ENV_MAX_UPLOAD)
    return min(int(configured), outer.MAX_FILE) if configured and configured.isdigit() else outer.MAX_FILE


def speaking(request: Request) -> str:
    """The language the laptop asked for (its Accept-Language: zh… or en…), else the district's own."""
    asked = request.headers.get("accept-language", "").strip().lower()
    return "en" if asked.startswith("en") else "zh" if asked.startswith("zh") else language.current()


def refusal(exc: InspectorError, status: int, lang: str) -> Response:
    # 413: the rest of the body is not wanted; closing the connection stops the client sending it.
    # 503: the store is busy; the laptop asks again.
    headers = {413: {"Connection": "close"}, 503: {"Retry-After": "2"}}.get(status)
    return JSONResponse({**exc.to_dict(), "message": exc.message_in(lang)}, status_code=status, headers=headers)


_IMPORTING: list[anyio.CapacityLimiter] = []
IMPORTS_AT_ONCE = 2  # per worker: one writer at a time anyway, and a queue here instead of SQLite's busy timeout


def _importing() -> anyio.CapacityLimiter:
    """Imports of uploads run at most IMPORTS_AT_ONCE at a time in this worker; the rest wait their turn
    (the upload itself is already spooled). Made in the event loop, on first use."""
    if not _IMPORTING:
        _IMPORTING.append(anyio.CapacityLimiter(IMPORTS_AT_ONCE))
    return _IMPORTING[0]


def _json(data: dict, status: int) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), status_code=status,
                    media_type="application/json")


async def put_bundle(request: Request) -> Response:
    try:
        bundle_id = request.path_params["bundle_id"]
        if not _HEX32.match(bundle_id):
            raise Refused(400, "http.bad_bundle_id")
        cap, declared = max_upload(), request.headers.get("content-length")
        if declared is not None and not declared.isdigit():
            raise Refused(400, "http.bad_query", name="Content-Length")
        if declared is not None and int(declared) > cap:  # refused before a byte of it is read
            raise Refused(413, "http.too_large", limit=cap)
        central = central_of(request)
        with scratch.private_dir(central.data_dir / "central" / "incoming") as work:
            path = work / f"{bundle_id}.upload"
            received = await _spool(request, path, cap)
            if declared is not None and received != int(declared):
                raise Refused(400, "http.incomplete", received=received, expected=declared)
            status, body = await anyio.to_thread.run_sync(receive, central, path, bundle_id, speaking(request),
                                                          limiter=_importing())
        return _json(body, status)
    except Refused as exc:
        return refusal(exc, exc.status, speaking(request))
    except SyncUnavailable as exc:  # the store is busy: the laptop retries
        return refusal(exc, 503, speaking(request))
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening; the scratch file is already gone


async def _spool(request: Request, path: Path, cap: int) -> int:
    """Write the body to `path` (owner-only) as it arrives; stop reading at `cap` bytes."""
    received = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "wb") as handle:
        async for chunk in request.stream():
            received += len(chunk)
            if received > cap:
                raise Refused(413, "http.too_large", limit=cap)
            handle.write(chunk)
    return received


def receive(central: Central, path: Path, url_id: str, lang: str | None = None) -> tuple[int, dict]:
    """Authenticate the spooled upload, then import it; (HTTP status, receipt or refusal).

    Until its sender is proven (certificate from this district's root, header.sig) nothing is kept:
    a stranger's garbage never reaches central/rejected/. Callable without a server (a load test).
    Refusals read in `lang` (zh or en; the district's language when None)."""
    lang = lang or language.current()
    try:
        header, sender_id = authenticate_upload(central, path)
    except SyncRejected as exc:
        if exc.reason == "truncated":  # the whole body arrived (its length was checked): it is no bundle at all
            cut = Refused(400, "http.not_a_bundle")
            return 400, {**cut.to_dict(), "error": "bundle_rejected", "reason": exc.reason,
                         "message": cut.message_in(lang)}
        status = 403 if exc.reason in _FORBIDDEN else (413 if exc.reason == "too_large" else 400)
        return status, {**exc.to_dict(), "error": "bundle_rejected", "message": exc.message_in(lang)}
    if header["bundle_id"] != url_id:
        mismatch = Refused(400, "http.bundle_id_mismatch", url_id=url_id, signed_id=header["bundle_id"])
        return 400, {**mismatch.to_dict(), "message": mismatch.message_in(lang)}
    with central.engine.connect() as c:
        revoked = c.execute(select(m.device.c.revoked_at).where(m.device.c.device_id == sender_id)).scalar()
    if revoked is not None:
        refused = Refused(403, "http.device_revoked", device=sender_id[:8])
        return 403, {**refused.to_dict(), "message": refused.message_in(lang)}
    low, high = header["seq_from"], header["seq_to"]
    named = path.with_name(bundle.bundle_name(str(header["kind"])[:16], sender_id, low, high, url_id))
    path.rename(named)  # the name the laptop gave it, so the archive keeps one copy (central/importer.py)
    result = importer.import_bundle(central, named)
    result.pop("file", None)  # the district's folders are its own business
    if result["status"] == "rejected":
        reason = result.get("reason") or "malformed"
        return (403 if reason in _FORBIDDEN else 422), {**result, "error": "bundle_rejected",
                                                        "code": f"bundle.{reason}"}
    return (202 if result["status"] == "held" else 200), result


def authenticate_upload(central: Central, path: Path) -> tuple[dict, str]:
    """The outer layer read, the header checked and its signature verified against the sender's
    certificate from this district; (header, device id). The payload is hashed by the import."""
    layer = outer.read(path)
    with closing(layer):
        header = layer.header
        bundle.validate_header(header)
        sender = verify_sender(header["sender"], central.keys.trust())
        if not crypto.verify(sender.sign_pub, layer.signature, layer.header_bytes):
            raise SyncRejected("signature", "header.sig does not verify")
        if sender.device_id == "central":
            raise SyncRejected("wrong_kind", "central imports upward bundles")
        return header, sender.device_id


async def get_bundles(request: Request) -> Response:
    try:
        device_id = request.path_params["device_id"]
        query = request.scope.get("query_string", b"").decode("latin-1")
        central = central_of(request)
        dev = await run_in_threadpool(authenticate, central, request.headers, request.method, request.url.path,
                                      query)
        if dev["device_id"] != device_id:
            raise Refused(403, "http.bad_signature")
        asked = {name: _whole(request, name) for name in ("after_usn", "epoch", "acked")}
        made = await run_in_threadpool(downward, central, dev, **asked)
        if made is None:
            return Response(status_code=204)
        return FileResponse(made, media_type="application/octet-stream", filename=made.name.split("~", 1)[1],
                            headers={"X-Inspector-Bundle-Id": made.stem.rsplit("-", 1)[1]},
                            background=BackgroundTask(made.unlink, missing_ok=True))
    except Refused as exc:
        return refusal(exc, exc.status, speaking(request))
    except SyncUnavailable as exc:
        return refusal(exc, 503, speaking(request))


def _whole(request: Request, name: str) -> int:
    value = request.query_params.get(name, "")
    if not value.isdigit() or len(value) > 18:
        raise Refused(400, "http.bad_query", name=name)
    return int(value)


def downward(central: Central, dev: dict, *, after_usn: int, epoch: int, acked: int) -> Path | None:
    """A downward bundle for `dev` after what it says it has, in central/served/; None when nothing is new."""
    with central.engine.connect() as c:
        usn, current = get_meta(c, "usn"), get_meta(c, "epoch")
    if after_usn == usn and epoch == current and dev["applied_through_seq"] <= acked:
        return None
    served = central.folder("served")
    _sweep(served)
    work = served / f".{uuid.uuid4().hex}"
    try:
        made = exporter.export_for_device(central, dev["device_id"], work, after_usn=after_usn, laptop_epoch=epoch)
        final = served / f"{uuid.uuid4().hex}~{Path(made['bundle']).name}"
        os.replace(made["bundle"], final)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sweep(served: Path) -> None:
    """Remove bundles (and half-made folders) whose download ended without the cleanup running."""
    for entry in served.iterdir():
        try:
            if time.time() - entry.stat().st_mtime > SERVED_TTL_S:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        except OSError:
            pass
