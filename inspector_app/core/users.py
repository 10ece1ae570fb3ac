"""Local users: inspectors, clerks and admins, with argon2-hashed passwords.

Whoever finalizes or amends a record acts in an inspector's name: `acting_user`
and `confirm_password` are the checks the command line makes before it does
so, with the same argon2 verification as the desktop's sign-in (`authenticate`).
"""

from __future__ import annotations

import re
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import select

from . import audit, limits
from .errors import NotFound, ValidationError
from .ids import as_uuid
from .models import ROLES, User

_hasher = PasswordHasher()
MIN_PASSWORD = 6


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("users.password_too_short", field="password", min_length=MIN_PASSWORD)
    return _hasher.hash(password)


def add(session, *, name: str, role: str, credential_no: str, password: str | None = None,
        township_id: uuid.UUID | None = None, actor_id: uuid.UUID | None = None) -> User:
    limits.text("user.name", name, field="name")
    limits.text("user.credential_no", credential_no, field="credential")
    name = (name or "").strip()
    credential_no = re.sub(r"\s+", "", credential_no or "")
    if not name:
        raise ValidationError("users.name_required", field="name")
    if role not in ROLES:
        raise ValidationError("users.bad_role", field="role", allowed=", ".join(ROLES))
    if not credential_no:
        raise ValidationError("users.credential_required", field="credential")
    if session.exec(select(User).where(User.credential_no == credential_no)).first():
        raise ValidationError("users.credential_taken", field="credential", credential=credential_no)
    user = User(name=name, role=role, credential_no=credential_no, township_id=township_id,
                password_hash=hash_password(password) if password else None)
    session.add(user)
    session.flush()
    audit.record(session, action="user.add", entity="user", entity_id=user.id, actor_id=actor_id,
                 detail={"role": role})
    return user


def get(session, user_id) -> User:
    user = session.get(User, as_uuid(user_id, "user"))
    if user is None:
        raise NotFound("users.no_user", field="user", id=user_id)
    return user


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session, user_id, password: str) -> bool:
    user = get(session, user_id)
    if not user.active or not user.password_hash:
        return False
    return _password_matches(user.password_hash, password)


def find(session, who) -> User:
    """A user by id or by enforcement credential number (what a person types after `--as`)."""
    text = re.sub(r"\s+", "", str(who or ""))
    try:
        user = session.get(User, uuid.UUID(text))
    except ValueError:
        user = None
    if user is None and text:
        user = session.exec(select(User).where(User.credential_no == text)).first()
    if user is None:
        raise NotFound("auth.no_such_user", field="as", who=str(who))
    return user


def acting_user(session, who, *, among) -> User:
    """The user who finalizes or amends a record: active, and one of `among` (its inspectors' ids)."""
    user = find(session, who)
    if not user.active:
        raise ValidationError("auth.inactive", field="as", name=user.name)
    if user.id not in {as_uuid(value, "inspector") for value in among}:
        raise ValidationError("auth.not_an_inspector", field="as", name=user.name)
    return user


def confirm_password(user: User, password: str | None) -> None:
    """Refuse unless `password` is the user's (checked as the desktop's sign-in checks it).

    A user added without a password (township IT may do so) needs none. No
    attempt is counted: the desktop has no lockout either.
    """
    if not user.password_hash:
        return
    if password is None:
        raise ValidationError("auth.password_required", field="password", name=user.name)
    if not _password_matches(user.password_hash, password):
        raise ValidationError("auth.wrong_password", field="password", name=user.name)


def list_users(session, role: str | None = None) -> list[User]:
    query = select(User).order_by(User.name)
    if role:
        query = query.where(User.role == role)
    return list(session.exec(query))


def set_password(session, user_id, password: str, *, actor_id=None) -> User:
    """Give a user a (new) password, e.g. one added without a password by township IT."""
    user = get(session, user_id)
    user.password_hash = hash_password(password or "")
    session.flush()
    audit.record(session, action="user.password", entity="user", entity_id=user.id, actor_id=actor_id)
    return user
