"""The `inspector` command end to end: the issue's contract, run as a real subprocess.

One data folder is initialized once per module (init twice, two inspectors,
a clerk and a small register) and copied for every test that writes, so each
test starts from the same store. Bad input must exit non-zero with a message
naming the culprit and leave the store byte-for-byte as it was.

The main flow runs `python -m inspector_app` in a subprocess. The long list of
bad-input cases and the draft twins of each scenario call `cli.main(argv)`
in-process to keep the file fast; set INSPECTOR_CLI_SUBPROCESS=1 to run them
as subprocesses too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml
from factories import photo_png, signature_png

from inspector_app import cli
from inspector_app.core import catalog, checklists
from inspector_app.core.db import open_store
from inspector_app.core.paths import forms_dir
from inspector_app.core.rules import RULES
from inspector_app.core.workdays import WorkCalendar

LICENCE = "JY21201190012345"
CREDIT_CODE = "92140702MA0K2AX62M"
RESTAURANT = "张三餐馆"
ALL_SUBPROCESS = os.environ.get("INSPECTOR_CLI_SUBPROCESS") == "1"


# Running the command

@dataclass
class Result:
    code: int
    out: str
    err: str
    argv: list = field(default_factory=list)

    def json(self):
        assert self.code == 0, f"{self.argv} failed ({self.code}): {self.err}"
        return json.loads(self.out)

    def error_json(self) -> dict:
        return json.loads(self.err)


def _env(home=None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "INSPECTOR_HOME"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)  # this checkout's code, not the installed one
    if home is not None:
        env["INSPECTOR_HOME"] = str(home)
    return env


def start(data_dir, *args, stdin: str | None = None, home=None):
    """Start `python -m inspector_app [--data-dir DIR] ARGS`; returns a function that waits for it."""
    argv = [sys.executable, "-m", "inspector_app"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    argv += [str(a) for a in args]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=_env(home),
                            cwd=Path(data_dir or home or ".").parent)

    def finish() -> Result:
        out, err = proc.communicate(stdin, timeout=120)
        return Result(proc.returncode, out, err, argv)
    return finish


def run(data_dir, *args, stdin: str | None = None, home=None) -> Result:
    """The command in a subprocess, as a script would run it."""
    return start(data_dir, *args, stdin=stdin, home=home)()


def call(data_dir, *args, stdin: str | None = None) -> Result:
    """The same command through `cli.main(argv)` in this process."""
    if ALL_SUBPROCESS:
        return run(data_dir, *args, stdin=stdin)
    argv = ["--data-dir", str(data_dir), *map(str, args)]
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    return Result(code, out.getvalue(), err.getvalue(), argv)


# Looking at the store without the app

def database(data_dir) -> Path:
    return Path(data_dir) / "inspector.sqlite3"


def read_only(data_dir) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database(data_dir)}?mode=ro", uri=True)


def query(data_dir, sql: str, *params):
    con = read_only(data_dir)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def counts(data_dir, tables=("inspection", "inspection_inspector", "answer", "rectification_order",
                             "outbox", "audit_log", "establishment", "user")) -> dict[str, int]:
    con = read_only(data_dir)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def fingerprint(data_dir) -> dict[str, tuple[int, str]]:
    """(row count, hash of every row) for every ordinary table, FTS shadow tables included."""
    con = read_only(data_dir)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        out = {}
        for table in tables:
            rows = sorted(repr(row) for row in con.execute(f'SELECT * FROM "{table}"'))
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return out
    finally:
        con.close()


# The module's data folder

@dataclass
class World:
    base: Path
    shipped: list[str]
    inits: list[Result]
    init_counts: list[dict]
    township: str
    village: str | None
    users: list[Result]
    inspectors: list[str]
    clerk: str
    restaurant: Result
    restaurant_id: str
    ids: dict[str, str]
    catering: dict
    checklist: checklists.Checklist

    @property
    def key_items(self) -> list[str]:
        return [i["id"] for i in self.catering["items"] if i["key"]]

    @property
    def general_items(self) -> list[str]:
        return [i["id"] for i in self.catering["items"] if not i["key"]]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    base = tmp_path_factory.mktemp("cli") / "data"
    shipped = sorted(f"{c.id}.v{c.version}" for c in checklists.load_directory(forms_dir()))
    inits, init_counts = [], []
    for _ in range(2):
        inits.append(run(base, "init", "--json"))
        assert inits[-1].code == 0, inits[-1].err
        init_counts.append(fingerprint_counts(base))

    townships = call(base, "areas", "list", "--villages", "--json").json()
    assert townships, "init must create the district's townships"
    town = next((t for t in townships if t["villages"]), townships[0])
    village = town["villages"][0] if town["villages"] else None

    # Independent commands run side by side (writers queue on SQLite's lock) to save time.
    pending = [start(base, "users", "add", "--name", "李明", "--role", "inspector", "--credential", "12011900001",
                     "--json"),
               start(base, "users", "add", "--name", "王芳", "--role", "inspector", "--credential", "12011900002",
                     "--password-stdin", "--json", stdin="s3cret-pass\n"),
               start(base, "establishments", "add", "--name", RESTAURANT, "--category", "catering",
                     "--township", town["name"], *(["--village", village] if village else []),
                     "--licence", LICENCE, "--credit-code", CREDIT_CODE, "--address", "东关大街12号",
                     "--phone", "022-29141234", "--legal-rep", "张三", "--json"),
               start(base, "forms", "show", "catering", "--json")]
    *users, restaurant, catering = [finish() for finish in pending]
    inspectors = [u.json()["id"] for u in users]
    catering = catering.json()
    clerk = call(base, "users", "add", "--name", "赵静", "--role", "clerk", "--credential", "12011900003",
                 "--json").json()["id"]
    ids = {RESTAURANT: restaurant.json()["id"]}
    for name, category, licence in [("张三烧烤", "catering", "JY21201190020002"),
                                    ("张记包子铺", "catering", None),
                                    ("李记面馆", "catering", "JY21201190030007"),
                                    ("王五超市", "food_sales", "JY11201190040001")]:
        extra = ["--licence", licence] if licence else []
        ids[name] = call(base, "establishments", "add", "--name", name, "--category", category,
                         "--township", town["code"], *extra, "--json").json()["id"]

    store = open_store(database(base))
    with store.session() as session:
        checklist = catalog.get(session, "catering")  # the installed version, for rectification periods
    store.close()
    return World(base=base, shipped=shipped, inits=inits, init_counts=init_counts, township=town["name"],
                 village=village, users=users, inspectors=inspectors, clerk=clerk, restaurant=restaurant,
                 restaurant_id=ids[RESTAURANT], ids=ids, catering=catering, checklist=checklist)


def fingerprint_counts(data_dir) -> dict[str, int]:
    return {table: count for table, (count, _) in fingerprint(data_dir).items()}


@pytest.fixture
def data(world, tmp_path) -> Path:
    """A private copy of the module's initialized data folder."""
    copy = tmp_path / "data"
    shutil.copytree(world.base, copy)
    open_store(database(copy)).close()  # migrations (if any landed since) run now, not in the command
    return copy


