"""Who is asking: the district's side of signed requests (core/sync/http_auth.py, docs/sync-protocol.md
"Over HTTP"), and the refusals the api part answers with their HTTP status.

A laptop is known once its first bundle registered it (central/importer.py);
its current signing key is the one its certificate (after rotations) names.
The last timestamp accepted from each laptop is kept in central_meta, so
every worker and every server on one database refuses the same replay.
"""

from __future__ import annotations

import re
import time

from sqlalchemy import insert, select, update

from ...core.errors import InspectorError
from ...core.sync import http_auth
from ...core.sync.errors import SyncRejected
from ...core.sync.trust import verify_cert
from .. import models as m
from ..store import Central

KINDS = {400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found", 413: "too_large",
         503: "unavailable"}
_DEVICE = re.compile(r"^[0-9a-f]{32}$")
_MILLIS = re.compile(r"^[0-9]{1,16}$")


class Refused(InspectorError):
    """A request the service turns down: `status` is the HTTP status, `code` the message (core/messages/http.py)."""

    def __init__(self, status: int, code: str, /, **params):
        super().__init__(code, **params)
        self.status = status
        self.kind = KINDS.get(status, "refused")


def replay_key(device_id: str) -> str:
    """central_meta's name (32 characters at most) for a laptop's last accepted request time."""
    return "rq." + device_id[:28]


def authenticate(central: Central, headers, method: str, path: str, query: str) -> dict:
    """The registered, unrevoked laptop that signed this request (its device row), or Refused."""
    for name in (http_auth.DEVICE, http_auth.TIME, http_auth.SIGNATURE):
        if not headers.get(name):
            raise Refused(401, "http.unsigned", header=name)
    device_id, stamp = headers[http_auth.DEVICE], headers[http_auth.TIME]
    if not _DEVICE.match(device_id) or not _MILLIS.match(stamp):
        raise Refused(401, "http.bad_signature")
    skew = abs(time.time() - int(stamp) / 1000)
    if skew > http_auth.MAX_SKEW_S:
        raise Refused(401, "http.clock_skew", seconds=int(skew), limit=http_auth.MAX_SKEW_S)
    with central.engine.connect() as c:
        dev = c.execute(select(m.device).where(m.device.c.device_id == device_id)).mappings().first()
    if dev is None:
        raise Refused(401, "http.unknown_device")
    if dev["revoked_at"] is not None:
        raise Refused(403, "http.device_revoked", device=device_id[:8])
    try:
        sign_pub = verify_cert(dev["cert"], central.keys.trust()).sign_pub
    except SyncRejected:
        raise Refused(401, "http.bad_signature") from None
    if not http_auth.verify(sign_pub, headers, method, path, query):
        raise Refused(401, "http.bad_signature")
    _not_seen(central, device_id, int(stamp))
    return dict(dev)


def _not_seen(central: Central, device_id: str, millis: int) -> None:
    """Record `millis` as this laptop's latest request, refusing one at or below the last (a replay)."""
    key = replay_key(device_id)
    with central.tx(lock=key) as c:
        last = c.execute(select(m.meta.c.value).where(m.meta.c.name == key)).scalar()
        if last is None:
            c.execute(insert(m.meta).values(name=key, value=millis))
        elif millis <= last:
            raise Refused(401, "http.replayed")
        else:
            c.execute(update(m.meta).where(m.meta.c.name == key).values(value=millis))
