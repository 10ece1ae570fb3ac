"""The checklists installed in this store, by (id, version).

Shipped forms/ files are installed at `init`; central may send new versions
later. A stored version never changes: inspections point at it, so a file
whose content differs from the stored version must be published as a new
version.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from sqlmodel import select

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
            raise FormError(f"{source or checklist.id}: checklist {checklist.id} v{checklist.version} "
                            "differs from the version already in use; publish the change as a new version")
        return False
    session.add(ChecklistRecord(id=checklist.id, version=checklist.version, title=checklist.title.zh,
                                categories=list(checklist.categories), content_hash=checklist.content_hash,
                                definition=checklist.model_dump(mode="json", by_alias=True)))
    return True


def install_shipped(session, directory: Path | None = None) -> list[tuple[str, int]]:
    """Install every forms/ file not yet in the store; returns the new (id, version)s."""
    added = []
    for checklist in checklists.load_directory(directory or forms_dir()):
        if install(session, checklist, source=f"{checklist.id}.v{checklist.version}.yaml"):
            added.append((checklist.id, checklist.version))
    session.flush()
    return added


@lru_cache(maxsize=64)
def _parse(content_hash: str, definition_json: str) -> Checklist:
    return checklists.parse(json.loads(definition_json), source=f"stored checklist {content_hash[:8]}")


def get(session, checklist_id: str, version: int | None = None) -> Checklist:
    """A stored checklist; the newest version when `version` is None."""
    query = select(ChecklistRecord).where(ChecklistRecord.id == checklist_id)
    if version is not None:
        query = query.where(ChecklistRecord.version == int(version))
    record = session.exec(query.order_by(ChecklistRecord.version.desc())).first()
    if record is None:
        which = f"{checklist_id} v{version}" if version is not None else checklist_id
        raise NotFound(f"no checklist {which}; `inspector forms list` shows the installed ones", field="form")
    return _parse(record.content_hash, json.dumps(record.definition, ensure_ascii=False, sort_keys=True))


def latest(session) -> list[ChecklistRecord]:
    """The newest version of every checklist."""
    newest: dict[str, ChecklistRecord] = {}
    for record in session.exec(select(ChecklistRecord).order_by(ChecklistRecord.id, ChecklistRecord.version)):
        newest[record.id] = record
    return list(newest.values())


def for_category(session, category: str) -> list[ChecklistRecord]:
    return [record for record in latest(session) if category in record.categories]