def answers_file(path: Path, world: World, *, key_fail=0, general=(23, 0, 0), skip=(), extra=None) -> Path:
    """Catering answers: the first `key_fail` key items fail, the rest pass; general items are
    split (passed, failed, na) in order; items in `skip` are left out. Failed items the checklist
    wants photographed get a photo, and everyone signs (finalizing needs both)."""
    passed, failed, na = general
    assert passed + failed + na == len(world.general_items)
    items = {}
    for n, item_id in enumerate(world.key_items):
        items[item_id] = {"answer": "fail" if n < key_fail else "pass"}
    for n, item_id in enumerate(world.general_items):
        items[item_id] = {"answer": "pass" if n < passed else "fail" if n < passed + failed else "na"}
    for item_id in skip:
        items.pop(item_id)
    photographed = {i["id"] for i in world.catering["items"] if i["evidence_on_fail"]}
    for item_id, entry in items.items():
        if entry["answer"] == "fail" and item_id in photographed:
            entry["photos"] = ["photo.png"]
    items.update(extra or {})
    for name, png in [("photo.png", photo_png()), *((f"sign{n}.png", signature_png(n)) for n in (1, 2, 3))]:
        (path.parent / name).write_bytes(png)
    signatures = {"inspectors": ["sign1.png", "sign2.png"], "operator": "sign3.png"}
    path.write_text(json.dumps({"items": items, "signatures": signatures}, ensure_ascii=False), encoding="utf-8")
    return path


