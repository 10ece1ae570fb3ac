"""What the bureau sealed or seized when an inspection stopped operations: the 场所/设施/财物清单.

A stop is the operator's own duty (Order 49 Art. 31 ¶2); where the bureau
itself seals or seizes (FSL Art. 110 (4)(5), Order 49 Art. 25), 行政强制法
Art. 24 wants a decision naming the things and the period, and Art. 25 caps
that period at 30 days. The inspector records the list once the inspection
is finalized and before the decision (core/notices/coercive.py) is issued;
after that it never changes (docs/architecture.md "Notices").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .. import inspections, jsonfiles, limits
from ..errors import StateError, ValidationError
from ..ids import as_uuid
from ..models import Inspection, Notice, SealingList

MAX_DAYS = 30  # 行政强制法 第二十五条: 查封、扣押的期限不得超过三十日
MAX_THINGS = 50
KINDS = {"place": "场所", "facility": "设施", "goods": "财物"}
MEASURES = {"seal": "查封", "seize": "扣押"}


@dataclass(frozen=True)
class Thing:
    """One line of the 清单."""

    kind: str
    name: str
    measure: str = "seal"
    spec: str | None = None
    quantity: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "measure": self.measure, "spec": self.spec,
                "quantity": self.quantity}


@dataclass(frozen=True)
class Sealing:
    """The list with its period: from the day of the decision, `days` days (行政强制法 Art. 25)."""

    days: int
    things: tuple[Thing, ...]
    start: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days)

    @property
    def measures(self) -> tuple[str, ...]:
        """查封 and/or 扣押, in that order, as the list uses them."""
        return tuple(m for m in MEASURES if any(t.measure == m for t in self.things))


def load(path: Path | str) -> dict:
    """A sealing list from a JSON file, read strictly (core/jsonfiles.py); parse() checks its content."""
    jsonfiles.check_size(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("sealing.unreadable", field="sealing", path=str(path),
                              detail=getattr(exc, "strerror", None) or str(exc)) from None
    data = jsonfiles.loads(text, path=str(path))
    parse(data)
    return data


def parse(data) -> tuple[int, tuple[Thing, ...]]:
    """A sealing list as a person gives it ({"days": N, "things": [{kind, name, measure, spec, quantity}]}),
    checked; a coded ValidationError names the first problem."""
    if not isinstance(data, dict) or not isinstance(data.get("things"), list):
        raise ValidationError("sealing.bad_list", field="sealing", detail=type(data).__name__)
    days = data.get("days", MAX_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise ValidationError("sealing.bad_days", field="days", days=limits.shown(days), limit=MAX_DAYS)
    raw = data["things"]
    if not 1 <= len(raw) <= MAX_THINGS:
        raise ValidationError("sealing.no_things", field="things", limit=MAX_THINGS)
    return days, tuple(_thing(n, entry) for n, entry in enumerate(raw, start=1))


def _thing(n: int, entry) -> Thing:
    if not isinstance(entry, dict):
        raise ValidationError("sealing.bad_list", field="things", detail=f"#{n}")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ValidationError("sealing.bad_kind", field="things", item=n, allowed=", ".join(KINDS))
    measure = entry.get("measure", "seal")
    if measure not in MEASURES or (measure == "seize" and kind != "goods"):
        raise ValidationError("sealing.bad_measure", field="things", item=n, allowed=", ".join(MEASURES))
    name = (limits.text("sealing.name", entry.get("name"), field="things", item=n) or "").strip()
    if not name:
        raise ValidationError("sealing.name_required", field="things", item=n)

    def optional(key: str) -> str | None:
        return (limits.text(f"sealing.{key}", entry.get(key), field="things", item=n) or "").strip() or None
    return Thing(kind=kind, name=name, measure=measure, spec=optional("spec"), quantity=optional("quantity"))


def record(session, *, inspection_id, data, actor_id=None) -> SealingList:
    """Keep the sealing list of a finalized inspection that stopped operations. The same list again changes
    nothing; a different one replaces it only until the decision is issued."""
    days, things = parse(data)
    inspection = inspections.get(session, inspection_id)
    if inspection.status != "finalized":
        raise StateError("notices.not_finalized", field="inspection")
    if inspection.handling != "stop" and not inspection.hazard:
        raise StateError("sealing.not_stopped", field="inspection")
    rows = [t.to_dict() for t in things]
    row = session.get(SealingList, inspection.id)
    if row is not None and row.days == days and row.things == rows:
        return row
    if row is not None and _issued(session, inspection.id):
        raise StateError("sealing.already_issued", field="sealing")
    if row is None:
        row = SealingList(inspection_id=inspection.id, days=days, things=rows, created_by=actor_id)
    else:
        row.days, row.things, row.created_by = days, rows, actor_id
    session.add(row)
    session.flush()
    return row


def can_record(session, inspection_id) -> bool:
    """Whether a list may be recorded now: a finalized inspection that stopped operations, decision not issued."""
    inspection = session.get(Inspection, as_uuid(inspection_id, "inspection"))
    return (inspection is not None and inspection.status == "finalized"
            and (inspection.handling == "stop" or inspection.hazard) and not _issued(session, inspection.id))


def _issued(session, inspection_id) -> bool:
    from sqlmodel import select
    return session.exec(select(Notice.id).where(Notice.inspection_id == inspection_id,
                                                Notice.kind == "coercive")).first() is not None


def of(session, inspection_id, *, start: date) -> Sealing | None:
    """The recorded list, or None."""
    row = session.get(SealingList, as_uuid(inspection_id, "inspection"))
    if row is None:
        return None
    return Sealing(days=row.days, start=start, things=tuple(Thing(**thing) for thing in row.things))
