"""District staff who use the desk: accounts, argon2 passwords, lockout, server-side sessions.

Everything lives in the central database, never in a process's memory, so a
sign-in made through one worker (or one server) holds on every other. The
browser keeps only a random token in a cookie; the database keeps its SHA-256,
so a copy of the database does not let anyone in. Every attempt to sign in is
recorded; five failures within 15 minutes lock the account for 15 minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from ..core.codes import Text
from ..core.errors import NotFound, StateError, ValidationError
from . import models as m
from .store import Central, now

ADMIN, CLERK = "district_admin", "district_clerk"
ROLES = {ADMIN: Text("区局管理员", "district administrator"), CLERK: Text("区局办事员", "district clerk")}
MIN_PASSWORD, MAX_PASSWORD = 10, 256
MAX_FAILURES = 5
FAILURE_WINDOW = LOCK_FOR = timedelta(minutes=15)
SESSION_FOR = timedelta(hours=8)  # one working day; signing out ends it sooner
_USERNAME = re.compile(r"^[\w.\-]{2,64}$")
_hasher = PasswordHasher()
# verified against when the user name is unknown, so a wrong name takes as long as a wrong password
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


def _username(text: str) -> str:
    name = unicodedata.normalize("NFKC", (text or "").strip()).casefold()
    if not _USERNAME.match(name):
        raise ValidationError("desk.bad_username", field="username")
    return name


def _hash(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("desk.password_too_short", field="password", min_length=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise ValidationError("desk.password_too_long", field="password", max_length=MAX_PASSWORD)
    return _hasher.hash(password)


def _public(row) -> dict:
    return {"username": row["username"], "display_name": row["display_name"], "role": row["role"],
            "role_label": ROLES[row["role"]].zh if row["role"] in ROLES else row["role"],
            "created_at": row["created_at"], "disabled": row["disabled_at"] is not None,
            "locked_until": row["locked_until"]}


def create(central: Central, *, username: str, display_name: str, role: str, password: str) -> dict:
    """A new staff account (the first one is made with `inspector central staff add`)."""
    name = _username(username)
    display = (display_name or "").strip()
    if not display or len(display) > 64:
        raise ValidationError("desk.display_name_required", field="display_name")
    if role not in ROLES:
        raise ValidationError("desk.bad_role", field="role", allowed=", ".join(ROLES))
    hashed = _hash(password)
    with central.tx(lock=f"staff:{name}") as c:
        if c.execute(select(m.staff.c.username).where(m.staff.c.username == name)).first():
            raise StateError("desk.staff_exists", field="username", username=name)
        at = now()
        c.execute(insert(m.staff).values(username=name, display_name=display, role=role, password_hash=hashed,
                                         created_at=at, password_changed_at=at))
        return _public(c.execute(select(m.staff).where(m.staff.c.username == name)).mappings().one())


def _row(c, username: str):
    row = c.execute(select(m.staff).where(m.staff.c.username == _username(username))).mappings().first()
    if row is None:
        raise NotFound("desk.no_staff", field="username", username=username)
    return row


def set_password(central: Central, username: str, password: str) -> dict:
    """A new password; it also lifts a lockout and signs the person out everywhere."""
    hashed = _hash(password)
    with central.tx() as c:
        row = _row(c, username)
        c.execute(update(m.staff).where(m.staff.c.username == row["username"]).values(
            password_hash=hashed, password_changed_at=now(), locked_until=None))
        _end_sessions(c, row["username"])
        return _public(_row(c, row["username"]))


def disable(central: Central, username: str) -> dict:
    """The account can no longer sign in; its open sessions end now. Its name stays on what it did."""
    with central.tx() as c:
        row = _row(c, username)
        c.execute(update(m.staff).where(m.staff.c.username == row["username"]).values(
            disabled_at=row["disabled_at"] or now()))
        _end_sessions(c, row["username"])
        return _public(_row(c, row["username"]))


def list_staff(central: Central) -> list[dict]:
    with central.engine.connect() as c:
        return [_public(r) for r in c.execute(select(m.staff).order_by(m.staff.c.username)).mappings()]


def _end_sessions(c, username: str) -> None:
    c.execute(update(m.staff_session).where(m.staff_session.c.username == username,
                                            m.staff_session.c.ended_at.is_(None)).values(ended_at=now()))


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=now().tzinfo)
    return moment


def _record(central: Central, username: str, ok: bool, why: str | None, remote: str | None, at: datetime) -> int:
    """Record one attempt (committed whatever happens next); returns the failures within the window."""
    with central.tx(lock=f"staff:{username}") as c:
        c.execute(insert(m.sign_in_attempt).values(username=username[:64], at=at, ok=ok, why=why,
                                                   remote=(remote or "")[:64] or None))
        if ok:
            return 0
        failures = c.execute(select(func.count()).select_from(m.sign_in_attempt).where(
            m.sign_in_attempt.c.username == username, m.sign_in_attempt.c.ok.is_(False),
            m.sign_in_attempt.c.why.in_(("wrong", "unknown")), m.sign_in_attempt.c.at > at - FAILURE_WINDOW)).scalar()
        if failures >= MAX_FAILURES and why in ("wrong", "unknown"):
            c.execute(update(m.staff).where(m.staff.c.username == username).values(locked_until=at + LOCK_FOR))
        return int(failures)


def sign_in(central: Central, username: str, password: str, *, remote: str | None = None,
            at: datetime | None = None) -> dict:
    """Check a user name and password; a new session ({token, csrf, …}) or an error that says why."""
    at = at or now()
    try:
        name = _username(username)
    except ValidationError:
        raise ValidationError("desk.sign_in_failed", field="password") from None
    with central.engine.connect() as c:
        row = c.execute(select(m.staff).where(m.staff.c.username == name)).mappings().first()
    locked_until = _aware(row["locked_until"]) if row else None
    if locked_until and locked_until > at:
        _record(central, name, False, "locked", remote, at)
        minutes = max(1, int((locked_until - at).total_seconds() + 59) // 60)
        raise StateError("desk.locked", field="password", minutes=minutes)
    try:  # an over-long password is never right (and not worth hashing)
        _hasher.verify(row["password_hash"] if row else _DUMMY, (password or "")[:MAX_PASSWORD + 1])
        good = row is not None and len(password) <= MAX_PASSWORD
    except (VerificationError, InvalidHashError):
        good = False
    if not good:
        failures = _record(central, name, False, "wrong" if row else "unknown", remote, at)
        if row and failures >= MAX_FAILURES:
            raise StateError("desk.locked", field="password", minutes=int(LOCK_FOR.total_seconds() // 60))
        raise ValidationError("desk.sign_in_failed", field="password")
    assert row is not None
    if row["disabled_at"] is not None:
        _record(central, name, False, "disabled", remote, at)
        raise StateError("desk.disabled", field="username")
    _record(central, name, True, None, remote, at)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with central.tx() as c:
        if _hasher.check_needs_rehash(row["password_hash"]):
            c.execute(update(m.staff).where(m.staff.c.username == name).values(password_hash=_hasher.hash(password)))
        c.execute(insert(m.staff_session).values(token_sha256=_digest(token), username=name, csrf=csrf,
                                                 created_at=at, expires_at=at + SESSION_FOR,
                                                 remote=(remote or "")[:64] or None))
    return {"token": token, "csrf": csrf, **_public(row), "expires_at": at + SESSION_FOR}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def session(central: Central, token: str | None, *, at: datetime | None = None) -> dict | None:
    """The signed-in person behind a cookie's token, or None (unknown, expired, signed out, disabled)."""
    if not token or len(token) > 128:
        return None
    at = at or now()
    s, st = m.staff_session.c, m.staff.c
    with central.engine.connect() as c:
        row = c.execute(select(s.csrf, s.expires_at, s.ended_at, m.staff).join(m.staff, st.username == s.username)
                        .where(s.token_sha256 == _digest(token))).mappings().first()
    if row is None or row["ended_at"] is not None or row["disabled_at"] is not None:
        return None
    expires = _aware(row["expires_at"])
    if expires is None or expires <= at:
        return None
    return {**_public(row), "csrf": row["csrf"], "expires_at": expires}


