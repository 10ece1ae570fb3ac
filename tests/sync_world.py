"""The sync tests' world: a central store and enrolled laptops, each in its own data folder."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from factories import answer_all, finalize_signed
from sqlalchemy import text

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central.store import Central, open_central
from inspector_app.core import catalog, district, establishments, inspections, keys, users
from inspector_app.core.db import Store, open_store
from inspector_app.core.models import new_id
from inspector_app.core.paths import AppPaths
from inspector_app.core.sync import canonical, device_import, enrolment, export


@dataclass
class Laptop:
    name: str
    paths: AppPaths
    store: Store
    inspectors: list = field(default_factory=list)

    @property
    def device_id(self) -> str:
        with self.store.session() as s:
            return keys.load_device_keys(s, self.paths.keys).device_id

    def export(self, out: Path, **kw) -> dict:
        return export.export_bundle(self.store, self.paths, out, **kw)

    def import_(self, path, **kw) -> dict:
        return device_import.import_bundle(self.store, self.paths, path, **kw)

    def add_establishment(self, **fields) -> str:
        with self.store.write() as s:
            row = establishments.add(s, **{"name": "李记面馆", "category": "catering", "township": "渔阳镇", **fields})
            return str(row.id)

    def update_establishment(self, eid: str, **fields) -> None:
        with self.store.write() as s:
            establishments.update(s, eid, **fields)

    def inspect(self, eid: str, *, finalize: bool = True, fail=(), amends_id=None) -> str:
        with self.store.write() as s:
            insp = inspections.start(s, establishment_id=eid, checklist_id="catering", inspector_ids=self.inspectors,
                                     amends_id=amends_id)
            answer_all(s, insp.id, catalog.get(s, "catering"), fail=fail)
            if finalize:
                finalize_signed(s, insp.id, blobs=self.paths.blobs)
            return str(insp.id)

    def outbox(self, state: str | None = None) -> list:
        with self.store.session() as s:
            sql = "SELECT seq, entity, op, state FROM outbox" + (" WHERE state = :s" if state else "") + " ORDER BY seq"
            return s.connection().exec_driver_sql(sql.replace(":s", "?"), (state,) if state else ()).fetchall()


_TEMPLATES: dict[str, Path] = {}


def _template(kind: str, factory) -> Path:
    """Build a data folder once per test session; tests get copies (setup in milliseconds)."""
    if kind not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix=f"sync-{kind}-"))
        atexit.register(shutil.rmtree, folder, True)
        factory(folder)
        _TEMPLATES[kind] = folder
    return _TEMPLATES[kind]


def _laptop_template(folder: Path) -> None:
    store = open_store(AppPaths.at(folder).ensure().database)
    with store.write() as s:
        catalog.install_shipped(s)
        district.ensure_areas(s)
    store.close()


def make_laptop(root: Path, name: str, credential_base: int = 1) -> Laptop:
    shutil.copytree(_template("laptop", _laptop_template), root / name)
    paths = AppPaths.at(root / name).ensure()
    store = open_store(paths.database)
    with store.write() as s:
        s.execute(text("UPDATE sync_state SET device_id = :d"), {"d": new_id().hex})
        keys.ensure_device_keys(s, paths.keys)
        ids = [users.add(s, name=f"{name}-{n}", role="inspector", credential_no=f"{name}{credential_base + n:05d}").id
               for n in range(2)]
    return Laptop(name, paths, store, [str(i) for i in ids])


class World:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(_template("central", lambda f: central_admin.init_central(f, name="蓟州区")),
                        root / "central")
        self.central: Central = open_central(root / "central")
        self.laptops: dict[str, Laptop] = {}
        self.n = 0

    def laptop(self, name: str = "a", *, enrol: bool = True) -> Laptop:
        laptop = make_laptop(self.root, name)
        if enrol:
            self.enrol(laptop)
        self.laptops[name] = laptop
        return laptop

    def enrol(self, laptop: Laptop, township: str = "渔阳镇") -> dict:
        doc = central_admin.issue_enrolment(self.central, device_name=laptop.name, township=township)
        with laptop.store.write() as s:
            return enrolment.enrol(s, laptop.paths.keys, canonical.dumps(doc))

    def stick(self) -> Path:
        self.n += 1
        path = self.root / f"stick{self.n}"
        path.mkdir()
        return path

    def up(self, laptop: Laptop, **kw) -> dict:
        made = laptop.export(self.stick())
        return central_import.import_bundle(self.central, made["bundle"], **kw)

    def down(self, laptop: Laptop, **kw) -> dict:
        made = central_export.export_for_device(self.central, laptop.device_id, self.stick(), **kw)
        return laptop.import_(made["bundle"])

    def sync(self, laptop: Laptop) -> tuple[dict, dict]:
        return self.up(laptop), self.down(laptop)

    def close(self):
        for laptop in self.laptops.values():
            laptop.store.close()
        self.central.close()


def clone_laptop(world: World, source: Laptop, name: str) -> Laptop:
    """A second laptop that starts from a copy of another's data (then gets its own identity)."""
    with source.store.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copytree(source.paths.data_dir, world.root / name, ignore=shutil.ignore_patterns("keys", "sync", "*-wal",
                                                                                            "*-shm"))
    paths = AppPaths.at(world.root / name).ensure()
    store = open_store(paths.database)
    with store.write() as s:
        s.execute(text("UPDATE sync_state SET device_id = :d, acked_through_seq = 0"), {"d": new_id().hex})
        s.execute(text("DELETE FROM sync_enrolment"))
        s.execute(text("DELETE FROM outbox"))
        s.execute(text("DELETE FROM sqlite_sequence WHERE name = 'outbox'"))
        s.execute(text("DELETE FROM known_key"))
        keys.ensure_device_keys(s, paths.keys)
    laptop = Laptop(name, paths, store, list(source.inspectors))
    world.enrol(laptop)
    world.laptops[name] = laptop
    return laptop
