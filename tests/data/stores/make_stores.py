"""Make the old store files in this folder with the OLD program, not by hand.

For each schema head in history, this extracts the commit where that head was
the newest migration (`git archive`, so the shared repository gains no
worktree) into a temporary folder and runs THAT commit's own
`python -m inspector_app --data-dir D ...` commands (cwd = the old tree, so
its inspector_app shadows any installed one). Where an old program has no
command for something its schema holds (the 0001 program's `init` was
broken; a refusal to sign has no command) it calls that commit's own Python
API with `python -c`. The store is checkpointed (WAL into the main file),
vacuumed and copied; the few files of its data folder a test needs (keys/,
blobs/, central-keys/, central/blobs/) go into a small zip beside it.

    cd REPO && /path/to/venv/python tests/data/stores/make_stores.py [NAME ...]

With names (e.g. laptop-0006 central-c0003) only the builds that make them run.
For a new schema version: add a Build with the last commit before the next
migration, run this for its names, and add the file to the README's table.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

# Features by the commit that brought them (each build lists what its program had).
INIT = "init"              # `inspector init` works (device keys, the district's areas)
REFUSAL = "refusal"        # inspections.record_refusal (0002b)
NOTICES = "notices"        # `inspector notice` (0003)
SYNC = "sync"              # enrol/export/import, `inspector central ...` (0004, c0001)
ROTATE = "rotate"          # `inspector sync rotate-keys` (c0002)
MERGE = "merge"            # `inspector central duplicates|merge` (0005)
ASSIGN = "assign"          # `inspector central assign`, `inspector assignments accept` (0006)
ACT_AS = "as"              # --finalize and --amends act in an inspector's name: `--as USER` (0007)
DISTRICT = "district"      # `inspector central settings --verify-url --bureau-name`, sent with enrolment (c0005)


@dataclass
class Build:
    commit: str
    laptop: str | None      # the laptop file this build keeps, e.g. "laptop-0003"
    central: str | None     # the central file this build keeps, e.g. "central-c0001"
    features: frozenset


BUILDS = [
    Build("2341418", "laptop-0001", None, frozenset()),
    Build("4e7d6b5", "laptop-0002", None, frozenset({INIT})),
    Build("8227cdd", "laptop-0002b", None, frozenset({INIT, REFUSAL})),
    Build("e729196", "laptop-0003", None, frozenset({INIT, REFUSAL, NOTICES})),
    Build("3ac5c59", "laptop-0004", "central-c0001", frozenset({INIT, REFUSAL, NOTICES, SYNC})),
    Build("2fe68bf", None, "central-c0002", frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE})),
    Build("74d36b3", "laptop-0005", None, frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE})),
    Build("515498a", "laptop-0006", "central-c0003",
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN})),
    Build("1ab59a7", "laptop-0007", "central-c0004",
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS})),
    Build("5984d4f", None, "central-c0005",
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("c986bfa", "laptop-0008", "central-c0006",
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("da6b74e", "laptop-0009_sealing_list", None,
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("81d7359", "laptop-0010_holiday_schedule", "central-c0007_holiday_schedule",
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("e4fc32d", "laptop-0011_outcome_fields", None,
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("01adb27", "laptop-0012_followup", None,
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
    Build("c3f8b7a", "laptop-0013_registration_papers", None,
          frozenset({INIT, REFUSAL, NOTICES, SYNC, ROTATE, MERGE, ASSIGN, ACT_AS, DISTRICT})),
]

PASSWORD = "jizhou-2026"
# 0001's `init` imports modules that came one commit later: make the store the way it meant to.
BOOTSTRAP_0001 = """
import sys
from inspector_app.core import areas, catalog
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths
paths = AppPaths.at(sys.argv[1]).ensure()
store = open_store(paths.database)
with store.write() as s:
    catalog.install_shipped(s)
    district = areas.add(s, code="120119", name="蓟州区", level="district"); s.flush()
    for code, name in (("120119001", "文昌街道"), ("120119100", "渔阳镇")):
        town = areas.add(s, code=code, name=name, level="township", parent_id=district.id); s.flush()
        areas.add(s, code=code + "001", name=name[:2] + "村", level="village", parent_id=town.id)
store.close()
"""
REFUSE = """
import sys
try:  # core/signatures.py from 0007 on
    from inspector_app.core.signatures import record_refusal
