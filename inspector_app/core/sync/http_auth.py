"""Signed requests over HTTP (docs/sync-protocol.md "Over HTTP"): a laptop proves who asks with its
Ed25519 device signing key, the key its bundles are signed with and central registered.

The signature covers a fixed prefix, the method, the path, the raw query, the
device id and a millisecond timestamp, one per line. The district refuses a
timestamp more than MAX_SKEW_S from its clock, and any timestamp not above
the last one it accepted from that laptop (a replay within the window).
Shared by the laptop's client (core/sync/http_sync.py) and the district's
service (central/web/api_auth.py).
"""

from __future__ import annotations

import threading
import time

from . import crypto

PREFIX = "inspector-request/1"
DEVICE, TIME, SIGNATURE = "X-Inspector-Device", "X-Inspector-Time", "X-Inspector-Signature"
MAX_SKEW_S = 300  # five minutes: a laptop's clock set by hand drifts; a captured request stays useless

_last_millis = 0
_lock = threading.Lock()


def message(method: str, path: str, query: str, device_id: str, millis: int) -> bytes:
    """The bytes signed: what the request asks, of whom, and when."""
    return "\n".join((PREFIX, method.upper(), path, query, device_id, str(millis))).encode("utf-8")


def fresh_millis() -> int:
    """Now in milliseconds, strictly above every earlier value this process gave out (the district
    refuses a timestamp it has seen, so two requests in one millisecond must differ)."""
    global _last_millis
    with _lock:
        _last_millis = max(int(time.time() * 1000), _last_millis + 1)
        return _last_millis


def sign(sign_key, device_id: str, method: str, path: str, query: str = "", millis: int | None = None) -> dict:
    """The headers that sign one request."""
    millis = fresh_millis() if millis is None else millis
    signature = crypto.sign(sign_key, message(method, path, query, device_id, millis))
    return {DEVICE: device_id, TIME: str(millis), SIGNATURE: crypto.b64(signature)}


def verify(sign_pub: bytes, headers, method: str, path: str, query: str) -> bool:
    """True when `headers` (already known to be present and well formed) sign this request with `sign_pub`."""
    try:
        signature = crypto.unb64(headers[SIGNATURE])
    except (ValueError, KeyError):
        return False
    return crypto.verify(sign_pub, signature, message(method, path, query, headers[DEVICE], int(headers[TIME])))