def inspect_args(world: World, answers: Path, *extra, establishment=None) -> list:
    return ["inspect", "--establishment", establishment or world.restaurant_id, "--form", "catering",
            "--inspector", world.inspectors[0], "--inspector", world.inspectors[1],
            "--answers", answers, "--as", world.inspectors[0], *extra]  # 李明 has no password


# Init, users, establishments

def test_init_twice_is_fine_and_installs_every_shipped_form_once(world):
    first, second = (r.json() for r in world.inits)
    assert sorted(first["installed_forms"]) == world.shipped
    assert second["installed_forms"] == []
    assert first["device_id"] == second["device_id"]
    assert Path(first["data_dir"]) == world.base.resolve()
    assert world.init_counts[0] == world.init_counts[1], "a second init must not add rows"
    assert world.init_counts[0]["checklist"] == len(world.shipped)


def test_users_add_returns_distinct_ids_and_hashes_a_password_from_stdin(world):
    first, second = (r.json() for r in world.users)
    assert [uuid.UUID(first["id"]), uuid.UUID(second["id"])] and first["id"] != second["id"]
    assert (first["role"], second["role"]) == ("inspector", "inspector")
    hashes = dict(query(world.base, "SELECT credential_no, password_hash FROM user"))
    assert hashes["12011900001"] is None
    assert hashes["12011900002"].startswith("$argon2") and "s3cret-pass" not in hashes["12011900002"]


def test_establishment_add_keeps_licence_and_credit_code(world):
    data = world.restaurant.json()
    assert uuid.UUID(data["id"])
    assert (data["licence_no"], data["credit_code"]) == (LICENCE, CREDIT_CODE)
    [(name, category, licence, kind, code, provisional, town)] = query(
        world.base, "SELECT e.name, e.category, e.licence_no, e.licence_type, e.credit_code, e.provisional, "
                    "t.name FROM establishment e JOIN area t ON t.id = e.township_id WHERE e.licence_no = ?",
        LICENCE)
    assert (name, category, licence, kind, code, provisional, town) == \
        (RESTAURANT, "catering", LICENCE, "JY", CREDIT_CODE, 0, world.township)


@pytest.mark.parametrize("category, typed, number, kind", [
    ("stall", "津蓟摊备〔2023〕0012号", "津蓟摊备〔2023〕0012号", "备案"),
    ("workshop", "津蓟小作坊 2024-0031", "津蓟小作坊2024-0031", "登记证"),
])
def test_stall_and_workshop_register_with_their_papers(world, data, category, typed, number, kind):
    """Issue 12: the licence field takes a stall's 备案证明 and a workshop's 登记证 number, and the keeper's ID."""
    added = call(data, "establishments", "add", "--name", "李记小吃", "--category", category,
                 "--township", world.township, "--licence", typed, "--id-number", "120101 19900307 1235", "--json")
    assert added.code == 0, added.err
    shown = call(data, "establishments", "show", added.json()["id"], "--json").json()
    assert (shown["category"], shown["licence_no"], shown["licence_type"], shown["responsible_id_no"]) == \
        (category, number, kind, "120101199003071235")


# Search

@pytest.mark.parametrize("query_text, expected, command", [
    ("张三餐馆", [RESTAURANT], run),
    ("zscg", [RESTAURANT], run),
    ("ZSCG", [RESTAURANT], call),
    ("JY2120119001", [RESTAURANT], call),
    ("jy2120119001", [RESTAURANT], call),
    (CREDIT_CODE, [RESTAURANT], call),
    ("张三", [RESTAURANT, "张三烧烤"], call),
    ("张三 烧烤", ["张三烧烤"], call),
    ("没有这家店", [], call),
], ids=["chinese-name", "initials", "initials-upper", "licence-prefix", "licence-lower", "credit-code",
        "two-chars", "two-words", "no-hit"])
def test_search_finds_by_name_initials_licence_and_credit_code(world, query_text, expected, command):
    hits = command(world.base, "establishments", "search", query_text, "--json").json()
    assert sorted(h["name"] for h in hits) == sorted(expected)
    for hit in hits:
        assert {"id", "name", "category", "township"} <= set(hit)
        assert hit["id"] == world.ids[hit["name"]]
    if expected == [RESTAURANT]:
        assert hits[0]["township"] == world.township and hits[0]["category"] == "catering"