except ImportError:
    from inspector_app.core.inspections import record_refusal
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths
store = open_store(AppPaths.at(sys.argv[1]).database)
with store.write() as s:
    record_refusal(s, sys.argv[2], reason="经营者拒绝签字", witness_name="刘洋",
                   witness_id_no="120225198001011234")
store.close()
"""


class Run:
    """One build: the old tree, a laptop data folder and (with sync) a central one."""

    def __init__(self, build: Build, work: Path):
        self.build, self.work = build, work
        self.tree, self.lap, self.dist = work / "tree", work / "laptop", work / "central"
        self.tree.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", build.commit], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(self.tree)], input=archive, check=True)
        self.log: list[str] = []
        self.sticks = 0
        self.forms: dict[str, dict] = {}
        self.inspectors: list[str] = []

    def py(self, *argv, stdin: str | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "INSPECTOR_HOME")}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(self.work / "home"))
        done = subprocess.run([sys.executable, *argv], check=False, cwd=self.tree, env=env, input=stdin, text=True,
                              capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"{self.build.commit}: {' '.join(argv)} failed ({done.returncode}):\n"
                             f"{done.stdout}\n{done.stderr}")
        return done

    def cli(self, data_dir: Path, *argv, stdin: str | None = None):
        """`python -m inspector_app --data-dir D ARGV --json`; returns the parsed JSON output."""
        args = ["--data-dir", str(data_dir), *map(str, argv), "--json"]
        shown = " ".join(f"'{a}'" if " " in a else a for a in args).replace(str(self.work), "$W")
        self.log.append(f"python -m inspector_app {shown}" + (" <<< PASSWORD" if stdin else ""))
        out = self.py("-m", "inspector_app", *args, stdin=stdin).stdout
        return json.loads(out) if out.strip() else None

    def api(self, name: str, *argv) -> None:
        """Call the old tree's own Python API (a snippet below) where its CLI had no command."""
        self.log.append(f"python -c \"$({name})\" " + " ".join(map(str, argv)).replace(str(self.work), "$W"))
        self.py("-c", globals()[name], *map(str, argv))

    def stick(self) -> Path:
        self.sticks += 1
        path = self.work / f"stick{self.sticks}"
        path.mkdir()
        return path


def tiny_jpeg(path: Path, colour) -> Path:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "JPEG", quality=50)
    path.write_bytes(buffer.getvalue())
    return path


def answers(run: Run, name: str, items: dict, notes: str | None = None) -> Path:
    path = run.work / f"{name}.json"
    path.write_text(json.dumps({"items": items, **({"notes": notes} if notes else {})}, ensure_ascii=False),
                    encoding="utf-8")
    return path


# Measured values for the number items (a whole-number float, as a spin box gives it).
NUMBERS = {"market": 12.0}


def all_pass(run: Run, form: str, **overrides) -> dict:
    if form not in run.forms:
        run.forms[form] = run.cli(run.lap, "forms", "show", form)
    items = {}
    for item in run.forms[form]["items"]:
        if item["kind"] == "number" and form in NUMBERS:
            items[item["id"]] = {"value": NUMBERS[form]}
        elif item["scored"] or item["kind"] == "check":
            items[item["id"]] = {"answer": "pass"}
    items.update(overrides)
    return items


def inspect(run: Run, name: str, establishment: str, form: str, items: dict, *extra) -> dict:
    who = [a for user in run.inspectors for a in ("--inspector", user)]
    acting = ACT_AS in run.build.features and bool({"--finalize", "--amends"} & set(extra))
    path = answers(run, name, items)
    if acting:  # the 0007 program finalizes in an inspector's name, with everyone's signature
        who += ["--as", run.inspectors[0], "--password-stdin"]
        data = json.loads(path.read_text(encoding="utf-8"))
        data["signatures"] = {"inspectors": [signature(run, n) for n in range(1, len(run.inspectors) + 1)],
                              "operator": signature(run, len(run.inspectors) + 1)}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return run.cli(run.lap, "inspect", "--establishment", establishment, "--form", form, *who, *extra,
                   "--answers", path, stdin=PASSWORD if acting else None)


def signature(run: Run, seed: int) -> str:
    """A hand-signature-like PNG in the work folder (the answers file names it relative to itself)."""
    from PIL import Image, ImageDraw
    name = f"signature-{seed}.png"
    if not (run.work / name).exists():
        image = Image.new("L", (360, 120), 255)
        ImageDraw.Draw(image).line([(20 + i * 16, 60 + ((i * 37 * seed) % 50) - 25) for i in range(20)],
                                   fill=0, width=5)
        image.save(run.work / name)
    return name


