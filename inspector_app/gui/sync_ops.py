"""Background functions behind the Sync page and the status bar: fn(task, …) → plain data.

They mirror `inspector_app/cli/sync.py` and `cli/relay.py`: the same core calls, made on a worker
(the store worker for anything that touches the laptop's store, the work pool
for the central store and plain file scans). They return dicts and lists,
never ORM objects; progress goes through `task.progress` with labels the page
translated beforehand, and cancelling sets the task's event, which the core
checks at points where stopping leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from ..core.errors import Cancelled, InspectorError

BUNDLE_SUFFIX = ".fsib"
EXPORT_STEPS = {"collect": 0, "blobs": 1, "encrypt": 2, "write": 3, "copy": 3, "record": 4, "done": 5}
IMPORT_STEPS = {"verify": 0, "decrypt": 1, "apply": 2}
SCALE = 1000  # progress bar resolution


class StageProgress:
    """Turns the core's (done, total, stage) reports into one smooth bar with a translated label.

    The core reports main steps (e.g. 2 of 5, "encrypt") and, inside a step,
    sub-progress (bytes copied, photos added). Never raises: cancelling is left
    to the core, which checks the same event where stopping is safe.
    """

    def __init__(self, task, steps: dict, labels: dict, *, offset: float = 0.0, span: float = 1.0,
                 prefix: str = ""):
        self.task, self.steps, self.labels, self.prefix = task, steps, labels, prefix
        self.main_total = max(steps.values()) or 1
        self.offset, self.span = offset, span
        self.value = 0.0

    def __call__(self, done: int, total: int, stage: str) -> None:
        if stage in self.steps:
            base = self.steps[stage]
            if total == self.main_total and done == base:
                self.value = float(base)  # a main step begins
            elif total > 0:
                self.value = base + min(max(done / total, 0.0), 1.0)  # progress inside the step
        fraction = self.offset + self.span * min(self.value / self.main_total, 1.0)
        label = self.labels.get(stage, "")
        if self.prefix:
            label = f"{self.prefix}\n{label}" if label else self.prefix
        with contextlib.suppress(Cancelled):
            self.task.progress(int(fraction * SCALE), SCALE, label)


def _local_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.date().isoformat()


def unsent(task) -> dict:
    """What the status bar shows: changes not yet acknowledged, and the day of the last acknowledgement."""
    from ..core.sync import pending
    with task.store.session() as session:
        counts = pending.unsent(session)
    return {"pending": counts["pending"], "last_ack": _local_date(counts["last_ack_at"])}


def status(task) -> dict:
    """Everything the Sync page's summary and outbox list show."""
    from ..core.sync import pending
    from ..core.sync.status import sync_status
    data = sync_status(task.store)
    with task.store.session() as session:
        outbox = [{**g, "state": "pending", "reason": None, "oldest": _local_date(g["oldest"]),
                   "newest": _local_date(g["newest"])} for g in pending.groups(session)]
        rejected = pending.rejected(session)
    outbox += [{"group": pending.GROUPS.get(r["entity"], r["entity"]), "entity": r["entity"], "state": "rejected",
                "changes": 1, "records": 1, "oldest": _local_date(r["created_at"]), "newest": None,
                "reason": r["reason"], "seq": r["seq"], "entity_id": r["entity_id"]} for r in rejected]
    oldest = min((g["oldest"] for g in outbox if g["state"] == "pending" and g["oldest"]), default=None)
    data.update(outbox=outbox, oldest_pending=oldest,
                last_ack=_local_date(data["last_import"]["at"]) if data.get("last_import") else None,
                last_contact=_local_minute(data.get("last_contact")),  # http_sync.last_contact, read with the rest
                central_here=central_exists(task.context.paths.data_dir))
    return data