def test_search_limit_caps_the_hits(world):
    every = call(world.base, "establishments", "search", "张", "--json").json()
    assert {h["name"] for h in every} == {RESTAURANT, "张三烧烤", "张记包子铺"}
    limited = call(world.base, "establishments", "search", "张", "--limit", "2", "--json").json()
    assert len(limited) == 2 and {h["id"] for h in limited} <= {h["id"] for h in every}


# Forms

def newest_versions(shipped: list[str]) -> dict[str, int]:
    """Each shipped form's newest version: what `forms list` shows and what new inspections use."""
    newest: dict[str, int] = {}
    for name in shipped:
        form_id, version = name.rsplit(".v", 1)
        newest[form_id] = max(newest.get(form_id, 0), int(version))
    return newest


def test_forms_list_shows_the_newest_version_of_every_shipped_form(world):
    rows = run(world.base, "forms", "list", "--json").json()
    assert {r["id"]: r["version"] for r in rows} == newest_versions(world.shipped)
    assert len(rows) == len(newest_versions(world.shipped))
    for row in rows:
        assert isinstance(row["version"], int) and row["title"] and row["categories"]
    catering = next(r for r in rows if r["id"] == "catering")
    assert "catering" in catering["categories"]


def test_forms_show_catering_has_30_items_7_key_all_checks(world):
    form = world.catering
    assert (form["id"], form["version"]) == ("catering", newest_versions(world.shipped)["catering"])
    assert form["rule"]["name"] == "ratio_2016"
    assert form["rule"]["params"] == {"general_pass_rate_min": 0.7, "key_failures_max": 1}
    items = form["items"]
    assert len(items) == 30 and len({i["id"] for i in items}) == 30
    assert sum(i["key"] is True for i in items) == 7
    assert all(i["key"] in (True, False) for i in items)
    assert {i["kind"] for i in items} == {"check"}
    assert all(i["section"] and i["id"].startswith(i["section"] + ".") for i in items)


def test_forms_show_gives_the_contract_shape_for_every_form(world):
    for row in call(world.base, "forms", "list", "--json").json():
        form = call(world.base, "forms", "show", row["id"], "--json").json()
        assert (form["id"], form["version"]) == (row["id"], row["version"])
        assert form["rule"]["name"] in RULES and isinstance(form["rule"]["params"], dict)
        assert form["items"], row["id"]
        for item in form["items"]:
            assert {"id", "section", "kind", "key"} <= set(item)
            assert item["kind"] in checklists.ITEM_KINDS and item["key"] in (True, False)
        assert len({i["id"] for i in form["items"]}) == len(form["items"])
        assert sum(i["kind"] == "check" for i in form["items"]) >= len(form["items"]) // 2


def test_forms_validate_accepts_a_shipped_file(world):
    data = call(world.base, "forms", "validate", forms_dir() / "catering.v1.yaml", "--json").json()
    assert (data["valid"], data["id"], data["version"], data["items"], data["key_items"]) == \
        (True, "catering", 1, 30, 7)


@pytest.mark.parametrize("breakage, culprit, command", [
    (lambda item: item.update(kind="checkbox"), "kind", run),
    (lambda item: item.update(rectify_days=-3), "rectify_days", call),
], ids=["unknown-kind", "negative-rectify-days"])
def test_forms_validate_names_the_file_and_the_item_of_a_broken_form(world, tmp_path, breakage, culprit,
                                                                      command):
    document = yaml.safe_load((forms_dir() / "catering.v1.yaml").read_text(encoding="utf-8"))
    section = next(s for s in document["sections"] if s["id"] == "4")
    breakage(section["items"][0])
    broken = tmp_path / "catering.v1.yaml"
    broken.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = command(world.base, "forms", "validate", broken)
    assert result.code != 0 and result.out == ""
    assert "catering.v1.yaml" in result.err and "item 4.1" in result.err and culprit in result.err
    assert "Traceback" not in result.err


