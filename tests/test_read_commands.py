"""The read commands answer from a read-only sqlite3 connection exactly as through the ORM.

`establishments search|show`, `forms list|show`, `show inspection`, `verify`
and `sync status` read the store with the standard library's sqlite3
(core/reads) unless the store needs migrating. One store is built per module
(init, users, a register with a merged duplicate, a finalized inspection
with a photo, an order and a printed notice, a draft, an amendment); every
command runs through both paths in this process (INSPECTOR_READS=orm forces
the ORM one) and must print the same bytes, errors included. Subprocesses
then show what the quick path leaves unloaded, that an older store is
migrated by the ORM path first, and that a writer holding the store open
neither blocks a read nor shows it half-written.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from factories import answer_all, finalize_signed, make_establishment, seed_basics
from PIL import Image

import inspector_app
from inspector_app import cli
from inspector_app.core import catalog, db, establishments, evidence, inspections, notices, settings
from inspector_app.core.migrate import HEAD
from inspector_app.core.paths import AppPaths

REPO = Path(inspector_app.__file__).resolve().parents[1]
ORM_ONLY = ("sqlalchemy", "sqlmodel", "pydantic", "pydantic_core", "alembic", "pypinyin")
FILE_READERS = ("PIL", "zxingcpp", "pypdfium2", "qrcode", "reportlab")


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict:
    """A data folder with one of everything the read commands show; returns the ids they take."""
    root = tmp_path_factory.mktemp("reads")
    assert call(root, "init", "--json")[0] == 0
    paths = AppPaths.at(root)
    store = db.open_store(paths.database)
    with store.write() as session:
        basics = seed_basics(session, with_areas=False)
        shop = make_establishment(session, name="王记早点铺", category="food_sales", licence_no="JY11201190000017",
                                  credit_code="92140702MA0K2AX62M", address="渔阳镇府前街1号")
        twin = make_establishment(session, name="王记早点", category="food_sales", village="西井峪村")
        finalized = inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                      inspector_ids=basics.inspector_ids)
        answer_all(session, finalized.id, catalog.get(session, "catering"), fail=["2.1", "4.2"], na=["6.3"])
        evidence.attach(session, paths.blobs, inspection_id=finalized.id, item_id="2.1", source=png(),
                        name="kitchen.png")
        finalize_signed(session, finalized.id, blobs=paths.blobs)
        amendment = inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                                      inspector_ids=basics.inspector_ids, amends_id=finalized.id)
        answer_all(session, amendment.id, catalog.get(session, "catering"))
        finalize_signed(session, amendment.id, blobs=paths.blobs)
        draft = inspections.start(session, establishment_id=shop.id, checklist_id="food_sales",
                                  inspector_ids=basics.inspector_ids, hazard=True)
        food_sales = catalog.get(session, "food_sales")
        first_number = next(i for i in food_sales.items.values() if i.kind == "number")
        inspections.record_answer(session, draft.id, item_id=first_number.id, value=-20.0, note="冷冻柜")
        inspections.record_answer(session, draft.id, item_id="1.1", answer="fail")
        merged = inspections.start(session, establishment_id=twin.id, checklist_id="food_sales",
                                   inspector_ids=basics.inspector_ids)
        twin.status, twin.merged_into = establishments.MERGED, shop.id  # as central's merge arrives
        establishments.write_search_row(session, twin)
        notice = notices.issue(session, paths=paths, settings=settings.load(root), inspection_id=finalized.id,
                               kind="order", paper="a4", purpose="pdf")
    store.close()
    return {"root": root, "restaurant": str(basics.restaurant_id), "shop": str(shop.id), "twin": str(twin.id),
            "finalized": str(finalized.id), "amendment": str(amendment.id), "draft": str(draft.id),
            "merged_inspection": str(merged.id), "token": notice.token, "url": notice.verify_url}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (40, 30), 128).save(out, format="PNG")
    return out.getvalue()


def call(data_dir, *args) -> tuple[int, str, str]:
    """One command through cli.main in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def commands(w: dict) -> list[tuple]:
    """Every read command with the inputs worth telling apart; the bool says whether the quick path answers."""
    found = [
        (True, "establishments", "search", "王记"), (True, "establishments", "search", "wjzdp"),
        (True, "establishments", "search", "张三 餐馆"), (True, "establishments", "search", "JY1120119"),
        (True, "establishments", "search", "92140702MA"), (True, "establishments", "search", "0000017"),
        (True, "establishments", "search", "火星餐厅"), (True, "establishments", "search", " "),
        (True, "establishments", "search", "馆", "--township", "渔阳", "--category", "catering", "--limit", "1"),
        (True, "establishments", "search", "王记", "--township", "120119100"),
        (True, "establishments", "show", w["restaurant"]), (True, "establishments", "show", w["shop"]),
        (True, "establishments", "show", w["twin"].replace("-", "").upper()),
        (True, "forms", "list"), (True, "forms", "show", "catering"),
        (True, "forms", "show", "school_canteen", "--version", "1"),
        (True, "show", "inspection", w["finalized"]), (True, "show", "inspection", w["amendment"]),
        (True, "show", "inspection", w["draft"]), (True, "show", "inspection", w["merged_inspection"]),
        (True, "verify", w["token"]), (True, "verify", w["url"]), (True, "verify", w["token"][:-6] + "AAAAAA"),
        (True, "verify", "not a token"), (True, "sync", "status"),
        (True, "establishments", "search", "店", "--limit", "0"), (True, "establishments", "show", "nope"),
        (True, "show", "inspection", "12345"),
    ]
    missing = [  # the quick path has no answer: the ORM path says why
        (False, "establishments", "search", "店", "--township", "火星"),
        (False, "establishments", "search", "店", "--township", "东"),
        (False, "establishments", "show", "01a23557fb8a77d2bb85a676ffffffff"),
        (False, "forms", "show", "catering", "--version", "9"), (False, "forms", "show", "nope"),
        (False, "show", "inspection", "01a23557fb8a77d2bb85a676ffffffff"),
    ]
    return found + missing


