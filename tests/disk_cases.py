"""What the full-disk tests do on the small disk, inside its mount namespace (see small_disk.py).

`python -m disk_cases CASE MOUNTPOINT PARAMS_JSON` runs one case on the fresh
tmpfs at MOUNTPOINT and prints one JSON object: the error seen while the disk
was full, the store before and after (a fingerprint of every table and the
files in blobs/, taken once the space is freed), files left half-written,
and what the same operation did when tried again with room. Commands run as
`python -m inspector_app` (PYTHONPATH names this checkout); core calls run
in this process, so the disk is filled exactly between two steps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from factories import fingerprint, photo_png
from small_disk import PAGE, SmallDisk, pages
from sqlalchemy import text

from inspector_app.core import establishments, evidence, inspections, migrate
from inspector_app.core.db import open_store
from inspector_app.core.errors import InspectorError
from inspector_app.core.paths import AppPaths

SHM = 32768  # the -shm file SQLite grows when a connection first reads a WAL store
STRAY = (".tmp-", ".notice-", ".partial", ".zip", ".age", ".fsib")


def copy_store(source: str | Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    return target


def state(data: Path) -> dict:
    """The store's rows, its blobs and its half-written files (the database is only read, and the
    -shm and empty -wal files reading it made are removed: they would give the next command room)."""
    database = data / "inspector.sqlite3"
    sidecars = [Path(f"{database}-shm"), Path(f"{database}-wal")]
    made = [p for p in sidecars if not p.exists()]
    rows = fingerprint(database) if database.exists() else {}
    if not sidecars[1].exists() or sidecars[1].stat().st_size == 0:
        for p in made:
            p.unlink(missing_ok=True)
    files = [p for p in data.rglob("*") if p.is_file()] if data.exists() else []
    return {"rows": {table: list(value) for table, value in rows.items()},
            "blobs": sorted(p.name for p in files if "blobs" in p.parts),
            "strays": sorted(str(p.relative_to(data)) for p in files if any(s in p.name for s in STRAY))}


def inspector(data: Path, *args, lang: str = "en") -> dict:
    """`inspector --data-dir DATA ARGS --json`: exit code, output, error (parsed) and whether a traceback showed."""
    env = {**os.environ, "LC_ALL": "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(data), *map(str, args), "--json"],
                          capture_output=True, text=True, env=env, cwd=str(data.parent), timeout=300)
    return {"rc": done.returncode, "out": _json(done.stdout), "err": _json(done.stderr) or done.stderr[-3000:],
            "traceback": "Traceback" in done.stderr}


def _json(output: str):
    try:
        return json.loads(output)
    except ValueError:
        return None


def caught(call) -> dict | None:
    """What a core call raised, as the command line reports it (or its raw type); None when it worked."""
    try:
        call()
    except InspectorError as exc:
        return exc.to_dict()
    except Exception as exc:
        return {"error": "raw", "type": type(exc).__name__, "message": str(exc)[:500]}
    return None


def room(level: int | str, sizes: list[int]) -> int:
    """Bytes to leave free: a number, or "open" (not even room for SQLite's -shm file), "one_page"
    (the -shm file and one page more), "files" (the -shm file and the files the command writes before
    it commits, `sizes`, with 512 bytes to spare each — but no page for the commit)."""
    if isinstance(level, int):
        return level
    return {"open": SHM // 2, "one_page": SHM + PAGE, "files": SHM + sum(pages(s + 512) for s in sizes)}[level]


def command(disk: SmallDisk, *, args: list, leave: int | str, source: str | None = None, data: str = "disk",
            out: str = "disk", out_folder: bool = False, sizes: list[int] | None = None, lang: str = "en") -> dict:
    """One command with `leave` bytes free, then the same command once the space is freed.

    The data folder (a copy of `source`, or new) and `{out}` in `args` (the file or folder the command
    writes: a PDF, the stick) are each on the small disk ("disk") or beside it ("beside")."""
    def place(side: str, name: str) -> Path:
        return (disk.root if side == "disk" else disk.root.parent) / name

    folder = copy_store(source, place(data, "data")) if source else place(data, "data")
    target = place(out, "out")
    if out_folder:
        target.mkdir()
    argv = [target if a == "{out}" else a for a in args]
    before = state(folder)
    free = disk.fill(room(leave, sizes or []))
    full = inspector(folder, *argv, lang=lang)
    disk.unfill()
    after = state(folder)
    written = sorted(p.name for p in target.iterdir()) if target.is_dir() else [target.name] * target.exists()
    again = inspector(folder, *argv, lang=lang)
    return {"free": free, "full": full, "before": before, "after": after, "written": written, "again": again}


def notice(disk: SmallDisk, *, source: str, args: list, leave: str) -> dict:
    """A notice printed into the data folder's disk; "files" leaves room for the PDF (its size measured
    on a throw-away copy first) but not for the transaction that issues the notice."""
    copy = copy_store(source, disk.root / "control")
    pdf = disk.root / "control.pdf"
    control = inspector(copy, *[pdf if a == "{out}" else a for a in args])
    size = pdf.stat().st_size
    shutil.rmtree(copy)
    pdf.unlink()
    seen = command(disk, args=args, leave=leave, source=source, sizes=[size])
    return {**seen, "control": control["rc"], "pdf_size": size}


def init(disk: SmallDisk, *, leave: int | str) -> dict:
    """`inspector init` on an empty disk; "keys" leaves room for the migrated store and one key file."""
    if leave == "keys":
        probe, start = disk.root / "probe", disk.free()
        store = open_store(AppPaths.at(probe).ensure().database)  # the migration init starts with
        used = start - disk.free()
        store.close()
        shutil.rmtree(probe)
        leave = used + PAGE
    return command(disk, args=["init"], leave=leave)


def migration(disk: SmallDisk, *, old_store: str, leave: int) -> dict:
    """An old store opened (and so migrated) with `leave` bytes free, then with room."""
    from old_stores import unpack
    data = disk.root / "data"
    database = unpack(old_store, data, "inspector.sqlite3")
    before, original = state(data), database.read_bytes()
    disk.fill(leave)
    error = caught(lambda: open_store(database).close())
    disk.unfill()
    seen = {"error": error, "same_file": database.read_bytes() == original, "before": before, "after": state(data)}
    store = open_store(database)
    seen["revision"] = migrate.current(store.engine)
    store.close()
    return seen


def core(disk: SmallDisk, *, step: str, source: str, photo: str = "") -> dict:
    """One core write on a disk filled right before it (after the store is open); then again with room.

    step: "commit" (a small transaction's COMMIT), "spill" (a big transaction's pages spilling to the
    WAL before its commit), "session" (a reading session's own commit), "blob" (a photo's file),
    "blob_commit" (room for the photo's file but not for the rows), "checkpoint" (copying the WAL back
    into a database file that must grow)."""
    data = copy_store(source, disk.root / "data")
    paths = AppPaths.at(data)
    store = open_store(paths.database)
    with store.session() as session:
        shop = session.execute(text("SELECT id FROM establishment LIMIT 1")).scalar()
        team = [row[0] for row in session.execute(text("SELECT id FROM user WHERE role = 'inspector' LIMIT 2"))]
    with store.write() as session:
        draft = inspections.start(session, establishment_id=shop, checklist_id="catering", inspector_ids=team).id
    picture = Path(photo).read_bytes() if photo else photo_png()
    seen: dict = {}

    def add(session, n=1):
        for k in range(n):
            establishments.add(session, name=f"新开面馆{k}", category="catering", township="渔阳镇")

    def commit():
        with store.write() as session:
            add(session)

    def spill():
        with store.write() as session:
            session.connection().exec_driver_sql("PRAGMA cache_size=8")  # dirty pages go to the WAL early
            add(session, 200)

    def session_commit():
        with store.session() as session:
            add(session)
            session.commit()

    def attach():
        with store.write() as session:
            evidence.attach(session, paths.blobs, inspection_id=draft, source=picture, item_id="4.2", name="4.2.png")

    def checkpoint():
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    call = {"commit": commit, "spill": spill, "session": session_commit, "blob": attach, "blob_commit": attach,
            "checkpoint": checkpoint}[step]
    if step == "checkpoint":
        with store.write() as session:  # committed to the WAL while there is room
            add(session, 300)
    before = state(data)
    disk.fill(pages(len(picture)) if step == "blob_commit" else 0)
    seen["error"] = caught(call)
    seen["blobs_while_full"] = state(data)["blobs"]
    store.close()  # the last connection closes on a full disk: its checkpoint fails, the WAL stays
    seen["wal_kept"] = (data / "inspector.sqlite3-wal").exists()
    disk.unfill()
    after = state(data)
    store = open_store(paths.database)
    seen["again"] = caught(call)
    store.close()
    return {**seen, "before": before, "after": after, "after_again": state(data)}


def export_record(disk: SmallDisk, *, source: str) -> dict:
    """Export with room to build and deliver the bundle; the disk fills just before the export is recorded."""
    from inspector_app.core.sync import export
    data = copy_store(source, disk.root / "data")
    stick = disk.root.parent / "stick"
    stick.mkdir()
    paths = AppPaths.at(data)
    store = open_store(paths.database)
    before = state(data)

    def progress(_done, _total, stage):
        if stage == "record":
            disk.fill(0)

    error = caught(lambda: export.export_bundle(store, paths, stick, progress=progress))
    on_stick = sorted(p.name for p in stick.iterdir())
    store.close()
    disk.unfill()
    after = state(data)
    store = open_store(paths.database)
    again = export.export_bundle(store, paths, stick)
    store.close()
    return {"error": error, "on_stick": on_stick, "before": before, "after": after, "again": again["ops"],
            "stick_after_again": sorted(p.name for p in stick.iterdir())}


CASES = {"command": command, "notice": notice, "init": init, "migration": migration, "core": core,
         "export_record": export_record}


def main() -> None:
    case, mountpoint, params = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    print(json.dumps(CASES[case](SmallDisk(mountpoint), **params), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