def test_forms_validate_reports_bad_yaml_syntax(world, tmp_path):
    broken = tmp_path / "broken.v1.yaml"
    broken.write_text("id: broken\nsections: [\n  - {id: 1\n", encoding="utf-8")
    result = call(world.base, "forms", "validate", broken)
    assert result.code != 0 and "broken.v1.yaml" in result.err and "YAML" in result.err


# Inspections

SCENARIOS = {
    # name: (key fails, general (passed, failed, na), hazard) → (result, handling, case_filing, rate)
    # The first three finalize in a subprocess, the others in-process (see module docstring).
    # Order 49 Art. 31 ¶2: the hazard mark stops operations whatever the result; Art. 32: a failed key item
    # proposes a case whatever the result, and only general items reach the written order (Art. 33 ¶2).
    "compliant": ((0, (23, 0, 0), False), ("compliant", "pass", False, 1.0)),
    "one-key-fail": ((1, (23, 0, 0), False), ("basically_compliant", "rectify", True, 1.0)),
    "hazard-stops": ((2, (23, 0, 0), True), ("non_compliant", "stop", True, 1.0)),
    "rate-exactly-70": ((0, (7, 3, 13), False), ("basically_compliant", "rectify", False, 0.7)),
    "two-key-fails": ((2, (23, 0, 0), False), ("non_compliant", "rectify", True, 1.0)),
    "rate-70-and-one-key-fail": ((1, (14, 6, 3), False), ("basically_compliant", "rectify", True, 0.7)),
    "rate-below-70": ((0, (13, 6, 4), False), ("non_compliant", "rectify", False, round(13 / 19, 4))),
    "hazard-when-compliant-stops": ((0, (23, 0, 0), True), ("compliant", "stop", False, 1.0)),
}


def expected_deadline(world: World, failed: list[str]) -> str | None:
    if not failed:
        return None
    checklist = world.checklist
    days = min(checklist.items[i].rectify_days if checklist.items[i].rectify_days is not None
               else checklist.default_rectify_days for i in failed)
    # working days, the first day not counted (行政处罚法 第八十五条; 民法典 第二百零一条): core/workdays.py
    return WorkCalendar().add_working_days(date.today(), days).date.isoformat()


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_inspect_finalize_gives_the_official_result(world, data, tmp_path, scenario):
    (key_fail, general, hazard), (result, handling, case_filing, rate) = SCENARIOS[scenario]
    note = {"answer": "pass", "note": "冷藏 3℃", "value": 3.0}
    answers = answers_file(tmp_path / "answers.json", world, key_fail=key_fail, general=general,
                           extra={"8.1": note} if general[0] == 23 else None)
    extra = ["--hazard"] if hazard else []

    draft = call(data, *inspect_args(world, answers, *extra), "--json").json()
    command = run if scenario in list(SCENARIOS)[:3] or ALL_SUBPROCESS else call
    final = command(data, *inspect_args(world, answers, *extra, "--finalize"), "--json").json()

    failed_key = world.key_items[:key_fail]
    failed_general = world.general_items[general[0]:general[0] + general[1]]
    for summary in (draft, final):
        assert (summary["result"], summary["handling"], summary["case_filing"]) == (result, handling, case_filing)
        assert summary["failed_key_items"] == failed_key
        assert summary["failed_general_items"] == failed_general
        assert summary["general_pass_rate"] == rate
        assert summary["rectification_deadline"] == expected_deadline(world, failed_general)
        assert summary["treatments"] == {**dict.fromkeys(failed_key, "case"), **dict.fromkeys(failed_general, "order")}
        assert summary["hazard"] is hazard
        assert [i["id"] for i in summary["inspectors"]] == world.inspectors
    assert draft["status"] == "draft" and final["status"] == "finalized"
    assert draft["id"] != final["id"]
    assert draft["orders"] == [] and draft["content_sha256"] is None
    assert final["content_sha256"] and final["finalized_at"]
    orders = final["orders"]
    if failed_general:
        assert [o["failed_items"] for o in orders] == [failed_general]
        assert orders[0]["deadline"] == final["rectification_deadline"]
    else:
        assert orders == []

    [(status, stored_result, stored_handling, stored_case)] = query(
        data, "SELECT status, result, handling, case_filing FROM inspection WHERE id = ?",
        uuid.UUID(final["id"]).hex)
    assert (status, stored_result, stored_handling, bool(stored_case)) == \
        ("finalized", result, handling, case_filing)

    shown = call(data, "show", "inspection", final["id"], "--json").json()
    assert {k: v for k, v in shown.items() if k != "answers"} == final
    assert len(shown["answers"]) == 30
    if general[0] == 23:
        assert shown["answers"]["8.1"] == note