def test_both_paths_print_the_same_bytes(world, monkeypatch):
    def no_orm(path):
        raise AssertionError(f"the quick path should have answered, not open_store({path})")

    for quick, *argv in commands(world):
        for output in ([], ["--json"]):
            monkeypatch.setenv("INSPECTOR_READS", "orm")
            expected = call(world["root"], *argv, *output)
            monkeypatch.delenv("INSPECTOR_READS")
            with monkeypatch.context() as patch:
                if quick:
                    patch.setattr(db, "open_store", no_orm)
                got = call(world["root"], *argv, *output)
            assert got == expected, (argv, output)


def test_what_the_commands_show(world):
    """The shared answers are right, not just equal: history follows a merge, a draft is live."""
    show = json.loads(call(world["root"], "establishments", "show", world["shop"], "--json")[1])
    assert [i["id"] for i in show["inspections"]] == [world["merged_inspection"], world["draft"]]
    assert list(show)[:3] == ["id", "created_at", "updated_at"] and show["created_at"].endswith("Z")
    assert show["township"] == "渔阳镇" and show["provisional"] is False
    draft = json.loads(call(world["root"], "show", "inspection", world["draft"], "--json")[1])
    assert draft["status"] == "draft" and draft["result"] and "1.1" in draft["failed_general_items"]
    assert draft["missing_items"] and "1.1" not in draft["missing_items"] and draft["hazard"] is True
    assert [(k, a["value"]) for k, a in draft["answers"].items() if a["note"] == "冷冻柜"] == [
        (k, -20) for k in draft["answers"] if k != "1.1"]
    final = json.loads(call(world["root"], "show", "inspection", world["finalized"], "--json")[1])
    failed = final["failed_key_items"] + final["failed_general_items"]
    assert sorted(failed) == ["2.1", "4.2"] and final["not_applicable_items"] == ["6.3"]
    photos = [e for e in final["evidence"] if e["role"] == "photo"]
    assert sorted(p["item_id"] for p in photos) == ["2.1", "4.2"]  # 4.2's photo came with signing
    assert final["orders"][0]["failed_items"] == ["2.1"] and final["result"] == "basically_compliant"
    assert final["treatments"] == {"4.2": "case", "2.1": "order"} and final["case_filing"]  # Order 49 Arts. 32-33
    code, out, _ = call(world["root"], "verify", world["token"], "--json")
    verdict = json.loads(out)
    assert code == 0 and verdict["valid"] and verdict["number"] == final["orders"][0]["number"]
    assert verdict["current"] is False and verdict["superseded_by"] == world["amendment"]
    code, _, err = call(world["root"], "establishments", "search", "店", "--limit", "0", "--json")
    assert code == 1 and json.loads(err)["code"] == "register.bad_limit"


