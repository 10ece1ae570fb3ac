"""Bundles over HTTP against `central import` of the same bundles, in the same run: writes bench/results/http.json.

The fleet of tests/fleet.py (200 enrolled laptops × 20 real bundles by default, built once and cached)
goes into two fresh copies of the same central store:
- `import`: central/importer.py import_bundle, the Python call `inspector central import` makes, one
  bundle after another in one process (round by round: every laptop's first bundle, then every second …);
- `http`: a real `inspector central serve --workers W` on loopback, every laptop uploading its bundles in
  order with at most C requests in flight (tests/fleet_client.py, what the load test uses).
Timed: from the first bundle to the last receipt (the server is up before the clock starts). Both stores
are then checked to hold every op exactly once. Goal: http bundles/s ≥ 0.8 × import bundles/s.
With --repeat N the two alternate (import first, then http first …), and the medians count.

Usage: python bench/bench_http.py [--laptops 200] [--bundles 20] [--workers 2] [--concurrency 50] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from common import log, machine  # noqa: E402
from fleet import Fleet, fleet  # noqa: E402
from fleet_client import upload_fleet  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from web_server import running_server  # noqa: E402

from inspector_app.central import importer as central_import  # noqa: E402
from inspector_app.central import models as m  # noqa: E402
from inspector_app.central.store import open_central  # noqa: E402

GOAL = 0.8


def check_store(data_dir: Path, the_fleet: Fleet) -> None:
    """Every op of the fleet once, every bundle applied: the run counts only if nothing was lost."""
    central = open_central(data_dir)
    try:
        with central.engine.connect() as c:
            ids = list(c.execute(select(m.op.c.change_id)).scalars())
            statuses = dict(c.execute(select(m.bundle.c.status, func.count()).group_by(m.bundle.c.status)).all())
    finally:
        central.close()
    if len(ids) != the_fleet.ops or set(ids) != the_fleet.change_ids() \
            or statuses != {"applied": len(the_fleet.bundles)}:
        raise SystemExit(f"{data_dir}: {len(ids)} ops for {the_fleet.ops}, bundles {statuses}")


def by_import(the_fleet: Fleet, data_dir: Path) -> float:
    central = open_central(data_dir)
    rounds = max(len(bundles) for bundles in the_fleet.laptops)
    order = [bundles[n] for n in range(rounds) for bundles in the_fleet.laptops if n < len(bundles)]
    try:
        started = time.perf_counter()
        for item in order:
            receipt = central_import.import_bundle(central, item.path)
            if receipt["status"] != "applied":
                raise SystemExit(f"import of {item.path.name}: {receipt}")
        return time.perf_counter() - started
    finally:
        central.close()


def by_http(the_fleet: Fleet, data_dir: Path, workers: int, concurrency: int) -> tuple[float, int]:
    with running_server(data_dir, workers=workers) as base:
        run = upload_fleet(base, the_fleet, concurrency=concurrency)
    bad = [(a.status_code, a.receipt) for a in run.answers if a.status_code != 200 or a.receipt["status"] != "applied"]
    if bad:
        raise SystemExit(f"{len(bad)} uploads not applied, e.g. {bad[:3]}")
    return run.seconds, run.busy


def rates(seconds: float, the_fleet: Fleet) -> dict:
    return {"seconds": round(seconds, 2), "bundles_per_s": round(len(the_fleet.bundles) / seconds, 1),
            "ops_per_s": round(the_fleet.ops / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--laptops", type=int, default=200)
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="the server's worker processes")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight at most")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    the_fleet = fleet(args.laptops, args.bundles, log=log)
    log(f"fleet: {len(the_fleet.laptops)} laptops, {len(the_fleet.bundles)} bundles, {the_fleet.ops:,} ops "
        f"({the_fleet.root})")
    root = Path(tempfile.mkdtemp(prefix="bench-http-"))
    imports, https, busy = [], [], 0
    try:
        for n in range(args.repeat):
            for way in (("import", "http") if n % 2 == 0 else ("http", "import")):
                data_dir = the_fleet.fresh_central(root / f"{way}-{n}")
                if way == "import":
                    imports.append(by_import(the_fleet, data_dir))
                else:
                    seconds, retried = by_http(the_fleet, data_dir, args.workers, args.concurrency)
                    https.append(seconds)
                    busy += retried
                check_store(data_dir, the_fleet)
                log(f"  run {n + 1} {way}: {(imports if way == 'import' else https)[-1]:.1f} s")
                shutil.rmtree(data_dir)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    t_import, t_http = statistics.median(imports), statistics.median(https)
    result = {"laptops": len(the_fleet.laptops), "bundles": len(the_fleet.bundles), "ops": the_fleet.ops,
              "bytes": sum(b.path.stat().st_size for b in the_fleet.bundles),
              "server_workers": args.workers, "concurrency": args.concurrency, "repeat": args.repeat,
              "import": rates(t_import, the_fleet), "http": rates(t_http, the_fleet), "busy_503_retried": busy,
              "import_runs_s": [round(s, 2) for s in imports], "http_runs_s": [round(s, 2) for s in https],
              "ratio_http_over_import": round(t_import / t_http, 3), "goal": f">= {GOAL}",
              "fleet_built_s": the_fleet.meta.get("built_seconds"), "machine": machine()}
    out = ROOT / "bench" / "results" / "http.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"http / import: {result['ratio_http_over_import']} (goal >= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
