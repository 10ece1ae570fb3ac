"""The signed QR token of a notice: a small fixed binary layout, Ed25519-signed, in base32.

Layout (version 1, big-endian):

    0   1  version (1)
    1   1  kind: b"r" result record, b"c" on-site record, b"o" order, b"m" coercive-measures decision
    2   1  flags: bit 0 = establishment name was cut short
    3   4  signer: the first 4 bytes of the signing key's id (keys.key_id)
    7  16  notice id (UUIDv7)
   23  16  inspection id
   39   2  inspection date, days since 2000-01-01
   41   2  deadline, days since 2000-01-01 (0 = none)
   43   1  result (low nibble) and handling (high nibble) codes
   44   1+L licence number (length-prefixed, at most 20 bytes)
    .   1+N establishment name, UTF-8, at most 30 bytes (cut at a character)
    .  64  Ed25519 signature over CONTEXT + every byte before it

Base32 (RFC 4648, upper case, no padding) rather than base64url: its
alphabet is in the QR alphanumeric mode, which stores 5.5 bits a character
instead of 8, so the whole URL fits a version-10 code at level M instead of
version 11. Decoding is strict (canonical upper-case text only), so a single
changed character never decodes to the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..rules import BASIC, COMPLIANT, NON_COMPLIANT, PASS, RECTIFY, STOP

VERSION = 1
CONTEXT = b"inspector_app notice token v1\x00"  # domain separation: never valid as another signature
EPOCH = date(2000, 1, 1)
KINDS = {"result": b"r", "record": b"c", "order": b"o", "coercive": b"m"}
KIND_OF = {v: k for k, v in KINDS.items()}
RESULT_CODES = {None: 0, COMPLIANT: 1, BASIC: 2, NON_COMPLIANT: 3}
HANDLING_CODES = {None: 0, PASS: 1, RECTIFY: 2, STOP: 3}
RESULT_OF = {v: k for k, v in RESULT_CODES.items()}
HANDLING_OF = {v: k for k, v in HANDLING_CODES.items()}
NAME_MAX_BYTES = 30  # 10 Chinese characters: enough to compare with the posted paper
LICENCE_MAX_BYTES = 20
KEY_PREFIX_BYTES = 4
SIGNATURE_BYTES = 64
_HEAD = struct.Struct(">B1sB4s16s16sHHB")
_TOKEN_TEXT = re.compile(r"^[A-Z2-7]+$")


class TokenError(ValueError):
    """A token that cannot be read: `code` (core/messages/notices.py) is what verification reports."""

    def __init__(self, code: str, **params):
        from ..messages import render
        self.code, self.params = code, params
        self.reason = render(code, "en", params)
        super().__init__(self.reason)


@dataclass(frozen=True)
class TokenFacts:
    """What a notice's QR code states, as signed."""

    notice_id: uuid.UUID
    kind: str
    inspection_id: uuid.UUID
    name: str
    licence_no: str
    inspected_on: date
    result: str | None
    handling: str | None
    deadline: date | None
    name_truncated: bool = False


@dataclass(frozen=True)
class ParsedToken:
    facts: TokenFacts
    key_prefix: str  # hex, the start of keys.key_id
    signed: bytes
    signature: bytes


def cut_utf8(text: str, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of UTF-8, cut between characters; True if something was cut."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return data, False
    return data[:limit].decode("utf-8", errors="ignore").encode("utf-8"), True


def _days(day: date | None) -> int:
    if day is None:
        return 0
    days = (day - EPOCH).days
    if not 0 < days < 0x10000:
        raise ValueError(f"date {day} is outside what a token can hold")
    return days


def _day(days: int) -> date | None:
    return None if days == 0 else EPOCH + timedelta(days=days)


def payload(facts: TokenFacts, key_id: str) -> bytes:
    """The unsigned bytes of a token (the name is cut to NAME_MAX_BYTES here)."""
    name, cut = cut_utf8(facts.name, NAME_MAX_BYTES)
    licence, _ = cut_utf8(facts.licence_no or "", LICENCE_MAX_BYTES)
    codes = RESULT_CODES[facts.result] | HANDLING_CODES[facts.handling] << 4
    head = _HEAD.pack(VERSION, KINDS[facts.kind], int(cut or facts.name_truncated),
                      bytes.fromhex(key_id)[:KEY_PREFIX_BYTES], facts.notice_id.bytes,
                      facts.inspection_id.bytes, _days(facts.inspected_on), _days(facts.deadline), codes)
    return head + bytes([len(licence)]) + licence + bytes([len(name)]) + name


def encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def decode(text: str) -> bytes:
    """Strict base32: canonical upper-case text only, else TokenError."""
    if not _TOKEN_TEXT.match(text or ""):
        raise TokenError("verify.malformed")
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise TokenError("verify.malformed") from None
    if encode(data) != text:  # unused trailing bits set, or an impossible length
        raise TokenError("verify.malformed")
    return data


def sign(facts: TokenFacts, key: Ed25519PrivateKey, key_id: str) -> str:
    """The token text for these facts, signed with this laptop's key."""
    body = payload(facts, key_id)
    return encode(body + key.sign(CONTEXT + body))


def parse(text: str) -> ParsedToken:
    """Read a token's structure (signature not checked); TokenError says what is wrong."""
    data = decode(text)
    if len(data) < 1 or data[0] != VERSION:
        raise TokenError("verify.malformed" if not data else "verify.unsupported_version",
                         version=data[0] if data else None)
    minimum = _HEAD.size + 2 + SIGNATURE_BYTES
    if len(data) < minimum:
        raise TokenError("verify.truncated")
    version, kind, flags, prefix, notice, inspection, on, due, codes = _HEAD.unpack_from(data)
    at = _HEAD.size
    licence, at = _field(data, at)
    name, at = _field(data, at)
    if len(data) - at != SIGNATURE_BYTES:
        raise TokenError("verify.truncated" if len(data) - at < SIGNATURE_BYTES else "verify.malformed")
    if kind not in KIND_OF or (codes & 0x0F) not in RESULT_OF or (codes >> 4) not in HANDLING_OF \
            or on == 0 or flags & ~1:
        raise TokenError("verify.malformed")
    try:
        facts = TokenFacts(notice_id=uuid.UUID(bytes=notice), kind=KIND_OF[kind],
                           inspection_id=uuid.UUID(bytes=inspection), name=name.decode("utf-8"),
                           licence_no=licence.decode("utf-8"),
                           inspected_on=EPOCH + timedelta(days=on),  # on == 0 (no date) is refused above
                           result=RESULT_OF[codes & 0x0F], handling=HANDLING_OF[codes >> 4],
                           deadline=_day(due), name_truncated=bool(flags & 1))
    except UnicodeDecodeError:
        raise TokenError("verify.malformed") from None
    return ParsedToken(facts, prefix.hex(), data[:at], data[at:])


def _field(data: bytes, at: int) -> tuple[bytes, int]:
    if at >= len(data):
        raise TokenError("verify.truncated")
    end = at + 1 + data[at]
    if end > len(data):
        raise TokenError("verify.truncated")
    return data[at + 1:end], end


def signature_ok(parsed: ParsedToken, public: Ed25519PublicKey) -> bool:
    try:
        public.verify(parsed.signature, CONTEXT + parsed.signed)
    except InvalidSignature:
        return False
    return True
