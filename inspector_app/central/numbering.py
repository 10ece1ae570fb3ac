"""Document numbers at the district: the bureau's prefix per kind, and blocks of numbers for each laptop.

A document number is 机关代字〔year〕n号 with one sequence per kind and year for
the whole district (GB/T 9704 §7.2.5; core/notices/numbering.py). Laptops are
offline for days, so the district grants each laptop's enrolment blocks of the
sequence: the first at enrolment, another whenever an upward bundle reports
that fewer than half a block is left (docs/sync-protocol.md §3). A number is
granted once: `number_series` holds the last number granted per kind and year
and only counts up, in the granting transaction (an UPDATE … RETURNING on one
row, so two imports at once on PostgreSQL get different ranges). Blocks are
never taken back nor reissued, not even a revoked laptop's: it may have printed
numbers of them before it was lost, and a number on paper cannot be recalled;
a few unused numbers are the price of never printing one number twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import func, insert, select, text, update

from ..core.errors import ValidationError
from ..core.models import new_id
from ..core.notices.numbering import DEFAULT_PREFIXES, check_prefix
from . import models as m
from .store import Central, next_usn, now

DEFAULT_BLOCK_SIZE = 50  # a busy inspector's month or two of one kind; the district may change it
BLOCK_SIZE_RANGE = (2, 10_000)
BLOCK_SIZE_META = "number_block_size"
CHINA = timezone(timedelta(hours=8))  # the year of a number is the bureau's calendar year (no DST in China)


def this_year() -> int:
    return datetime.now(CHINA).year


def years_granted(today: date) -> set[int]:
    """The years a laptop is kept supplied for without asking: this one, and from December the next, so no
    laptop starts January unable to print because it has not synced since New Year."""
    return {today.year, today.year + 1} if today.month == 12 else {today.year}


def prefixes(c) -> dict[str, str]:
    """Every numbered kind with its prefix: the bureau's setting, else the placeholder."""
    given = dict(c.execute(select(m.number_prefix.c.kind, m.number_prefix.c.prefix)).all())
    return {kind: given.get(kind, default) for kind, default in DEFAULT_PREFIXES.items()}


def block_size(c) -> int:
    value = c.execute(select(m.meta.c.value).where(m.meta.c.name == BLOCK_SIZE_META)).scalar()
    return int(value) if value else DEFAULT_BLOCK_SIZE


def _check_kind(kind: str) -> str:
    if kind not in DEFAULT_PREFIXES:
        raise ValidationError("numbering.unknown_kind", field="kind", kind=str(kind)[:40],
                              allowed=", ".join(DEFAULT_PREFIXES))
    return kind


def change(central: Central, *, prefixes_given: dict[str, str] | None = None, size: int | None = None) -> dict:
    """Set the bureau's prefixes (KIND → text) and/or the block size. A new prefix goes to every block of the
    kind, so each laptop prints it from its next downward bundle on; numbers printed keep theirs."""
    checked = {_check_kind(kind): check_prefix(value) for kind, value in (prefixes_given or {}).items()}
    low, high = BLOCK_SIZE_RANGE
    if size is not None and not low <= size <= high:
        raise ValidationError("numbering.bad_block_size", field="block_size", size=size, low=low, high=high)
    with central.tx(lock="number_prefix") as c:
        for kind, prefix in checked.items():
            table = m.number_prefix
            if not c.execute(update(table).where(table.c.kind == kind).values(prefix=prefix,
                                                                              updated_at=now())).rowcount:
                c.execute(insert(table).values(kind=kind, prefix=prefix, updated_at=now()))
            stale = m.number_block.c.kind == kind, m.number_block.c.prefix != prefix
            if c.execute(select(m.number_block.c.id).where(*stale).limit(1)).first():
                c.execute(update(m.number_block).where(*stale).values(prefix=prefix, usn=next_usn(c)))
        meta = m.meta.c.name == BLOCK_SIZE_META
        if size is not None and not c.execute(update(m.meta).where(meta).values(value=size)).rowcount:
            c.execute(insert(m.meta).values(name=BLOCK_SIZE_META, value=size))
        return {"prefixes": prefixes(c), "block_size": block_size(c)}


def _take(c, kind: str, year: int, count: int) -> int:
    """Reserve `count` numbers of the kind's series for the year; returns the first. Each number once."""
    from sqlalchemy.dialects import postgresql, sqlite
    dialect = postgresql if c.dialect.name == "postgresql" else sqlite
    c.execute(dialect.insert(m.number_series).values(kind=kind, year=year, last_granted=0).on_conflict_do_nothing())
    last = c.execute(text("UPDATE number_series SET last_granted = last_granted + :n "
                          "WHERE kind = :k AND year = :y RETURNING last_granted"),
                     {"n": count, "k": kind, "y": year}).scalar_one()
    return int(last) - count + 1


