"""Document numbers that stay unique across laptops without a network.

A number is "<prefix>〔<year>〕<device>-<sequence>号", e.g. 蓟市监责改〔2026〕K7QD-0007号:
<device> is 4 characters derived from this laptop's device id (Crockford
base32 of its SHA-256, so no I/L/O/U), <sequence> a gap-free counter per
series, year and device, taken in the same transaction that prints the
notice. Two laptops can only collide if their device codes collide (about
n²/2 097 152 for n laptops: 0.3% for 80); enrolment may assign codes later
(`device_code(..., assigned=…)`). PREFIXES is the one place to change the
wording.
"""

from __future__ import annotations

import hashlib

from sqlmodel import select

from ..models import NoticeSequence

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIXES = {"order": "蓟市监责改", "result": "蓟市监检记", "record": "蓟市监检录"}


def device_code(device_id: str, *, assigned: str | None = None) -> str:
    """This laptop's 4-character code in document numbers."""
    if assigned:
        return assigned
    digest = int.from_bytes(hashlib.sha256(device_id.encode("ascii")).digest()[:4], "big")
    return "".join(CROCKFORD[(digest >> shift) & 31] for shift in (27, 22, 17, 12))


def next_sequence(session, *, series: str, year: int, device_id: str) -> int:
    """The next number of a per-device series (call inside the write transaction)."""
    row = session.exec(select(NoticeSequence).where(NoticeSequence.series == series,
                                                    NoticeSequence.year == year,
                                                    NoticeSequence.device_id == device_id)).first()
    if row is None:
        row = NoticeSequence(series=series, year=year, device_id=device_id, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def format_number(kind: str, *, year: int, device: str, sequence: int) -> str:
    return f"{PREFIXES[kind]}〔{year}〕{device}-{sequence:04d}号"


def assign(session, *, kind: str, year: int, device_id: str) -> str:
    """A new number for a notice of this kind."""
    sequence = next_sequence(session, series=kind, year=year, device_id=device_id)
    return format_number(kind, year=year, device=device_code(device_id), sequence=sequence)
