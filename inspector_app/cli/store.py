"""`inspector init` and `inspector demo`: create the store, or a realistic demo district."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, data_paths, emit, open_store, say


def cmd_init(args) -> int:
    from ..core import catalog, district, keys
    paths = data_paths(args)
    with open_store(args, create=True).write() as session:
        added = catalog.install_shipped(session)
        district.ensure_areas(session)
        device = keys.ensure_device_keys(session, paths.keys)
    emit(args, {"data_dir": str(paths.data_dir), "device_id": device.device_id, "sign_key_id": device.sign_key_id,
                "installed_forms": [f"{i}.v{v}" for i, v in added]},
         say("cli.store_ready", folder=paths.data_dir, count=len(added)))
    return EXIT_OK


def cmd_demo(args) -> int:
    from ..core import demo
    paths = data_paths(args)
    if paths.database.exists() and args.replace:
        for suffix in ("", "-wal", "-shm"):
            Path(str(paths.database) + suffix).unlink(missing_ok=True)
    report = demo.build(open_store(args, create=True), establishments=args.establishments, seed=args.seed)
    emit(args, report, say("cli.demo_ready", folder=paths.data_dir,
                           counts=", ".join(f"{v} {k}" for k, v in report["counts"].items())))
    return EXIT_OK


def register(sub, command) -> None:
    command("init", cmd_init, help="create the store (safe to repeat)")
    p = command("demo", cmd_demo, help="build a realistic demo district")
    p.add_argument("--establishments", type=int, default=5000)
    p.add_argument("--seed", type=int, default=2018)
    p.add_argument("--replace", action="store_true", help="replace an existing store in the data folder")