def grant(c, grant_serial: str, kind: str, year: int, *, size: int | None = None) -> dict:
    """Grant one block of the kind and year to a laptop's enrolment (inside the caller's transaction)."""
    size = size or block_size(c)
    first = _take(c, kind, year, size)
    row = {"id": new_id().hex, "kind": kind, "year": year, "grant_serial": grant_serial, "first": first,
           "last": first + size - 1, "prefix": prefixes(c)[kind], "granted_at": now(), "usn": next_usn(c)}
    c.execute(insert(m.number_block).values(**row))
    return row


def _remember_used(c, grant_serial: str, reports: list[tuple[str, int, int]]) -> dict[tuple[str, int], int]:
    """Keep what the laptop reported used; returns the counts now held per (kind, year). A count only grows:
    an older bundle imported late says nothing new."""
    table = m.number_used
    held = {(r.kind, r.year): r.used for r in c.execute(select(table.c.kind, table.c.year, table.c.used)
                                                        .where(table.c.grant_serial == grant_serial))}
    for kind, year, used in reports:
        if (kind, year) not in held:
            c.execute(insert(table).values(grant_serial=grant_serial, kind=kind, year=year, used=used,
                                           reported_at=now()))
        elif used > held[kind, year]:
            c.execute(update(table).where(table.c.grant_serial == grant_serial, table.c.kind == kind,
                                          table.c.year == year).values(used=used, reported_at=now()))
        held[kind, year] = max(used, held.get((kind, year), 0))
    return held


def top_up(c, grant_serial: str, reports: list[tuple[str, int, int]] | None = None, *,
           today: date | None = None) -> list[dict]:
    """Grant a block of every numbered kind whose numbers left (granted − reported used) are fewer than half a
    block, for this year (and next year in December) and the years the laptop reported (last, this and next
    year only). Nothing for a revoked enrolment. Returns the blocks granted. A handful of queries: it runs in
    every upward bundle's transaction."""
    revoked = c.execute(select(m.grant.c.revoked_at).where(m.grant.c.serial == grant_serial)).scalar()
    revoked = revoked or c.execute(select(m.device.c.revoked_at).where(
        m.device.c.grant_serial == grant_serial)).scalar()
    if revoked is not None:
        return []
    today = today or datetime.now(CHINA).date()
    year = today.year
    kinds = prefixes(c)
    reports = [r for r in reports or () if r[0] in kinds and year - 1 <= r[1] <= year + 1]
    used = _remember_used(c, grant_serial, reports)
    b = m.number_block.c
    granted_so_far = {(r.kind, r.year): int(r.total) for r in c.execute(
        select(b.kind, b.year, func.sum(b.last - b.first + 1).label("total"))
        .where(b.grant_serial == grant_serial).group_by(b.kind, b.year))}
    size = block_size(c)
    granted = []
    for kind in kinds:
        for when in sorted(years_granted(today) | {r[1] for r in reports if r[0] == kind}):
            if 2 * (granted_so_far.get((kind, when), 0) - used.get((kind, when), 0)) < size:
                granted.append(grant(c, grant_serial, kind, when, size=size))
    return granted


def wire_row(row) -> dict:
    """A block as a downward `number_block` registry row (docs/sync-protocol.md §9.2)."""
    return {"id": row["id"], "usn": row["usn"], "server_version": 1, "deleted": False,
            "data": {"kind": row["kind"], "year": row["year"], "first": row["first"], "last": row["last"],
                     "prefix": row["prefix"]}}


def rows_for(c, grant_serial: str, usn_from: int, usn_to: int) -> list[dict]:
    """The laptop's own blocks changed in (usn_from, usn_to]: addressed to it alone."""
    b = m.number_block.c
    return [wire_row(r) for r in c.execute(select(m.number_block).where(
        b.grant_serial == grant_serial, b.usn > usn_from, b.usn <= usn_to).order_by(b.usn, b.first)).mappings()]


def listing(central: Central) -> dict:
    """The prefixes, the block size, and every block granted with the laptop that holds it."""
    b, g, d = m.number_block.c, m.grant.c, m.device.c
    with central.engine.connect() as c:
        rows = c.execute(select(b.kind, b.year, b.first, b.last, b.prefix, b.granted_at, b.grant_serial,
                                g.device_name, d.device_id, g.revoked_at)
                         .select_from(m.number_block.outerjoin(m.grant, g.serial == b.grant_serial)
                                      .outerjoin(m.device, d.grant_serial == b.grant_serial))
                         .order_by(b.kind, b.year, b.first)).mappings().all()
        used = {(r.grant_serial, r.kind, r.year): r.used for r in c.execute(select(m.number_used))}
        blocks = [{**{k: v for k, v in r.items() if k not in ("granted_at", "revoked_at")},
                   "granted_at": r["granted_at"].astimezone(UTC).isoformat(timespec="seconds")
                   if r["granted_at"].tzinfo else r["granted_at"].isoformat(timespec="seconds"),
                   "revoked": r["revoked_at"] is not None,
                   "laptop_used": used.get((r["grant_serial"], r["kind"], r["year"]), 0)} for r in rows]
        return {"prefixes": prefixes(c), "block_size": block_size(c), "blocks": blocks}
