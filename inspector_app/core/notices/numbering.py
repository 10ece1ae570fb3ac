"""Document numbers (文号) per GB/T 9704-2012 §7.2.5, unique across laptops without a network.

A number is 机关代字 + 〔year〕 + sequence + 号, e.g. 津市监蓟责改〔2026〕7号: the year in
full, in hexagonal brackets, the sequence without 第 and without padding, and
nothing of the laptop in it. Sequences run per document kind and year for the
whole district. Laptops are offline for days, so the district grants each one
blocks of numbers (say 101–150) and the laptop takes the next unused number of
its blocks, in the transaction that prints the notice; the prefix comes with
the block (the bureau's setting at the district). When its blocks are used up
the print is refused until the laptop syncs: a blank number to be written by
hand could never be recorded (an issued notice's number never changes) nor
checked for a duplicate. A laptop never enrolled (the demo, a trial) numbers
from a local series whose prefix says so. docs/sync-protocol.md §6, §9.2.
"""

from __future__ import annotations

from sqlmodel import col, select

from ..errors import StateError, ValidationError
from ..models import NoticeSequence, NumberBlock, SyncEnrolment

# The kinds that carry a number, with the placeholder prefix the district uses until the bureau sets its own
# (README: confirm with the bureau's 法制科). Another kind is one more row here.
DEFAULT_PREFIXES = {"order": "津市监蓟责改", "result": "津市监蓟检记", "record": "津市监蓟检录",
                    "coercive": "津市监蓟强制"}
# The 文书代字 a local (never enrolled) series puts after its own prefix, so kinds stay apart.
LOCAL_CODES = {"order": "责改", "result": "检记", "record": "检录", "coercive": "强制"}
LOCAL_PREFIX = "本机未登记"  # the default of the `local_number_prefix` setting
PREFIX_MAX = 24
_NOT_IN_PREFIX = set("〔〕[]［］()（）{}【】<>《》") | {"号"}
LOCAL_SERIES = "local"  # NoticeSequence.device_id of the never-enrolled series
BLOCK_SERIES = "district"  # NoticeSequence.device_id of the last number taken from the district's blocks


def check_prefix(prefix: str) -> str:
    """A usable 机关代字: short, no spaces or brackets, not ending in 第 (GB/T 9704 §7.2.5: 不加"第"字)."""
    text = prefix if isinstance(prefix, str) else ""
    if (not text or len(text) > PREFIX_MAX or text.endswith("第") or set(text) & _NOT_IN_PREFIX
            or any(ch.isspace() or not ch.isprintable() for ch in text)):
        raise ValidationError("numbering.bad_prefix", field="prefix", prefix=str(prefix)[:40], max=PREFIX_MAX)
    return text


def format_number(prefix: str, *, year: int, sequence: int) -> str:
    """<prefix>〔<year>〕<n>号: 年份应标全称，用六角括号括入；发文顺序号不加"第"字，不编虚位 (GB/T 9704 §7.2.5)."""
    if not isinstance(year, int) or isinstance(year, bool) or not 1000 <= year <= 9999:
        raise ValidationError("numbering.bad_year", field="year", year=str(year))
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise ValidationError("numbering.bad_sequence", field="sequence", sequence=str(sequence))
    return f"{check_prefix(prefix)}〔{year}〕{sequence}号"


def _counter(session, kind: str, year: int, series: str) -> NoticeSequence:
    row = session.exec(select(NoticeSequence).where(NoticeSequence.series == kind, NoticeSequence.year == year,
                                                    NoticeSequence.device_id == series)).first()
    if row is None:
        row = NoticeSequence(series=kind, year=year, device_id=series, last=0)
        session.add(row)
    return row


def blocks(session, kind: str, year: int) -> list[NumberBlock]:
    return list(session.exec(select(NumberBlock).where(NumberBlock.kind == kind, NumberBlock.year == year)
                             .order_by(col(NumberBlock.first))))


def next_sequence(session, *, kind: str, year: int) -> tuple[int, str]:
    """The next unused number of this laptop's blocks for the kind and year, and its prefix (call inside the
    write transaction that prints). Blocks are taken in order; numbers only count up (a trigger keeps it)."""
    counter = _counter(session, kind, year, BLOCK_SERIES)
    for block in blocks(session, kind, year):
        if block.last > counter.last:
            counter.last = max(block.first, counter.last + 1)
            session.flush()
            return counter.last, block.prefix
    from . import KIND_TITLES
    raise StateError("numbering.exhausted", field="number", kind=KIND_TITLES.get(kind, kind), year=year)


def next_local(session, *, kind: str, year: int) -> int:
    """The next number of a never-enrolled laptop's own series (gap-free, per kind and year)."""
    counter = _counter(session, kind, year, LOCAL_SERIES)
    counter.last += 1
    session.flush()
    return counter.last


def assign(session, *, kind: str, year: int, local_prefix: str | None = None) -> str:
    """A new number for a notice of this kind: from the district's blocks once enrolled, else the local series."""
    if session.get(SyncEnrolment, 1) is not None:
        sequence, prefix = next_sequence(session, kind=kind, year=year)
        return format_number(prefix, year=year, sequence=sequence)
    prefix = (local_prefix or LOCAL_PREFIX) + LOCAL_CODES.get(kind, kind)
    return format_number(prefix, year=year, sequence=next_local(session, kind=kind, year=year))


def used_counts(session) -> list[dict]:
    """How many numbers of its blocks this laptop has used, per kind and year (the upward header's
    `numbers_used`, docs/sync-protocol.md §3): what the district tops blocks up from."""
    rows = session.exec(select(NumberBlock)).all()
    held: dict[tuple[str, int], list[NumberBlock]] = {}
    for block in rows:
        held.setdefault((block.kind, block.year), []).append(block)
    out = []
    for (kind, year), mine in sorted(held.items()):
        counter = session.exec(select(NoticeSequence.last).where(
            NoticeSequence.series == kind, NoticeSequence.year == year,
            NoticeSequence.device_id == BLOCK_SERIES)).first() or 0
        used = sum(max(0, min(b.last, counter) - b.first + 1) for b in mine)
        out.append({"kind": kind, "year": year, "used": used})
    return out


def store_block(session, block_id: str, data: dict, usn: int) -> bool:
    """Keep (or update: a new prefix) a block the district granted; an older copy of the row is ignored."""
    row = session.get(NumberBlock, block_id)
    if row is not None and row.usn > usn:
        return False
    if row is None:
        row = NumberBlock(id=block_id, kind=data["kind"], year=data["year"], first=data["first"], last=data["last"],
                          prefix=data["prefix"], usn=usn)
    else:
        row.prefix, row.usn = data["prefix"], usn  # the range of a block never changes
    session.add(row)
    session.flush()
    return True