def build_laptop(run: Run) -> dict:
    """Users, a varied register, inspections (draft, finalized, failed items, a photo, an amendment)."""
    f, lap = run.build.features, run.lap
    if INIT in f:
        run.cli(lap, "init")
    else:
        run.api("BOOTSTRAP_0001", lap)
    for name, credential, extra in (("李明", "12011900001", ["--township", "渔阳镇"]), ("王芳", "12011900002", [])):
        run.inspectors.append(run.cli(lap, "users", "add", "--name", name, "--role", "inspector", "--credential",
                                      credential, *extra, "--password-stdin", stdin=PASSWORD + "\n")["id"])
    run.cli(lap, "users", "add", "--name", "赵静", "--role", "clerk", "--credential", "12011900003")
    est = {}
    for key, argv in {
        "restaurant": ["--name", "张三餐馆", "--category", "catering", "--licence", "JY21201190012345",
                       "--address", "渔阳镇府君路18号", "--phone", "022-29141234", "--legal-rep", "张三",
                       "--risk-grade", "B"],
        "canteen": ["--name", "渔阳镇中心小学食堂", "--category", "school_canteen", "--licence",
                    "JY31201190000017", "--credit-code", "12120225401234567E", "--risk-grade", "C"],
        "shop": ["--name", "鑫鑫超市", "--category", "food_sales", "--licence", "JY11201190023456",
                 "--credit-code", "92120225MA05ABCD1J", "--contact-person", "孙丽"],
        "market": ["--name", "鼓楼农贸市场", "--category", "market", "--address", "渔阳镇鼓楼南大街6号",
                   "--legal-rep", "周强", "--risk-grade", "A"],
        "stall": ["--name", "王记小吃", "--category", "stall", "--phone", "13800138000"],
    }.items():
        est[key] = run.cli(lap, "establishments", "add", "--township", "渔阳镇", *argv)["id"]
    photo = tiny_jpeg(run.work / "records.jpg", (180, 40, 40))
    failed = inspect(run, "failed", est["restaurant"], "catering", all_pass(run, "catering", **{
        "2.1": {"answer": "fail", "note": "许可证未公示"},
        "3.1": {"answer": "fail", "note": "无进货查验记录", "photos": [photo.name]}}), "--finalize")
    amendment = inspect(run, "amend", est["restaurant"], "catering", all_pass(run, "catering", **{
        "2.1": {"answer": "fail", "note": "许可证未公示（更正）"}}), "--amends", failed["id"], "--finalize")
    market = inspect(run, "market", est["market"], "market", all_pass(run, "market"), "--finalize")
    draft = inspect(run, "draft", est["canteen"], "school_canteen",
                    {"1.1": {"answer": "pass"}, "2.1": {"answer": "fail", "note": "待核实"}})
    if REFUSAL in f:
        run.api("REFUSE", lap, draft["id"])
    if NOTICES in f:
        for kind in ("result", "order"):
            run.cli(lap, "notice", failed["id"], "--kind", kind, "--paper", "a4", "--out", run.work / f"{kind}.pdf")
        run.cli(lap, "notice", failed["id"], "--kind", "result", "--out", run.work / "copy.pdf")  # a 副本
    return {"establishments": est, "inspections": {"failed": failed["id"], "amendment": amendment["id"],
                                                   "market": market["id"], "draft": draft["id"]}}


def round_trip(run: Run, device: str, *, up: bool = True) -> None:
    """Laptop → central → laptop, the way a USB stick carries it (each way only with something new)."""
    if up:
        run.cli(run.dist, "central", "import", run.cli(run.lap, "export", "--out", run.stick())["bundle"])
    down = run.cli(run.dist, "central", "export", "--device", device, "--out", run.stick())
    run.cli(run.lap, "import", down["bundle"])


