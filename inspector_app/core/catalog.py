"""The checklists installed in this store, by (id, version).

Shipped forms/ files are installed at `init`; central may send new versions
later. A stored version never changes: inspections point at it, so a file
whose content differs from the stored version must be published as a new
version.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlmodel import col, select

from . import checklists
from .checklists import Checklist
from .errors import FormError, NotFound
from .models import ChecklistRecord
from .paths import forms_dir

logger = logging.getLogger(__name__)


def install(session, checklist: Checklist, *, source: str = "") -> bool:
    """Store a checklist version; True if it was new. Refuses a changed existing version."""
    stored = session.get(ChecklistRecord, (checklist.id, checklist.version))
    if stored is not None:
        if stored.content_hash != checklist.content_hash:
            raise FormError("checklists.changed_version", source=source or checklist.id, id=checklist.id,
                            version=checklist.version)
        return False
    session.add(ChecklistRecord(id=checklist.id, version=checklist.version, title=checklist.title.zh,
                                categories=list(checklist.categories), content_hash=checklist.content_hash,
                                definition=checklist.model_dump(mode="json", by_alias=True)))
    return True


def install_shipped(session, directory: Path | None = None) -> list[tuple[str, int]]:
    """Install every forms/ file not yet in the store; returns the new (id, version)s.

    When every shipped (id, version) is stored already, nothing is parsed:
    this runs at each start, and a stored version never changes anyway.
    """
    directory = directory or forms_dir()
    shipped = {(m["id"], int(m["version"])) for p in Path(directory).glob("*.y*ml")
               if (m := checklists.FILE_NAME.match(p.name))}
    stored = set(session.exec(select(ChecklistRecord.id, ChecklistRecord.version)).all())
    if shipped and shipped <= {tuple(row) for row in stored}:
        return []
    added = []
    for checklist in checklists.load_directory(directory):
        if install(session, checklist, source=f"{checklist.id}.v{checklist.version}.yaml"):
            added.append((checklist.id, checklist.version))
    session.flush()
    return added


_parsed: dict[tuple[str, int, str], Checklist] = {}


def get(session, checklist_id: str, version: int | None = None) -> Checklist:
    """A stored checklist; the newest version when `version` is None.

    Parsed definitions are cached by (id, version, content hash): a stored
    version never changes, so only the small key is read on later calls.
    """
    query = select(ChecklistRecord.id, ChecklistRecord.version, ChecklistRecord.content_hash) \
        .where(ChecklistRecord.id == checklist_id)
    if version is not None:
        query = query.where(ChecklistRecord.version == int(version))
    key = session.exec(query.order_by(col(ChecklistRecord.version).desc())).first()
    if key is None:
        which = f"{checklist_id} v{version}" if version is not None else checklist_id
        raise NotFound("checklists.not_installed", field="form", which=which)
    key = tuple(key)
    if key not in _parsed:
        record = session.get(ChecklistRecord, (key[0], key[1]))
        _parsed[key] = checklists.parse(record.definition, source=f"stored checklist {key[0]} v{key[1]}")
    return _parsed[key]


def latest(session) -> list[ChecklistRecord]:
    """The newest version of every checklist."""
    newest: dict[str, ChecklistRecord] = {}
    for record in session.exec(select(ChecklistRecord).order_by(col(ChecklistRecord.id), col(ChecklistRecord.version))):
        newest[record.id] = record
    return list(newest.values())


def for_category(session, category: str) -> list[ChecklistRecord]:
    return [record for record in latest(session) if category in record.categories]