def test_draft_then_show_inspection_in_subprocesses(world, data, tmp_path):
    answers = answers_file(tmp_path / "a.json", world, key_fail=1, skip=["9.1", "9.2"])
    draft = run(data, *inspect_args(world, answers), "--json").json()
    assert draft["status"] == "draft" and draft["result"] == "basically_compliant"
    assert draft["missing_items"] == ["9.1", "9.2"]
    shown = run(data, "show", "inspection", draft["id"], "--json").json()
    assert {k: v for k, v in shown.items() if k != "answers"} == draft
    assert set(shown["answers"]) == {i["id"] for i in world.catering["items"]} - {"9.1", "9.2"}
    assert counts(data)["inspection"] == 1 and counts(data)["answer"] == 28
    text = call(data, "show", "inspection", draft["id"])
    assert text.code == 0 and "基本符合" in text.out and draft["id"] in text.out


def test_inspector_home_sets_the_data_folder(world, data, tmp_path, monkeypatch):
    via_env = run(None, "forms", "list", "--json", home=data).json()
    via_flag = call(data, "forms", "list", "--json").json()
    assert via_env == via_flag and via_env
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "nowhere"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["forms", "list"])
    empty = Result(code, out.getvalue(), err.getvalue())
    assert empty.code != 0 and "nowhere" in empty.err and "inspector init" in empty.err


# Bad input: non-zero exit, a message naming the culprit, the store unchanged

def _bad_inspect(**kw):
    def build(world, tmp):
        answers = answers_file(tmp / "answers.json", world, **{k: v for k, v in kw.items()
                                                               if k in ("key_fail", "general", "skip", "extra")})
        return inspect_args(world, answers, *kw.get("flags", ()))
    return build


def _replace_inspectors(which):
    def build(world, tmp):
        args = inspect_args(world, answers_file(tmp / "answers.json", world))
        first = args.index("--inspector")
        del args[first:first + 4]
        for user in which(world):
            args[first:first] = ["--inspector", user]
        return args
    return build


def _raw_answers(content: str | None):
    def build(world, tmp):
        path = tmp / "answers.json"
        if content is not None:
            path.write_text(content, encoding="utf-8")
        return inspect_args(world, path)
    return build


def _other_category_form(world, tmp):
    rows = call(world.base, "forms", "list", "--json").json()
    others = [r["id"] for r in rows if "catering" not in r["categories"]]
    assert others, "need a shipped checklist that is not for catering"
    form = "slaughterhouse" if "slaughterhouse" in others else others[0]
    args = inspect_args(world, answers_file(tmp / "answers.json", world))
    args[args.index("catering")] = form
    return args


def _add_establishment(*extra, category="catering"):
    def build(world, tmp):
        return ["establishments", "add", "--name", "新开饭店", "--category", category,
                "--township", world.township, *extra]
    return build


BAD_CREDIT_CODE = CREDIT_CODE[:10] + "1" + CREDIT_CODE[11:]  # 0 → 1 at position 11
UNKNOWN_ID = "0190a000-0000-7000-8000-000000000001"