def build_sync(run: Run, made: dict) -> dict:
    """Central init, enrolment, round trips (rotation, merge, assignment where the program had them)."""
    f, lap, dist, est = run.build.features, run.lap, run.dist, made["establishments"]
    run.cli(dist, "central", "init", "--name", "蓟州区")
    if DISTRICT in f:
        run.cli(dist, "central", "settings", "--verify-url", "https://jz.tjjz.gov.cn",
                "--bureau-name", "天津市蓟州区市场监督管理局")
    run.cli(dist, "central", "enrol", "--device-name", "渔阳镇-李明", "--township", "渔阳镇",
            "--out", run.work / "enrol.json")
    device = run.cli(lap, "enrol", run.work / "enrol.json")["device_id"]
    round_trip(run, device)
    if ROTATE in f:
        run.cli(lap, "sync", "rotate-keys")
    made["inspections"]["after_sync"] = inspect(run, "stall", est["stall"], "stall", all_pass(run, "stall"),
                                                "--finalize")["id"]
    if MERGE in f:  # the same stall registered twice offline: central merges the copy
        est["stall_copy"] = run.cli(lap, "establishments", "add", "--name", "王记 小吃", "--category", "stall",
                                    "--township", "渔阳镇", "--address", "渔阳镇鼓楼广场东侧")["id"]
        made["inspections"]["of_copy"] = inspect(run, "copy", est["stall_copy"], "stall", all_pass(
            run, "stall", **{"1.1": {"answer": "fail", "note": "无健康证"}}), "--finalize")["id"]
    round_trip(run, device)
    if MERGE in f:
        run.cli(dist, "central", "duplicates")
        run.cli(dist, "central", "merge", "--keep", est["stall"], "--duplicate", est["stall_copy"],
                "--by", "区局王科长", "--note", "同一摊位")
    if ASSIGN in f:
        run.cli(dist, "central", "assign", "--establishment", est["stall"], "--due", "2027-03-01",
                "--device", device, "--purpose", "special campaign", "--by", "区局王科长")
        run.cli(dist, "central", "assign", "--establishment", est["shop"], "--due", "2027-04-01",
                "--township", "渔阳镇", "--by", "区局王科长", "--note", "节前检查")
    if MERGE in f or ASSIGN in f:
        round_trip(run, device, up=False)
    if ASSIGN in f:
        mine = {row["establishment_id"].replace("-", ""): row["id"] for row in run.cli(lap, "assignments", "list")}
        run.cli(lap, "assignments", "accept", mine[est["stall"].replace("-", "")], "--user", run.inspectors[0])
        run.cli(lap, "assignments", "decline", mine[est["shop"].replace("-", "")], "--user", run.inspectors[0],
                "--reason", "已于上周检查")
        made["inspections"]["assigned"] = inspect(run, "assigned", est["stall"], "stall", all_pass(run, "stall"),
                                                  "--finalize")["id"]
        round_trip(run, device)
    # left pending in the outbox: a change made after the last export
    run.cli(lap, "establishments", "add", "--name", "宏达食品加工坊", "--category", "workshop",
            "--township", "渔阳镇", "--licence", "JY41201190000088")
    return {"device_id": device}


def settle(db: Path) -> None:
    """The WAL into the main file, then VACUUM: one small self-contained file."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def keep(db: Path, name: str, folder: Path, parts: tuple[str, ...]) -> None:
    settle(db)
    with open(db, "rb") as src, open(HERE / f"{name}.sqlite3.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as packed:
        shutil.copyfileobj(src, packed)  # a store file compresses ~7×; mtime=0 keeps reruns byte-identical
    target = HERE / f"{name}.zip"
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in parts:
            for path in sorted((folder / part).rglob("*")) if (folder / part).exists() else ():
                if path.is_file() and not path.name.startswith("."):
                    zf.write(path, path.relative_to(folder).as_posix())


def make(build: Build) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"old-{build.commit}-") as tmp:
        run = Run(build, Path(tmp))
        made = build_laptop(run)
        if SYNC in build.features:
            made.update(build_sync(run, made))
        if build.laptop:
            keep(run.lap / "inspector.sqlite3", build.laptop, run.lap, ("keys", "blobs"))
        if build.central:
            keep(run.dist / "central.sqlite3", build.central, run.dist, ("central-keys", "central/blobs"))
        return {"commit": build.commit, "laptop": build.laptop, "central": build.central, **made,
                "inspectors": run.inspectors,
                "commands": run.log}


def main(names: list[str]) -> None:
    log = json.loads((HERE / "made.json").read_text(encoding="utf-8")) if (HERE / "made.json").exists() else {}
    for build in BUILDS:
        if names and not {build.laptop, build.central} & set(names):
            continue
        print(f"{build.commit}: {build.laptop or ''} {build.central or ''}", flush=True)
        result = make(build)
        for name in filter(None, (build.laptop, build.central)):
            log[name] = result
    (HERE / "made.json").write_text(json.dumps(dict(sorted(log.items())), ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