def _local_minute(value) -> str | None:
    """A UTC moment as this computer's local date and time to the minute (ISO, no zone), for the page."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # the core records UTC
    return value.astimezone().replace(tzinfo=None).isoformat(timespec="minutes")


class NetProgress:
    """The network sync's (done, total, step) reports as one bar with the page's translated words."""

    def __init__(self, task, labels: dict):
        self.task, self.labels = task, labels

    def __call__(self, done: int, total: int, step: str) -> None:
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        label = self.labels.get(step) or self.labels.get("", "")
        with contextlib.suppress(Cancelled):  # cancelling is the core's to do, where stopping is safe
            self.task.progress(int(fraction * SCALE), SCALE, label)


def sync_now(task, url: str, labels: dict) -> dict:
    """立即同步: upload what is pending, download what came back; {"cancelled": True} if stopped in time."""
    from ..core.sync import http_sync
    try:  # 取消 answers at once, even while a request hangs (core/sync/http_cancel.py)
        result = http_sync.sync_over_http(task.store, task.context.paths, url, progress=NetProgress(task, labels),
                                          cancel=task._cancel.is_set)
    except Cancelled:
        return {"cancelled": True}
    return dict(result)


def central_exists(data_dir: Path) -> bool:
    """A central store lives in this data folder (the district's or a clerk's office machine)."""
    return (Path(data_dir) / "central.sqlite3").exists()


def enrol(task, file: str) -> dict:
    from ..core.sync import enrolment
    data = enrolment.read_file(Path(file))
    with task.store.write() as session:
        return enrolment.enrol(session, task.context.paths.keys, data)


def removable_drives(_task=None) -> list[str]:
    """Mounted removable drives, cheaply: Windows drive letters of type REMOVABLE, else the
    usual mount folders (/media/<user>/*, /run/media/<user>/*, /Volumes/*). Best effort."""
    found: list[str] = []
    try:
        if sys.platform == "win32":
            import ctypes
            import string
            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            mask = kernel.GetLogicalDrives()
            for i, letter in enumerate(string.ascii_uppercase):
                root = f"{letter}:\\"
                if mask >> i & 1 and kernel.GetDriveTypeW(root) == 2:  # DRIVE_REMOVABLE
                    found.append(root)
            return found
        user = getpass.getuser()
        bases = [Path("/Volumes")] if sys.platform == "darwin" else [Path("/media") / user,
                                                                      Path("/run/media") / user]
        for base in bases:
            if base.is_dir():
                for entry in sorted(base.iterdir()):
                    if entry.is_dir() and not entry.is_symlink() and os.path.ismount(entry):
                        found.append(str(entry))
    except (OSError, AttributeError, KeyError, ImportError):
        pass
    return found


def fsi_folder(chosen: str | Path, *parts: str) -> Path:
    """The stick's FSI/<parts> folder, whether the user picked the drive, FSI/ or the folder itself."""
    path = Path(chosen)
    want = ["FSI", *parts]
    have = [p.lower() for p in path.parts]
    if len(have) >= 2 and have[-2] == "fsi" and parts and have[-1] != parts[0].lower():
        path, have = path.parent, have[:-1]  # picked FSI/outbox when FSI/inbox is wanted (or the reverse)
    for depth in range(len(want), 0, -1):
        if have[-depth:] == [w.lower() for w in want[:depth]]:
            return path.joinpath(*want[depth:])
    return path.joinpath(*want)


def export_to(task, chosen: str, labels: dict) -> dict:
    """Export every unacknowledged change to <drive>/FSI/outbox/; {"cancelled": True} if stopped in time."""
    from ..core.sync import export
    out = fsi_folder(chosen, "outbox")
    try:
        result = export.export_bundle(task.store, task.context.paths, out,
                                      progress=StageProgress(task, EXPORT_STEPS, labels), cancel=task._cancel)
    except Cancelled:
        return {"cancelled": True, "folder": str(out)}
    return {**result, "folder": str(out), "name": Path(result["bundle"]).name}


def inbox_files(task, chosen: str) -> dict:
    """The bundles waiting for this laptop on a stick: FSI/inbox/<device id>/*.fsib (oldest name first)."""
    from ..core.keys import load_device_keys
    with task.store.session() as session:
        device_id = load_device_keys(session, task.context.paths.keys).device_id
    folder = fsi_folder(chosen, "inbox", device_id)
    try:
        files = sorted(str(p) for p in folder.glob(f"*{BUNDLE_SUFFIX}") if p.is_file())
    except OSError:
        files = []
    return {"folder": str(folder), "files": files, "device_id": device_id}


def import_files(task, files: list[str], labels: dict) -> list[dict]:
    """Import each bundle in turn; one result per file (applied / duplicate / held / rejected / error)."""
    from ..core.sync import device_import
    results = []
    count = len(files)
    for n, file in enumerate(files):
        if task.cancelled:
            break
        prefix = labels.get("file", "{0}").format(Path(file).name, n + 1, count)
        progress = StageProgress(task, {**IMPORT_STEPS, "done": 3}, labels, offset=n / count, span=1 / count,
                                 prefix=prefix)
        try:
            result = device_import.import_bundle(task.store, task.context.paths, Path(file), progress=progress,
                                                 cancel=task._cancel)
        except Cancelled:
            results.append({"file": file, "status": "cancelled", "reason": None, "message": None})
            break
        except InspectorError as exc:
            result = {"status": "error", "reason": getattr(exc, "reason", exc.code), "message": exc.message}
        except OSError as exc:
            result = {"status": "error", "reason": "os", "message": str(exc.strerror or exc)}
        results.append({**result, "file": file, "name": Path(file).name})
    return results


def _relay_trust(task):
    from ..core.sync import enrolment
    with task.store.session() as session:
        loaded = enrolment.load(session)
    return loaded[1] if loaded else None


def relay_collect(task, chosen: str) -> dict:
    from ..core.sync import relay
    return relay.collect(Path(chosen), task.context.paths.data_dir / "relay", _relay_trust(task))


def relay_deliver(task, chosen: str, upward: bool) -> dict:
    from ..core.sync import relay
    result = relay.deliver(Path(chosen), task.context.paths.data_dir / "relay", _relay_trust(task), upward=upward)
    return result


def _central(task):
    from ..central.store import open_central
    return open_central(task.context.paths.data_dir, None, migrate=False)


def conflicts(task) -> dict:
    from ..central import conflicts as core
    central = _central(task)
    try:
        return {"conflicts": core.list_conflicts(central), "alerts": core.list_alerts(central)}
    finally:
        central.close()


def resolve(task, conflict_id: int, by: str, note: str | None) -> dict:
    from ..central import conflicts as core
    central = _central(task)
    try:
        return core.resolve(central, conflict_id, by=by, note=note or None)
    finally:
        central.close()


def find_duplicates(task) -> list[dict]:
    from ..central import duplicates as central_duplicates
    central = _central(task)
    try:
        return central_duplicates.find(central)
    finally:
        central.close()


def merge(task, keep_id: str, duplicate_id: str, by: str, note: str | None) -> dict:
    from ..central import duplicates as central_duplicates
    central = _central(task)
    try:
        return central_duplicates.merge(central, keep_id, duplicate_id, by=by, note=note or None)
    finally:
        central.close()
