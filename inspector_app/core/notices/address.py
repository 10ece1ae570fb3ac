"""The district's own verification address, and whether a URL really is under it.

A genuine token can be copied behind anyone's address (a look-alike site that
shows other facts), so a verification URL is checked as well as its token.
`own_base` is the one place that says where the own address comes from: the
district's, sent signed with enrolment and every downward bundle
(core/sync/district_settings.py); on a laptop never told one, its old
`verify_base_url` setting. The comparison is strict where browsers and look-alikes differ:
scheme, host (any case, IDNA, one trailing dot), port (the scheme's default
or the base's), no user name or password in front of the host (the
`https://own.example@evil.example/` trick), and the path: the base's path,
then `/v/<token>`, percent-encoding decoded. No ORM, no network.
"""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import SplitResult, unquote, urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
DISTRICT_URL_MAX = 200
DISTRICT_NAME_MAX = 60  # a 复议机关 or court name: one printed line
NAMED = ("review_body", "court")  # the 复议/诉讼 notice's bodies (docs/sync-protocol.md §9.5)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\\]")  # whitespace, control characters, backslashes
_HOST_BREAKERS = set("/@:?#[]\\%")


def own_base(settings: dict, db=None) -> str:
    """The verification address this district prints in QR codes (change its source here only): the
    district's as this store (`db`: a session or a sqlite3 connection) last received it, else the
    laptop's own setting."""
    told = district_url(db) if db is not None else None
    return told or str(settings["verify_base_url"])


def redress(settings: dict, db=None) -> tuple[str, str]:
    """(复议机关, court) an order's 复议/诉讼 notice names: the district's as this store last received them,
    else the laptop's settings (which the settings dialog shows read-only)."""
    from ..settings import BY_NAME
    told = district_values(db) if db is not None else {}
    own = {name: str(settings.get(name) or BY_NAME[name].default) for name in NAMED}
    return told.get("review_body") or own["review_body"], told.get("court") or own["court"]


def check_district(values) -> dict | None:
    """The district settings a laptop accepts ({"verify_url", "review_body", "court"}, each optional), or None
    when none is usable (ignored: an older or newer central's bundle still imports). An unusable value is
    left out, the others kept."""
    if not isinstance(values, dict):
        return None
    kept = {name: text for name in NAMED if _plain_name(text := values.get(name))}
    url = values.get("verify_url")
    if isinstance(url, str) and len(url) <= DISTRICT_URL_MAX:
        parts = _parts(url)
        if parts is not None and parts.scheme in ("https", "http") and parts.hostname and not parts.query \
                and not parts.fragment:
            kept["verify_url"] = url
    return kept or None


def _plain_name(text) -> bool:
    """A name a document can print: a short line of text, no control characters."""
    return isinstance(text, str) and 0 < len(text.strip()) <= DISTRICT_NAME_MAX and not _CONTROL.search(text)


def district_values(db) -> dict:
    """The district settings this store last received (core/sync/district_settings.py), {} on a laptop never
    told any. Plain SQL (`db`: a session or a read-only sqlite3 connection)."""
    from ..reads.store import dbapi
    try:
        row = dbapi(db).execute("SELECT district FROM sync_enrolment WHERE id = 1").fetchone()
    except sqlite3.OperationalError as exc:  # a store from before migration 0008 has no such column
        if "no such column" in str(exc):
            return {}
        raise
    if row is None or row[0] is None:
        return {}
    stored = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    return check_district(stored) or {}


def district_url(db) -> str | None:
    """The verification address the district gave this store, or None on a laptop never told one."""
    return district_values(db).get("verify_url")


def verify_url(base_url: str, token_text: str) -> str:
    """The address a QR code carries: `<base>/v/<token>`."""
    return f"{base_url.rstrip('/')}/v/{token_text}"


def _parts(url: str) -> SplitResult | None:
    if _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url if "://" in url else f"//{url}")
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    return parts


def _host(parts: SplitResult) -> str | None:
    """The host as DNS sees it: percent-decoded, lower case, IDNA, without one trailing dot."""
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return None
    host = unquote(parts.hostname or "")
    if not host or _HOST_BREAKERS & set(host):
        return None
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return host[:-1] if host.endswith(".") else host


def _port(parts: SplitResult, scheme: str) -> int | None:
    return parts.port if parts.port is not None else DEFAULT_PORTS.get(scheme)


def is_own(url: str, token_text: str, base_url: str) -> bool:
    """Whether `url` is exactly the district's verification address for `token_text`."""
    given, base = _parts(url.strip()), _parts(base_url.strip())
    if given is None or base is None or not base.scheme:
        return False
    scheme = (given.scheme or base.scheme).lower()  # an address typed without https:// is read as the base's
    if scheme != base.scheme.lower():
        return False
    host, own_host = _host(given), _host(base)
    if host is None or own_host is None or host != own_host:
        return False
    if _port(given, scheme) != _port(base, base.scheme.lower()):
        return False
    if "%2f" in given.path.lower():  # an encoded slash is not a path separator to every server
        return False
    return unquote(given.path).rstrip("/") == f"{unquote(base.path).rstrip('/')}/v/{token_text}"
