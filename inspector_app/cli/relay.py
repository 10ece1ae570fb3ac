"""`inspector relay collect|deliver`: the township clerk carries bundles; nothing is decrypted."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_ERROR, EXIT_OK, data_paths, emit, open_store, say


def _relay_trust(args):
    """The district's keys this machine knows (None without a store: the relay then checks structure only)."""
    from ..core.sync import enrolment
    if not data_paths(args).database.exists():
        return None
    with open_store(args).session() as session:
        loaded = enrolment.load(session)
    return loaded[1] if loaded else None


def _sender(row: dict) -> str:
    return str(row.get("device_name") or row.get("device_id") or "")[:20]


def cmd_relay_collect(args) -> int:
    from ..core.sync import relay
    result = relay.collect(Path(args.dir), data_paths(args).data_dir / "relay", _relay_trust(args))
    lines = [f"{r['status']:<9} {r.get('kind', '?'):<8} {_sender(r):<20} {r.get('range', '')} {Path(r['file']).name}"
             + (f"  ({r['message']})" if r.get("message") else "") for r in result["bundles"]]
    emit(args, result, "\n".join(lines + [say("cli.relay_summary", intact=result["intact"],
                                              duplicate=result["duplicate"], damaged=result["damaged"])]))
    return EXIT_ERROR if result["damaged"] and not result["intact"] and not result["duplicate"] else EXIT_OK


def cmd_relay_deliver(args) -> int:
    from ..core.sync import relay
    result = relay.deliver(Path(args.dir), data_paths(args).data_dir / "relay", _relay_trust(args),
                           devices=args.device, upward=args.upward)
    emit(args, result, "\n".join(d["file"] for d in result["delivered"]) or say("cli.nothing_to_deliver"))
    return EXIT_OK


def register(sub, command) -> None:
    group = sub.add_parser("relay", help="township clerk: carry bundles").add_subparsers(dest="action", required=True)
    p = command("collect", cmd_relay_collect, group, help="check and collect the bundles on a stick")
    p.add_argument("dir")
    p = command("deliver", cmd_relay_deliver, group, help="put the bundles for a stick's laptop on it")
    p.add_argument("dir")
    p.add_argument("--device", action="append", help="deliver for this device id (repeatable)")
    p.add_argument("--upward", action="store_true", help="also copy collected upward bundles for the district")
