"""The township clerk's tool: check, deduplicate and move bundles; it never decrypts anything.

`collect(DIR)` gathers every .fsib found on a stick into the clerk's relay
folder (relay/up for central, relay/down/<device> for laptops), after checking
each one's signature and payload hash. `deliver(DIR)` puts the downward bundles
of the stick's laptop(s) into FSI/inbox/<device>/, and with upward=True copies
the collected upward bundles into FSI/central/ for the district.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ValidationError
from . import bundle, filing
from .errors import SyncRejected

MAX_FILES, MAX_DEPTH = 10_000, 5


def _scan(folder: Path) -> list[Path]:
    found: list[Path] = []
    stack = [(Path(folder), 0)]
    while stack and len(found) < MAX_FILES:
        here, level = stack.pop()
        try:
            entries = sorted(here.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir() and level < MAX_DEPTH and not entry.name.startswith("."):
                stack.append((entry, level + 1))
            elif entry.is_file() and entry.name.endswith(bundle.SUFFIX):
                found.append(entry)
    return found


def describe(path: Path, trust) -> dict:
    """What the clerk may see of a bundle: who, what range, intact or not (no content)."""
    entry = {"file": str(path), "bytes": path.stat().st_size}
    try:
        inspected = bundle.inspect(path, trust)
    except SyncRejected as exc:
        return {**entry, "status": "damaged", "reason": exc.reason, "message": exc.message}
    inspected.close()
    h, sender = inspected.header, inspected.sender
    up = h["kind"] == "up"
    return {**entry, "status": "intact", "bundle_id": h["bundle_id"], "kind": h["kind"],
            "device_id": h["sender"]["device_id"] if up else h["recipient"].get("device_id"),
            "device_name": sender.name if up else None, "township_code": sender.township if up else None,
            "range": [h["seq_from"], h["seq_to"]] if up else [h["usn_from"], h["usn_to"]],
            "verified_chain": sender.chained, "sha256": bundle.file_sha256(path)}


def collect(source: Path, relay_dir: Path, trust=None) -> dict:
    source = Path(source)
    if not source.is_dir():
        raise ValidationError("relay.not_a_folder", field="dir", path=str(source))
    results = []
    for path in _scan(source):
        if Path(relay_dir) in path.parents:
            continue
        entry = describe(path, trust)
        if entry["status"] == "intact":
            target = Path(relay_dir) / ("up" if entry["kind"] == "up" else f"down/{entry['device_id']}")
            existing = target / path.name
            if existing.exists() and bundle.file_sha256(existing) == entry["sha256"]:
                entry["status"] = "duplicate"
            else:
                entry["kept"] = str(filing.keep_copy(path, target))
        results.append(entry)
    return {"bundles": results, "intact": sum(r["status"] == "intact" for r in results),
            "duplicate": sum(r["status"] == "duplicate" for r in results),
            "damaged": sum(r["status"] == "damaged" for r in results)}


def _stick_devices(stick: Path) -> set[str]:
    devices: set[str] = set()
    inbox = stick / "FSI" / "inbox"
    if inbox.is_dir():
        devices.update(p.name for p in inbox.iterdir() if p.is_dir())
    for path in _scan(stick):
        name = path.name.split("-")
        if len(name) > 2 and name[1] == "up":
            try:
                inspected = bundle.inspect(path, None)
            except SyncRejected:
                continue
            devices.add(inspected.header["sender"]["device_id"])
            inspected.close()
    return devices


def deliver(stick: Path, relay_dir: Path, trust=None, *, devices=None, upward: bool = False) -> dict:
    stick = Path(stick)
    if not stick.is_dir():
        raise ValidationError("relay.not_a_folder", field="dir", path=str(stick))
    wanted = set(devices or ()) or _stick_devices(stick)
    delivered = []
    down = Path(relay_dir) / "down"
    for device in sorted(wanted):
        for path in sorted((down / device).glob(f"*{bundle.SUFFIX}")) if (down / device).is_dir() else []:
            target = stick / "FSI" / "inbox" / device
            if (target / path.name).exists():
                continue
            delivered.append({"device_id": device, "file": str(bundle.deliver(path, target, trust))})
    if upward:
        for path in sorted((Path(relay_dir) / "up").glob(f"*{bundle.SUFFIX}")):
            target = stick / "FSI" / "central"
            if not (target / path.name).exists():
                delivered.append({"device_id": None, "file": str(bundle.deliver(path, target, trust))})
    return {"delivered": delivered, "devices": sorted(wanted)}
