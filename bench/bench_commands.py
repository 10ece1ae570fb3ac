"""Read commands as whole processes on a 100k store, against `python -c pass`.

    .venv/bin/python bench/bench_commands.py [--establishments 100000] [--runs 9] [--rebuild]

Scripts call `inspector establishments search|show`, `forms list|show`, `show
inspection`, `verify` and `sync status` hundreds of times, so what counts is
the whole command: interpreter start, imports, opening the store, the query,
the output. Each is timed as `python -m inspector_app …` in a fresh process,
both ways in the same run: the quick path (a read-only sqlite3 connection,
core/reads) and the ORM path it replaced (INSPECTOR_READS=orm: SQLAlchemy,
SQLModel, pydantic, the migration check), alternating with two baselines,
`python -c pass` and `python -c "import sqlite3, json"`, so all see the same
load. Medians of --runs rounds; goal: the quick path ≤ 10× `python -c pass`.
Before timing, each command runs once both ways: the outputs must be the same
bytes, and the quick one must not have loaded the ORM.

The store is `inspector demo --establishments N` (a year of inspections,
orders, drafts) plus `inspector init` (device keys) and one printed order
notice to verify, cached in bench/results/cache/commands-N/ (ignored by git;
about 2 minutes to build at 100k). Writes bench/results/commands.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import common

ROOT = common.BENCH.parent
STORE_VERSION = 1  # bump when the cached store must be rebuilt
# This checkout's code, bytecode cached outside the tree as an installed app's is.
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(common.RESULTS / "pycache"),
       "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
for name in ("INSPECTOR_HOME", "INSPECTOR_READS", "PYTHONDONTWRITEBYTECODE"):
    ENV.pop(name, None)
ORM_ENV = {**ENV, "INSPECTOR_READS": "orm"}
BASELINES = {"pass": [sys.executable, "-c", "pass"],
             "sqlite_json": [sys.executable, "-c", "import sqlite3, json"]}
ORM_MODULES = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "pypinyin")
PROBE = "import json, sys; from inspector_app.cli import main; code = main(sys.argv[1:]); " \
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr); sys.exit(code)"


def inspector(folder: Path, *args: str, env=ENV, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(folder), *args],
                          env=env, capture_output=True, text=True, encoding="utf-8", check=check, cwd=ROOT)


def store(n: int, seed: int, rebuild: bool) -> tuple[Path, dict]:
    """The demo district with `n` establishments, keys and one printed notice; built once, then cached."""
    folder = common.CACHE / f"commands-{n}-seed{seed}"
    meta_path = folder / "bench-store.json"
    wanted = {"n": n, "seed": seed, "store_version": STORE_VERSION}
    if not rebuild and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            inspector(folder, "sync", "status", env=ORM_ENV)  # a newer schema migrates the cached store
            return folder, meta
    shutil.rmtree(folder, ignore_errors=True)
    common.log(f"building a demo store of {n:,} establishments in {folder} …")
    started = time.perf_counter()
    inspector(folder, "demo", "--establishments", str(n), "--seed", str(seed))
    inspector(folder, "init")  # device keys, to sign the notice below
    with closing(sqlite3.connect(f"file:{folder / 'inspector.sqlite3'}?mode=ro", uri=True)) as db:
        inspection = db.execute("SELECT inspection_id FROM rectification_order ORDER BY rowid LIMIT 1").fetchone()[0]
        shop = db.execute("SELECT establishment_id FROM inspection GROUP BY establishment_id "
                          "ORDER BY count(*) DESC, establishment_id LIMIT 1").fetchone()[0]
    notice = json.loads(inspector(folder, "notice", inspection, "--kind", "order", "--out",
                                  str(folder / "order.pdf"), "--json").stdout)
    meta = {**wanted, "build_seconds": round(time.perf_counter() - started, 1),
            "bytes": (folder / "inspector.sqlite3").stat().st_size, "inspection": inspection,
            "establishment": shop, "verify_url": notice["verify_url"]}
    meta_path.write_text(json.dumps(meta, indent=2))
    return folder, meta


def commands(meta: dict) -> dict[str, list[str]]:
    return {
        "establishments search": ["establishments", "search", "饭店"],
        "establishments search --township": ["establishments", "search", "饭店", "--township", "渔阳"],
        "establishments show": ["establishments", "show", meta["establishment"]],
        "forms list": ["forms", "list"],
        "forms show": ["forms", "show", "catering"],
        "show inspection": ["show", "inspection", meta["inspection"]],
        "verify": ["verify", meta["verify_url"]],
        "sync status": ["sync", "status"],
    }


def check(folder: Path, argv: list[str]) -> None:
    """Both paths print the same; the quick one loads no ORM (else we would time the wrong thing)."""
    quick = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(folder), *argv, "--json"], env=ENV,
                           capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    orm = inspector(folder, *argv, "--json", env=ORM_ENV, check=False)
    loaded = set(json.loads(quick.stderr.strip().splitlines()[-1]))  # the probe's list of module names
    if quick.returncode != 0 or quick.stdout != orm.stdout or loaded & set(ORM_MODULES):
        raise SystemExit(f"{argv}: quick path exit {quick.returncode}, same output {quick.stdout == orm.stdout}, "
                         f"ORM modules loaded {sorted(loaded & set(ORM_MODULES))}\n{quick.stderr[-2000:]}")


def whole(folder: Path, argv: list[str]) -> list[str]:
    return [sys.executable, "-m", "inspector_app", "--data-dir", str(folder), *argv, "--json"]


def timed(argv: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--establishments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--runs", type=int, default=9, help="rounds; each round runs everything once (default 9)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--out", type=Path, default=common.RESULTS / "commands.json")
    options = parser.parse_args()
    folder, meta = store(options.establishments, options.seed, options.rebuild)
    todo = commands(meta)
    for argv in todo.values():
        check(folder, argv)
    runs: dict[str, list[float]] = {name: [] for name in BASELINES}
    runs.update({f"{name} {path}": [] for name in todo for path in ("quick", "orm")})
    for argv in [*BASELINES.values(), *(whole(folder, a) for a in todo.values())]:  # warm caches once
        timed(argv, ENV)
    for round_no in range(options.runs):
        for name, argv in BASELINES.items():
            runs[name].append(timed(argv, ENV))
        for name, argv in todo.items():
            runs[f"{name} quick"].append(timed(whole(folder, argv), ENV))
            runs[f"{name} orm"].append(timed(whole(folder, argv), ORM_ENV))
        common.log(f"  round {round_no + 1}/{options.runs}")
    median = {name: statistics.median(values) for name, values in runs.items()}
    result = {"machine": common.machine(), "store": meta, "runs": options.runs,
              "baselines_ms": {name: common.summary_ms(runs[name]) for name in BASELINES}, "commands": {}}
    print(f"{'command':<36} {'quick ms':>9} {'× pass':>7} {'ORM ms':>8} {'× pass':>7} {'ORM ÷ quick':>12}")
    for name in BASELINES:
        print(f"{'python -c ' + name:<36} {median[name] * 1000:>9.1f} {median[name] / median['pass']:>7.2f}")
    for name, argv in todo.items():
        quick, orm = median[f"{name} quick"], median[f"{name} orm"]
        entry = {"argv": argv, "quick_ms": common.summary_ms(runs[f"{name} quick"]),
                 "orm_ms": common.summary_ms(runs[f"{name} orm"]),
                 "quick_over_pass": round(quick / median["pass"], 2), "orm_over_pass": round(orm / median["pass"], 2),
                 "quick_over_sqlite_json": round(quick / median["sqlite_json"], 2),
                 "orm_over_quick": round(orm / quick, 1), "goal_met": quick / median["pass"] <= 10}
        result["commands"][name] = entry
        print(f"{name:<36} {quick * 1000:>9.1f} {entry['quick_over_pass']:>7.2f} {orm * 1000:>8.1f} "
              f"{entry['orm_over_pass']:>7.2f} {entry['orm_over_quick']:>12.1f}")
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    common.log(f"wrote {options.out}")


if __name__ == "__main__":
    main()