def subprocess_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("INSPECTOR_HOME", "INSPECTOR_READS")}
    # This checkout's code, not whatever the virtualenv has installed.
    return {**env, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", **extra}


PROBE = """
import json, sys
from inspector_app.cli import main
code = main(sys.argv[2:])
sys.stdout.flush()
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted({name.split(".")[0] for name in sys.modules})}, out)
"""


def probe(tmp_path, data_dir, *args, **env) -> dict:
    """Run one command in a fresh interpreter; returns its exit code and the top-level modules it loaded."""
    report = tmp_path / "modules.json"
    result = subprocess.run([sys.executable, "-c", PROBE, str(report), "--data-dir", str(data_dir), *args],
                            capture_output=True, text=True, encoding="utf-8", env=subprocess_env(**env),
                            cwd=tmp_path, timeout=120)
    assert report.exists(), result.stderr
    return {**json.loads(report.read_text()), "out": result.stdout, "err": result.stderr}


def test_the_quick_path_loads_no_orm(world, tmp_path):
    for argv in (("establishments", "search", "王记", "--township", "渔阳"), ("establishments", "show", world["shop"]),
                 ("forms", "list"), ("forms", "show", "school_canteen"), ("show", "inspection", world["draft"]),
                 ("verify", world["url"]), ("sync", "status")):
        run = probe(tmp_path, world["root"], *argv, "--json")
        assert run["code"] == 0 and json.loads(run["out"]), (argv, run["err"])
        assert not set(run["modules"]) & set(ORM_ONLY + FILE_READERS), (argv, run["err"])
    forced = probe(tmp_path, world["root"], "forms", "list", "--json", INSPECTOR_READS="orm")
    assert {"sqlalchemy", "sqlmodel", "pydantic"} <= set(forced["modules"])  # the probe can tell


def test_a_store_to_migrate_takes_the_orm_path_first(tmp_path):
    store_file = AppPaths.at(tmp_path).database
    engine = db.make_engine(store_file)
    from alembic.script import ScriptDirectory

    from inspector_app.core.migrate import alembic_config, upgrade
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(HEAD).down_revision  # ids need not count
    upgrade(engine, previous)
    engine.dispose()
    run = probe(tmp_path, tmp_path, "sync", "status", "--json")
    assert run["code"] == 0 and "sqlalchemy" in run["modules"], run["err"]
    assert json.loads(run["out"])["pending"] == 0
    with closing(sqlite3.connect(store_file)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    again = probe(tmp_path, tmp_path, "sync", "status", "--json")
    assert again["out"] == run["out"] and "sqlalchemy" not in again["modules"]


def test_a_file_that_is_no_store_is_explained_by_the_orm_path(tmp_path):
    AppPaths.at(tmp_path).database.write_bytes(b"not a database, just bytes " * 100)
    code, _, err = call(tmp_path, "forms", "list", "--json")
    assert code == 1 and json.loads(err)["error"] == "store_error"
    code, _, err = call(tmp_path / "empty", "forms", "list", "--json")
    assert code == 1 and json.loads(err)["code"] == "store.missing"


def test_a_writer_holding_the_store_neither_blocks_nor_shows_half_a_change(world, tmp_path):
    """The desktop keeps the store open and writes while a script reads; WAL lets both work."""
    folder = tmp_path / "data"
    shutil.copytree(world["root"], folder)
    store = db.open_store(AppPaths.at(folder).database)
    try:
        with store.write() as session:
            make_establishment(session, name="鳜鱼坊")
            session.flush()
            reader = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(folder),
                                     "establishments", "search", "鳜鱼坊", "--json"], capture_output=True, text=True,
                                    encoding="utf-8", env=subprocess_env(), cwd=tmp_path, timeout=60)
            assert reader.returncode == 0 and json.loads(reader.stdout) == [], reader.stderr  # not committed yet
        code, out, _ = call(folder, "establishments", "search", "鳜鱼坊", "--json")
        assert code == 0 and [hit["name"] for hit in json.loads(out)] == ["鳜鱼坊"]
        with store.write() as session:  # the reads left the store writable and whole
            establishments.update(session, json.loads(out)[0]["id"], name="鳜鱼坊二店")
    finally:
        store.close()
    with closing(sqlite3.connect(AppPaths.at(folder).database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM establishment WHERE name = '鳜鱼坊二店'").fetchone()[0] == 1
