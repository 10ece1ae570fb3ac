"""`inspector inspect --finalize | --amends --as USER`: acting in an inspector's name needs that inspector.

Before, anyone with the data folder finalized or amended in any inspector's
name. Now the command names who acts (a user id or credential number), who
must be one of the record's inspectors, active, and give their password
where they have one (argon2, as the desktop's sign-in checks it): on
standard input with --password-stdin, or typed at a terminal prompt. Every
refusal exits 1 and leaves the data folder byte for byte as it was; the
acting user is the actor of every audit row the command writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cli_calls import rows
from factories import photo_png, signature_png

from inspector_app import cli
from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "wang-fang-2026"


def call(data: Path, *args, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--data-dir", str(data), *map(str, args)])
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def ok(data: Path, *args, stdin: str = "") -> dict:
    code, out, err = call(data, *args, "--json", stdin=stdin)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, dict]:
    """李明 (no password), 王芳 (a password), 陈刚 (a third inspector), 赵静 (a clerk), one restaurant."""
    data = tmp_path_factory.mktemp("acting") / "data"
    ok(data, "init")
    people = {"li": ok(data, "users", "add", "--name", "李明", "--role", "inspector", "--credential", "12011900001"),
              "wang": ok(data, "users", "add", "--name", "王芳", "--role", "inspector", "--credential", "12011900002",
                         "--password-stdin", stdin=PASSWORD + "\n"),
              "chen": ok(data, "users", "add", "--name", "陈刚", "--role", "inspector", "--credential", "12011900004"),
              "clerk": ok(data, "users", "add", "--name", "赵静", "--role", "clerk", "--credential", "12011900003")}
    ids = {key: person["id"] for key, person in people.items()}
    ids["shop"] = ok(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
                     "--township", "渔阳镇")["id"]
    return data, ids


@pytest.fixture
def world(base, tmp_path) -> tuple[Path, dict, Path]:
    data, ids = base
    shutil.copytree(data, tmp_path / "data")
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    items = {i: {"answer": "pass"} for i, item in catering.items.items() if item.kind == "check"}
    items["4.2"] = {"answer": "fail", "note": "两名厨师无健康证明", "photos": ["photo.png"]}
    items["2.1"] = {"answer": "fail", "note": "许可证未悬挂"}  # a general item: the order lists it (4.2 is a case)
    for name, png in [("photo.png", photo_png()), *((f"s{n}.png", signature_png(n)) for n in (1, 2, 3))]:
        (tmp_path / name).write_bytes(png)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"items": items, "signatures": {"inspectors": ["s1.png", "s2.png"],
                                                                  "operator": "s3.png"}}), encoding="utf-8")
    return tmp_path / "data", ids, answers


def inspect(world, *flags, team=("li", "wang")) -> list:
    _data, ids, answers = world
    who = [arg for key in team for arg in ("--inspector", ids[key])]
    return ["inspect", "--establishment", ids["shop"], "--form", "catering", *who, "--answers", answers, *flags]


def folder_bytes(data: Path) -> dict[str, str]:
    """SHA-256 of every file in the data folder (the store, blobs, keys): equal means untouched. The WAL
    is folded into the store first, so only what was committed counts, not when SQLite checkpointed it."""
    connection = sqlite3.connect(data / "inspector.sqlite3")
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return {str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data.rglob("*")) if p.is_file() and not p.name.endswith(("-shm", "-wal"))}


def refused(world, args, *, stdin: str = "") -> dict:
    """Run a command that must be refused: exit 1, nothing on stdout, the folder untouched; its JSON error."""
    data = world[0]
    before = folder_bytes(data)
    code, out, err = call(data, *args, "--json", stdin=stdin)
    assert (code, out) == (1, ""), err
    assert folder_bytes(data) == before
    return json.loads(err)


def test_finalize_without_as_is_refused_and_says_what_to_add(world):
    error = refused(world, inspect(world, "--finalize"))
    assert error["code"] == "auth.as_required" and "--as" in error["message"]


def test_amending_without_as_is_refused(world):
    data, ids, _ = world
    first = ok(data, *inspect(world, "--finalize", "--as", ids["li"]))
    for flags in (("--amends", first["id"]), ("--amends", first["id"], "--finalize")):
        assert refused(world, inspect(world, *flags))["code"] == "auth.as_required"


@pytest.mark.parametrize("who, code", [
    ("chen", "auth.not_an_inspector"),          # an inspector, but not of this inspection
    ("clerk", "auth.not_an_inspector"),
    ("12011909999", "auth.no_such_user"),        # no such credential number
    ("0190a000-0000-7000-8000-000000000001", "auth.no_such_user"),
])
def test_only_one_of_the_inspections_inspectors_may_act(world, who, code):
    _data, ids, _ = world
    error = refused(world, inspect(world, "--finalize", "--as", ids.get(who, who)))
    assert error["code"] == code


def test_an_amendment_is_finalized_by_one_of_its_own_inspectors(world):
    data, ids, _ = world
    first = ok(data, *inspect(world, "--finalize", "--as", ids["li"]))
    amend = inspect(world, "--amends", first["id"], "--finalize", "--as", ids["li"], team=("chen", "wang"))
    assert refused(world, amend)["code"] == "auth.not_an_inspector"  # 李明 inspected the first, not this one
    amended = ok(data, *inspect(world, "--amends", first["id"], "--finalize", "--as", "12011900004",
                                team=("chen", "wang")))
    assert amended["status"] == "finalized" and amended["amends_id"] == first["id"]


def test_the_acting_user_is_the_actor_of_every_audit_row(world):
    data, ids, _ = world
    before = rows(data, "SELECT max(seq) FROM audit_log")[0][0]
    final = ok(data, *inspect(world, "--finalize", "--as", "1201 1900 001"))  # a credential, spaces as typed
    assert final["status"] == "finalized" and final["orders"]
    written = rows(data, "SELECT action, actor_id FROM audit_log WHERE seq > ?", before)
    assert {"inspection.start", "evidence.attach", "inspection.finalize", "order.issue"} <= {a for a, _ in written}
    assert {actor for _, actor in written} == {uuid.UUID(ids["li"]).hex}


def test_a_user_with_a_password_gives_it_on_standard_input(world):
    data, ids, _ = world
    final = ok(data, *inspect(world, "--finalize", "--as", ids["wang"], "--password-stdin"), stdin=PASSWORD + "\n")
    assert final["status"] == "finalized"
    assert {actor for (actor,) in rows(data, "SELECT DISTINCT actor_id FROM audit_log WHERE entity_id = ?",
                                       final["id"])} == {uuid.UUID(ids["wang"]).hex}


@pytest.mark.parametrize("flags, stdin, code", [
    (("--password-stdin",), "not-her-password\n", "auth.wrong_password"),
    (("--password-stdin",), PASSWORD.upper() + "\n", "auth.wrong_password"),
    (("--password-stdin",), "\n", "cli.no_password_on_stdin"),
    ((), PASSWORD + "\n", "auth.password_not_given"),  # not a terminal, and not asked to read stdin
], ids=["wrong", "wrong-case", "empty", "no-way-to-ask"])
def test_a_wrong_or_missing_password_is_refused(world, flags, stdin, code):
    _data, ids, _ = world
    for extra in (("--finalize",), ()):  # a draft in her name needs her password too
        error = refused(world, inspect(world, *extra, "--as", ids["wang"], *flags), stdin=stdin)
        assert error["code"] == code and error["field"] == "password"
        if code != "cli.no_password_on_stdin":
            assert "王芳" in error["message"]


def test_a_draft_needs_no_one_to_act(world):
    data, _ids, _ = world
    assert ok(data, *inspect(world))["status"] == "draft"


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_on_a_terminal_the_password_is_asked_for(world):
    """With no --password-stdin, a terminal gets a prompt (getpass reads the controlling terminal)."""
    import pty
    data, ids, _ = world

    def run(password: str) -> tuple[int, str]:
        leader, follower = pty.openpty()

        def own_terminal():  # a new session whose controlling terminal is the pty, as a login shell has
            import fcntl
            import termios
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
        argv = [sys.executable, "-m", "inspector_app", "--data-dir", str(data),
                *map(str, inspect(world, "--finalize", "--as", ids["wang"])), "--json"]
        proc = subprocess.Popen(argv, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, cwd=ROOT, preexec_fn=own_terminal)
        os.close(follower)
        seen = b""
        while b"Password for" not in seen:
            chunk = os.read(leader, 1024)
            assert chunk, "no prompt"
            seen += chunk
        os.write(leader, password.encode() + b"\n")
        out, err = proc.communicate(timeout=60)
        os.close(leader)
        assert "王芳" in seen.decode("utf-8", "replace")
        return proc.returncode, (out or err).decode()

    before = folder_bytes(data)
    code, text = run("not-her-password")
    assert code == 1 and json.loads(text)["code"] == "auth.wrong_password"
    assert folder_bytes(data) == before
    code, text = run(PASSWORD)
    assert code == 0 and json.loads(text)["status"] == "finalized"
