"""A simulated fleet for the load test and the HTTP benchmark: N enrolled laptops, M upward bundles each.

Every bundle is a real one: each laptop is a real laptop store (a copy of one template with its own
device id and keys), enrolled through the real enrolment path with a grant the central issued, whose
inspectors make real changes through core (a new establishment, an edit of an earlier one, a signed
finalized inspection) and export them with core's own exporter. Bundle k carries the ops after bundle
k-1 (`export_bundle(after_seq=...)`, what a laptop sends when its previous upload was acknowledged),
so a laptop's bundles must arrive in order, as they would over the network.

Building 200 × 20 took 20 minutes on 2 busy cores (two worker processes), so the result (the central's
data folder with its keys and grants, the bundle files, each laptop's keys and a manifest of every change
id) is cached under bench/results/cache/ (ignored by git; INSPECTOR_FLEET_CACHE moves it), keyed by
FLEET_VERSION and a hash of the code that makes it (the bundle format, the exporter, enrolment, central's
keys, the shipped forms and the test helpers used): a change to any of them builds it again.
Users of the fleet copy the central folder (`Fleet.fresh_central`), so the cache is never written to.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
for _path in (REPO, TESTS):  # this checkout's code, also in the builder's worker processes and bench/
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

FLEET_VERSION = 2  # bump when what a laptop does between bundles changes
CENTRAL_NAME = "蓟州区"
# What the cached fleet is made by: a change to any of these builds it again. The laptop's schema
# (core/models.py, core/migrations) is left out on purpose: a bundle made before a laptop migration is
# one central must still take (laptops upgrade one by one), so it stays an honest input.
KEYED_SOURCES = ("inspector_app/core/sync/bundle.py", "inspector_app/core/sync/bag.py",
                 "inspector_app/core/sync/canonical.py", "inspector_app/core/sync/crypto.py",
                 "inspector_app/core/sync/outer.py", "inspector_app/core/sync/export.py",
                 "inspector_app/core/sync/enrolment.py", "inspector_app/core/sync/trust.py",
                 "inspector_app/core/outbox.py", "inspector_app/central/keys.py", "inspector_app/central/admin.py",
                 "forms", "tests/factories.py", "tests/sync_world.py")
SHOPS = ("面馆", "饭店", "包子铺", "小吃店", "烧烤店", "饺子馆", "快餐店")
STALLS = ("煎饼摊", "早点摊", "烤红薯摊", "水果摊", "熟食摊", "凉皮摊")


@dataclass(frozen=True)
class FleetBundle:
    laptop: int
    n: int
    path: Path
    bundle_id: str
    device_id: str
    seq_from: int
    seq_to: int
    change_ids: tuple[str, ...]

    @property
    def ops(self) -> int:
        return len(self.change_ids)


@dataclass
class Fleet:
    root: Path
    laptops: list[list[FleetBundle]]  # each laptop's bundles, in the order it made them
    meta: dict

    @property
    def bundles(self) -> list[FleetBundle]:
        return [b for laptop in self.laptops for b in laptop]

    @property
    def ops(self) -> int:
        return sum(b.ops for b in self.bundles)

    def change_ids(self) -> set[str]:
        return {cid for b in self.bundles for cid in b.change_ids}

    def fresh_central(self, dest: Path) -> Path:
        """A copy of the fleet's central (keys, grants, no bundles yet) at `dest`; returns its data folder."""
        shutil.copytree(self.root / "central", dest)
        return dest

    def subset(self, laptops: int, bundles: int) -> Fleet:
        """The first `laptops` laptops with their first `bundles` bundles each."""
        if (laptops, bundles) == (len(self.laptops), len(self.laptops[0])):
            return self
        return Fleet(self.root, [each[:bundles] for each in self.laptops[:laptops]],
                     {**self.meta, "subset_of": [len(self.laptops), len(self.laptops[0])]})

    def keys_dir(self, laptop: int) -> Path:
        """The laptop's device keys (sign.pem, enc.pem), for a client that signs its requests."""
        return self.root / "keys" / f"{laptop:03d}"


def code_key(laptops: int, bundles: int) -> str:
    digest = hashlib.sha256(f"{FLEET_VERSION}:{laptops}x{bundles}".encode())
    for source in KEYED_SOURCES:
        path = REPO / source
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(REPO)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    return Path(os.environ.get("INSPECTOR_FLEET_CACHE") or REPO / "bench" / "results" / "cache")


def fleet(laptops: int = 200, bundles: int = 20, *, workers: int | None = None, log=None) -> Fleet:
    """The cached fleet of `laptops` × `bundles`, built first when the code changed since.

    A bigger fleet cached for the same code serves a smaller one: its first laptops, each with its
    first bundles (a prefix of a laptop's bundles is what that laptop had sent by then)."""
    for cached in sorted(cache_root().glob("fleet-*x*-*/manifest.json")):
        name = cached.parent.name.split("-")
        size = name[1].split("x")
        if len(name) != 3 or not all(part.isdigit() for part in size):
            continue
        have_laptops, have_bundles = int(size[0]), int(size[1])
        if have_laptops >= laptops and have_bundles >= bundles and name[2] == code_key(have_laptops, have_bundles):
            return load(cached.parent).subset(laptops, bundles)
    final = cache_root() / f"fleet-{laptops}x{bundles}-{code_key(laptops, bundles)}"
    build(final, laptops, bundles, workers=workers, log=log)
    return load(final)