BAD_INPUT = {
    "unknown-item": (_bad_inspect(extra={"99.9": {"answer": "pass"}}), ["99.9"]),
    "invalid-answer": (_bad_inspect(extra={"4.1": {"answer": "maybe"}}), ["4.1", "maybe"]),
    "unknown-answer-key": (_bad_inspect(extra={"4.1": {"answer": "pass", "comment": "x"}}), ["4.1", "comment"]),
    "unknown-establishment": (lambda w, t: inspect_args(w, answers_file(t / "a.json", w),
                                                        establishment=UNKNOWN_ID), [UNKNOWN_ID]),
    "malformed-json": (_raw_answers('{"items": {"1.1": {"answer": "pass"},}'), ["answers.json", "JSON"]),
    "not-an-items-object": (_raw_answers('{"1.1": "pass"}'), ["items"]),
    "missing-answers-file": (_raw_answers(None), ["answers.json"]),
    "one-inspector": (_replace_inspectors(lambda w: [w.inspectors[0]]), ["2 inspectors", "1 given"]),
    "same-inspector-twice": (_replace_inspectors(
        lambda w: [w.inspectors[0], uuid.UUID(w.inspectors[0]).hex.upper()]), ["same inspector"]),
    "unknown-inspector": (_replace_inspectors(lambda w: [w.inspectors[0], UNKNOWN_ID]), [UNKNOWN_ID]),
    "clerk-as-inspector": (_replace_inspectors(lambda w: [w.inspectors[0], w.clerk]),
                           ["赵静", "not an active inspector"]),
    "unknown-form": (lambda w, t: [a if a != "catering" else "no_such_form"
                                   for a in inspect_args(w, answers_file(t / "a.json", w))], ["no_such_form"]),
    "form-for-another-category": (_other_category_form, ["catering", "checklist"]),
    "finalize-with-unanswered-items": (_bad_inspect(skip=["4.1", "9.3"], flags=["--finalize"]),
                                       ["4.1", "9.3", "2 item(s)"]),
    "credit-code-one-char-changed": (_add_establishment("--credit-code", BAD_CREDIT_CODE),
                                     [BAD_CREDIT_CODE, "check character"]),
    "licence-too-short": (_add_establishment("--licence", LICENCE[:-1]), [LICENCE[:-1], "14"]),
    "licence-wrong-prefix": (_add_establishment("--licence", "JX" + LICENCE[2:]), ["JX" + LICENCE[2:], "JY"]),
    "licence-already-registered": (_add_establishment("--licence", LICENCE), [LICENCE, RESTAURANT]),
    # issue 12: a stall's 备案证明 and a workshop's 登记证 (docs/registration-papers.md)
    "stall-filing-without-serial": (_add_establishment("--licence", "津蓟摊备字123", category="stall"),
                                    ["津蓟摊备字123", "filing certificate", "4 digits"]),
    "workshop-registration-stray-symbol": (_add_establishment("--licence", "津蓟#2024001", category="workshop"),
                                           ["津蓟#2024001", "workshop registration", "'#'"]),
    "stall-filing-under-catering": (_add_establishment("--licence", "津蓟摊备2023001"), ["津蓟摊备2023001", "JY"]),
    "keeper-id-check-character": (_add_establishment("--id-number", "120101199003071234", category="stall"),
                                  ["ID number", "check character"]),
    "unknown-township": (lambda w, t: ["establishments", "add", "--name", "新开饭店", "--category",
                                       "catering", "--township", "火星镇"], ["火星镇"]),
    "duplicate-credential": (lambda w, t: ["users", "add", "--name", "李明二", "--role", "inspector",
                                           "--credential", "12011900001"], ["12011900001"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_fails_cleanly_and_changes_nothing(world, data, tmp_path, case):
    build, culprits = BAD_INPUT[case]
    args = build(world, tmp_path)
    before_counts, before = counts(data), fingerprint(data)
    result = call(data, *args)
    assert result.code != 0, f"{case}: exit code 0, stdout {result.out!r}"
    assert result.out == ""
    assert result.err.startswith("inspector: ") and "Traceback" not in result.err
    for culprit in culprits:
        assert culprit in result.err, f"{case}: {culprit!r} not in {result.err!r}"
    assert counts(data) == before_counts
    assert fingerprint(data) == before


def test_bad_input_in_a_real_subprocess_with_json_errors(world, data, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text('{"items": {"1.1": {"answer": "pass"}', encoding="utf-8")
    before = fingerprint(data)
    result = run(data, *inspect_args(world, answers), "--json")
    assert result.code == 1 and result.out == ""
    error = result.error_json()
    assert error["error"] == "invalid" and error["field"] == "answers"
    assert "answers.json" in error["message"] and "JSON" in error["message"]
    assert fingerprint(data) == before

    answers = answers_file(answers, world, key_fail=2, skip=["5.1"])
    result = call(data, *inspect_args(world, answers, "--finalize"), "--json")
    assert result.code == 1 and result.out == ""
    error = result.error_json()
    assert error["error"] == "invalid" and "5.1" in error["message"]
    assert fingerprint(data) == before


def test_a_command_before_init_says_so_and_creates_nothing(tmp_path):
    empty = tmp_path / "fresh"
    result = run(empty, "users", "add", "--name", "李明", "--role", "inspector", "--credential", "1",
                 "--json")
    assert result.code == 1 and result.out == ""
    error = result.error_json()
    assert error["error"] == "store_error" and "inspector init" in error["message"]
    assert str(empty) in error["message"]
    assert not database(empty).exists()
    text = call(empty, "establishments", "search", "张")
    assert text.code == 1 and "inspector init" in text.err and not database(empty).exists()


def test_usage_errors_are_json_when_asked(tmp_path):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path), "inspect", "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert json.loads(done.stderr)["error"] == "usage"


def test_the_readme_states_the_exit_codes_the_command_returns(world, data, tmp_path):
    """0 done, 1 refused or failed, 2 the command line itself is wrong (argparse's convention): the
    README says so where it introduces the command, and the command does so."""
    from inspector_app.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    intro = readme[readme.index("## The `inspector` command"):readme.index("| command | what it does |")]
    assert "Exit codes" in intro
    stated = dict(re.findall(r"`(\d)` ([a-z][a-z ]+)", intro[intro.index("Exit codes"):]))
    assert stated.get(str(EXIT_OK), "").startswith("done")
    assert stated.get(str(EXIT_ERROR), "").startswith("refused")
    assert stated.get(str(EXIT_USAGE), "").startswith("usage")
    assert "exit code 1" not in intro.replace("\n", " ")  # not promised for every error
    assert call(data, "forms", "list").code == EXIT_OK
    assert call(data, "establishments", "show", UNKNOWN_ID).code == EXIT_ERROR
    for usage in (("inspect", "--json"), ("no-such-command",), ("forms", "list", "--no-such-option")):
        assert call(data, *usage).code == EXIT_USAGE


def test_an_empty_password_on_stdin_is_refused(tmp_path):
    import subprocess
    import sys
    base = [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path)]
    subprocess.run([*base, "init"], check=True, capture_output=True)
    done = subprocess.run([*base, "users", "add", "--name", "甲", "--role", "inspector", "--credential", "X1",
                           "--password-stdin"], input="\n", capture_output=True, text=True)
    assert done.returncode == 1 and "password" in done.stderr


def test_without_a_display_the_bare_command_explains_instead_of_crashing(tmp_path):
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 1 and "no display" in done.stderr


def test_a_password_can_be_set_later(tmp_path):
    import subprocess
    import sys
    base = [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path)]
    subprocess.run([*base, "init"], check=True, capture_output=True)
    added = subprocess.run([*base, "users", "add", "--name", "甲", "--role", "inspector", "--credential", "C9",
                            "--json"], check=True, capture_output=True, text=True)
    user_id = json.loads(added.stdout)["id"]
    done = subprocess.run([*base, "users", "passwd", "--user", user_id, "--password-stdin", "--json"],
                          input="secret-9\n", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    from inspector_app.core import users
    from inspector_app.core.db import open_store
    store = open_store(tmp_path / "inspector.sqlite3")
    with store.session() as session:
        assert users.authenticate(session, user_id, "secret-9")
        assert not users.authenticate(session, user_id, "wrong-pw")
    store.close()


def test_the_bare_command_opens_the_desktop_without_loading_the_core(monkeypatch):
    """`inspector` alone goes straight to the desktop app; every other command goes to the command line."""
    from inspector_app import launch
    assert launch.desktop_request([]) == (True, None)
    assert launch.desktop_request(["--data-dir", "/d", "gui"]) == (True, "/d")
    assert launch.desktop_request(["--data-dir=/d"]) == (True, "/d")
    assert launch.desktop_request(["gui", "--json"])[0] is False
    assert launch.desktop_request(["--data-dir", "/d", "forms", "list"])[0] is False
    code = ("import sys, inspector_app.gui.app as app; app.main = lambda data_dir=None: print(data_dir) or 0; "
            "from inspector_app import launch; code = launch.main(['--data-dir', 'X']); "
            "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'pydantic', 'cryptography') if m in sys.modules]; "
            "print(heavy); sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split("\n")
    assert out[:2] == ["X", "[]"]
