"""A full disk: every command says so, says nothing was lost, and loses nothing.

The disk is real: a tmpfs of a few MB in a private mount namespace
(small_disk.py), filled to the byte with a file of zeros at the moment each
case wants (disk_cases.py), so SQLite and the file system fail as they do on
a laptop — SQLITE_FULL at a commit, a WAL growing mid-transaction or a
checkpoint, SQLITE_IOERR_SHMSIZE when a connection cannot grow its -shm file,
ENOSPC writing a photo, a PDF, a key or a bundle. Each case checks the one
message (`store.disk_full`, no traceback, never "restore a backup"), that the
store is exactly as it was once the space is freed (every table's rows and
the blobs), that no half-written file is left, and that the same command
then works. A full USB stick is the stick's own message, not this one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import small_disk
from cli_calls import ok
from factories import signature_png
from PIL import Image

from inspector_app.cli import program
from inspector_app.core import checklists, migrate
from inspector_app.core.paths import forms_dir

UNAVAILABLE = small_disk.unavailable()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))


def noise_png(path: Path, side: int = 160) -> Path:
    """A photo that does not compress: ~75 KB, many pages of the small disk."""
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, format="PNG")
    return path


def answers(files: Path, name: str, photo: str, signatures: list[str]) -> Path:
    """Every catering item passes but 4.2, which fails with its photo; signed by both inspectors and the operator."""
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    items = {i: {"answer": "pass"} for i, item in catering.items.items() if item.kind == "check"}
    items["4.2"] = {"answer": "fail", "note": "两名厨师无健康证明", "photos": [photo]}
    signed = {"inspectors": signatures[:2], "operator": signatures[2]}
    path = files / name
    path.write_text(json.dumps({"items": items, "signatures": signed}, ensure_ascii=False), encoding="utf-8")
    return path


def acting(user: str) -> list[str]:
    """`--as USER` where `inspect` asks who finalizes (the command line's sign-in protections), else nothing."""
    probe = ["inspect", "--establishment", "e", "--form", "f", "--inspector", user, "--answers", "a", "--as", user]
    try:
        program.build_parser().parse_args(probe)
    except program.UsageError:
        return []
    return ["--as", user]


@dataclass
class Base:
    data: Path  # enrolled, with a finalized inspection and changes waiting to be exported
    inspect: list  # `inspect … --finalize` with a fresh photo and fresh signatures
    images: list[int]  # the sizes of that command's pictures
    finalized: str
    photo: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Base:
    root = tmp_path_factory.mktemp("base")
    data, files = root / "data", root / "files"
    files.mkdir()
    ok(data, "init")
    team = [ok(data, "users", "add", "--name", name, "--role", "inspector", "--credential", no)["id"]
            for name, no in (("李明", "12011900001"), ("王芳", "12011900002"))]
    shop = ok(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
              "--township", "渔阳镇")["id"]
    ok(root / "central", "central", "init")
    ok(root / "central", "central", "enrol", "--device-name", "李明", "--township", "渔阳镇", "--out",
       root / "enrol.json")
    ok(data, "enrol", root / "enrol.json")
    for n in range(1, 7):
        (files / f"s{n}.png").write_bytes(signature_png(n))
    noise_png(files / "old.png", 40)
    photo = noise_png(files / "photo.png")
    command = ["inspect", "--establishment", shop, "--form", "catering", "--inspector", team[0], "--inspector",
               team[1], *acting(team[0]), "--answers"]
    finalized = ok(data, *command, answers(files, "first.json", "old.png", ["s1.png", "s2.png", "s3.png"]),
                   "--finalize")["id"]
    inspect = [*command, answers(files, "answers.json", "photo.png", ["s4.png", "s5.png", "s6.png"]), "--finalize"]
    with contextlib.closing(sqlite3.connect(data / "inspector.sqlite3")) as connection:  # all in the file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sizes = [(files / name).stat().st_size for name in ("photo.png", "s4.png", "s5.png", "s6.png")]
    return Base(data, [str(a) for a in inspect], sizes, finalized, photo)


def assert_disk_full(seen: dict, *, folder: str = "data") -> None:
    """The one message: a store error coded store.disk_full, no traceback, nothing about a backup."""
    assert seen["rc"] == 1 and not seen["traceback"], seen
    error = seen["err"]
    assert isinstance(error, dict), error
    assert error["error"] == "store_error" and error["code"] == "store.disk_full", error
    assert "is full" in error["message"] and "Nothing was lost" in error["message"], error
    assert "backup" not in error["message"] and folder in error["message"]


def assert_unchanged(seen: dict) -> None:
    assert seen["after"] == seen["before"], "the store changed"
    assert seen["after"]["strays"] == [], "a half-written file was left behind"


FINALIZE = {
    "finalize: no room for SQLite's -shm file (the store cannot open)": "open",
    "finalize: no room for the photo's file": "one_page",
    "finalize: room for the pictures, none for the commit": "files",  # was a traceback, pictures left in blobs/
}


@pytest.mark.parametrize("leave", FINALIZE.values(), ids=FINALIZE.keys())
def test_finalize_on_a_full_disk(base, tmp_path, leave):
    seen = small_disk.run("command", tmp_path / "disk", source=str(base.data), args=base.inspect,
                          sizes=base.images, leave=leave)
    assert_disk_full(seen["full"])
    assert_unchanged(seen)
    assert seen["again"]["rc"] == 0 and seen["again"]["out"]["status"] == "finalized", seen["again"]


def test_the_message_reads_in_chinese_on_a_chinese_system(base, tmp_path):
    seen = small_disk.run("command", tmp_path / "disk", source=str(base.data), args=base.inspect, leave="open",
                          lang="zh")
    error = seen["full"]["err"]
    assert error["code"] == "store.disk_full" and "备份" not in error["message"]
    assert "磁盘已满" in error["message"] and "没有丢失任何数据" in error["message"]


INIT = {
    "init: nothing fits": 0,
    "init: the migration does not fit": 256 * 1024,
    "init: room for the migrated store and one key file": "keys",
}


@pytest.mark.parametrize("leave", INIT.values(), ids=INIT.keys())
def test_init_on_a_full_disk(tmp_path, leave):
    seen = small_disk.run("init", tmp_path / "disk", leave=leave)
    assert_disk_full(seen["full"])
    assert seen["after"]["strays"] == []
    again = seen["again"]
    assert again["rc"] == 0 and again["out"]["installed_forms"], again  # no key file half written, nothing to restore


DEMO = {  # `demo --establishments 20` takes ~1.5 MB in the WAL, ~1.1 MB more to fold it back into the file
    "demo: no room for SQLite's -shm file": "open",
    "demo: the migration does not fit": 300_000,
    "demo: the register's transaction does not fit": 1_200_000,
}


@pytest.mark.slow  # ~5 s each: two demos per case
@pytest.mark.parametrize("leave", DEMO.values(), ids=DEMO.keys())
def test_demo_on_a_full_disk(tmp_path, leave):
    seen = small_disk.run("command", tmp_path / "disk", args=["demo", "--establishments", "20"], leave=leave)
    assert_disk_full(seen["full"])
    assert seen["after"]["rows"].get("establishment", [0])[0] == 0, "half a demo"
    assert seen["again"]["rc"] == 0, seen["again"]


@pytest.mark.slow
def test_a_demo_with_no_room_to_fold_its_wal_back_is_done(tmp_path):
    """The register committed to the WAL; the checkpoint that would grow the database file waits for
    another time. Reporting a full disk here would hide a demo that is there (the retry says so)."""
    seen = small_disk.run("command", tmp_path / "disk", args=["demo", "--establishments", "20"], leave=2_000_000)
    assert seen["full"]["rc"] == 0, seen["full"]
    assert seen["after"]["rows"]["establishment"][0] == 20
    assert seen["again"]["err"]["code"] == "store.not_empty_for_demo"


NOTICES = {
    "notice: no room for the PDF": "one_page",
    "notice: room for the PDF, none for the notice's transaction": "files",
}


@pytest.mark.parametrize("leave", NOTICES.values(), ids=NOTICES.keys())
def test_printing_a_notice_on_a_full_disk(base, tmp_path, leave):
    args = ["notice", base.finalized, "--kind", "result", "--out", "{out}"]
    seen = small_disk.run("notice", tmp_path / "disk", source=str(base.data), args=args, leave=leave)
    assert seen["control"] == 0
    assert_disk_full(seen["full"], folder="disk")
    assert_unchanged(seen)
    assert seen["written"] == [], "a PDF of a notice that was not issued"
    assert seen["again"]["rc"] == 0 and seen["again"]["out"]["copy"] is False, "the retry prints the original"


def test_export_with_a_full_data_folder_is_the_laptops_disk(base, tmp_path):
    seen = small_disk.run("command", tmp_path / "disk", source=str(base.data), args=["export", "--out", "{out}"],
                          out="beside", out_folder=True, leave="one_page")
    assert_disk_full(seen["full"])
    assert_unchanged(seen)
    assert seen["written"] == []
    assert seen["again"]["rc"] == 0 and seen["again"]["out"]["ops"] > 0


def test_export_to_a_full_stick_is_the_sticks_message(base, tmp_path):
    seen = small_disk.run("command", tmp_path / "disk", source=str(base.data), args=["export", "--out", "{out}"],
                          data="beside", out_folder=True, leave=0)
    full = seen["full"]
    assert full["rc"] == 1 and not full["traceback"]
    assert full["err"]["code"] == "sync.write_failed" and "nothing was lost" in full["err"]["message"]
    assert_unchanged(seen)
    assert seen["written"] == []


def test_export_that_cannot_be_recorded_leaves_no_bundle_on_the_stick(base, tmp_path):
    seen = small_disk.run("export_record", tmp_path / "disk", source=str(base.data))
    assert seen["error"]["code"] == "store.disk_full"
    assert seen["on_stick"] == [], "a bundle the laptop does not know it sent"
    assert_unchanged(seen)
    assert seen["again"] > 0 and len(seen["stick_after_again"]) == 1


STEPS = {
    "a small transaction's commit": "commit",
    "a big transaction's pages spilling to the WAL": "spill",
    "a reading session's own commit": "session",
    "a photo's file": "blob",
    "room for the photo's file, none for its rows": "blob_commit",
    "a checkpoint that must grow the database file": "checkpoint",
}


@pytest.mark.parametrize("step", STEPS.values(), ids=STEPS.keys())
def test_core_writes_on_a_full_disk(base, tmp_path, step):
    seen = small_disk.run("core", tmp_path / "disk", source=str(base.data), step=step, photo=str(base.photo))
    error = seen["error"]
    assert error is not None and error["code"] == "store.disk_full", error
    assert "backup" not in error["message"]
    assert_unchanged(seen)
    if step == "blob_commit":
        assert seen["blobs_while_full"] == seen["before"]["blobs"], "the photo written for a failed commit stays"
    if step == "checkpoint":
        assert seen["wal_kept"], "SQLite keeps the WAL when it cannot checkpoint: nothing is lost"
    assert seen["again"] is None, seen["again"]
    assert seen["after_again"]["strays"] == []


def test_a_migration_on_a_full_disk_leaves_the_old_file_as_it_was(tmp_path):
    seen = small_disk.run("migration", tmp_path / "disk", old_store="laptop-0001", leave=128 * 1024)
    assert seen["error"]["code"] == "store.disk_full", seen["error"]
    assert seen["same_file"], "the old store file changed"
    assert seen["after"]["rows"] == seen["before"]["rows"]
    assert seen["revision"] == migrate.HEAD