def load(root: Path) -> Fleet:
    meta = json.loads((root / "manifest.json").read_text())
    laptops = [[FleetBundle(laptop=i, n=n, path=root / "bundles" / b["file"], bundle_id=b["bundle_id"],
                            device_id=entry["device_id"], seq_from=b["seq_from"], seq_to=b["seq_to"],
                            change_ids=tuple(b["change_ids"]))
                for n, b in enumerate(entry["bundles"])]
               for i, entry in enumerate(meta["laptops"])]
    return Fleet(root, laptops, {k: v for k, v in meta.items() if k != "laptops"})


def build(final: Path, laptops: int, bundles: int, *, workers: int | None = None, log=None) -> None:
    """Make the fleet in a scratch folder beside `final`, then rename it into place (atomic)."""
    from inspector_app.central import admin as central_admin
    from inspector_app.central.store import open_central
    from inspector_app.core.district import TOWNSHIPS

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    started = time.perf_counter()
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        central_admin.init_central(work / "central", name=CENTRAL_NAME)
        central = open_central(work / "central")
        try:
            towns = [name for name, *_ in TOWNSHIPS]
            jobs = [(str(work), i, towns[i % len(towns)], bundles,
                     central_admin.issue_enrolment(central, device_name=f"执法终端{i:03d}",
                                                   township=towns[i % len(towns)]))
                    for i in range(laptops)]
        finally:
            central.close()
        workers = workers or min(2, os.cpu_count() or 1)
        log(f"building a fleet of {laptops} laptops × {bundles} bundles with {workers} processes …")
        made: list[dict] = []
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for entry in pool.map(_make_laptop, jobs, chunksize=max(1, laptops // (workers * 8))):
                made.append(entry)
                if len(made) % 20 == 0:
                    log(f"  {len(made)} / {laptops} laptops, {time.perf_counter() - started:.0f} s")
        meta = {"fleet_version": FLEET_VERSION, "laptops_n": laptops, "bundles_per_laptop": bundles,
                "built_seconds": round(time.perf_counter() - started, 1),
                "ops": sum(len(b["change_ids"]) for e in made for b in e["bundles"]), "laptops": made}
        (work / "manifest.json").write_text(json.dumps(meta))
        try:
            work.rename(final)
        except OSError:  # another process built the same fleet meanwhile; theirs is as good
            if not (final / "manifest.json").exists():
                raise
        log(f"  fleet built in {meta['built_seconds']} s: {meta['ops']:,} ops in {laptops * bundles} bundles")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _make_laptop(job: tuple) -> dict:
    """One laptop (in a worker process): enrol, then `bundles` rounds of real work, each exported."""
    from sync_world import make_laptop

    from inspector_app.core.sync import canonical, enrolment

    work, i, town, bundles, doc = job
    out = Path(work) / "bundles" / f"{i:03d}"
    scratch = Path(tempfile.mkdtemp(prefix="fleet-laptop-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    try:
        laptop = make_laptop(scratch, f"L{i:03d}")
        with laptop.store.write() as s:
            enrolment.enrol(s, laptop.paths.keys, canonical.dumps(doc))
        device_id = laptop.device_id
        made, last, eids = [], 0, []
        for n in range(bundles):
            _round(laptop, i, n, town, eids)
            result = laptop.export(out, after_seq=last)
            with laptop.store.session() as s:
                ids = [str(uuid.UUID(str(row[0]))) for row in s.connection().exec_driver_sql(
                    "SELECT change_id FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq",
                    (result["seq_from"], result["seq_to"]))]
            assert len(ids) == result["ops"] == result["seq_to"] - result["seq_from"] + 1, result
            made.append({"file": f"{i:03d}/{Path(result['bundle']).name}", "bundle_id": result["bundle_id"],
                         "seq_from": result["seq_from"], "seq_to": result["seq_to"], "change_ids": ids})
            last = result["seq_to"]
        laptop.store.close()
        shutil.copytree(laptop.paths.keys, Path(work) / "keys" / f"{i:03d}")
        return {"device_id": device_id, "township": town, "bundles": made}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _round(laptop, i: int, n: int, town: str, eids: list[str]) -> None:
    """A day's work between two uploads: a new establishment, an edit of the one before, and a signed,
    finalized inspection of the new one. Two rounds in three it is a street stall (the 11-item stall
    checklist); every third a restaurant (30 items) with a failed key item, photographed as the checklist
    demands (a different photo on each laptop, so central stores real blobs)."""
    from factories import answer_all, finalize_signed, photo_png

    from inspector_app.core import catalog, evidence, inspections

    restaurant = n % 3 == 2
    kind = "catering" if restaurant else "stall"
    name = f"{town[:2]}{i:03d}号{SHOPS[n % len(SHOPS)] if restaurant else STALLS[n % len(STALLS)]}{n}"
    eid = laptop.add_establishment(name=name, category=kind, township=town)
    eids.append(eid)
    laptop.update_establishment(eids[max(0, n - 1)], phone=f"138{i:04d}{n:04d}")
    fail = ("3.1",) if restaurant else ()
    with laptop.store.write() as s:
        inspection = inspections.start(s, establishment_id=eid, checklist_id=kind, inspector_ids=laptop.inspectors)
        answer_all(s, inspection.id, catalog.get(s, kind), fail=fail)
        if restaurant:
            evidence.attach(s, laptop.paths.blobs, inspection_id=inspection.id,
                            source=photo_png((i % 256, n * 12 % 256, 99)), item_id="3.1", name="3.1.png")
        finalize_signed(s, inspection.id, blobs=laptop.paths.blobs)


if __name__ == "__main__":  # build (or find) the fleet ahead of a test run: python tests/fleet.py [N] [M]
    args = [int(a) for a in sys.argv[1:3]]
    f = fleet(*args)
    print(f"{f.root}: {len(f.laptops)} laptops, {len(f.bundles)} bundles, {f.ops:,} ops")