def sign_out(central: Central, token: str | None) -> None:
    if token:
        with central.tx() as c:
            c.execute(update(m.staff_session).where(m.staff_session.c.token_sha256 == _digest(token),
                                                    m.staff_session.c.ended_at.is_(None)).values(ended_at=now()))


def csrf_ok(current: dict, given: str | None) -> bool:
    """The form's token is this session's (compared in constant time)."""
    return bool(given) and hmac.compare_digest(current["csrf"].encode(), str(given).encode())


def attempts(central: Central, username: str | None = None, *, limit: int = 50) -> list[dict]:
    """The latest sign-in attempts (of one user name, or of everyone), newest first, for an administrator."""
    a = m.sign_in_attempt.c
    query = select(a.at, a.username, a.ok, a.why, a.remote)
    if username is not None:
        query = query.where(a.username == _username(username))
    with central.engine.connect() as c:
        return [dict(r) for r in c.execute(query.order_by(a.id.desc()).limit(limit)).mappings()]


def record_action(central: Central, username: str, action: str, target: str | None, detail: dict | None) -> None:
    """Keep who pressed which desk button about what (the central functions keep their own `by` where they
    have one; this covers the rest: a forced bundle, a cleared alert, a revocation, an enrolment)."""
    with central.tx() as c:
        c.execute(insert(m.desk_action).values(at=now(), username=username, action=action[:32],
                                               target=(target or "")[:200] or None, detail=detail))


def actions(central: Central, *, limit: int = 200) -> list[dict]:
    """The latest desk actions, newest first."""
    a = m.desk_action.c
    with central.engine.connect() as c:
        return [dict(r) for r in c.execute(select(a.at, a.username, a.action, a.target, a.detail)
                                           .order_by(a.id.desc()).limit(limit)).mappings()]
