"""`inspector notice` and `inspector verify` end to end, as real subprocesses.

The store is built once per module in-process (init, two inspectors, a
restaurant, a finalized, a draft and a clean inspection). `notice` and
`verify` on the PDF, a PNG, the URL, the token and a tampered token run as
`python -m inspector_app` subprocesses; the refusals and reprint go through
cli.main in-process to keep the file fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from notice_helpers import pdf_pages_text, rasterize, signature_png

from inspector_app import cli
from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir

FAIL = ("2.1", "4.2")


def call(data_dir, *args) -> dict:
    """Set-up steps through cli.main in this process; returns the --json output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--data-dir", str(data_dir), *map(str, args), "--json"]) == 0
    return json.loads(out.getvalue())


def call_raw(data_dir, *args) -> tuple[int, str, str]:
    """A command through cli.main in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def start(data_dir, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("INSPECTOR_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "inspector_app", "--data-dir", str(data_dir), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)


def finish(proc) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def run(data_dir, *args) -> tuple[int, str, str]:
    return finish(start(data_dir, *args))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    data = root / "data"
    call(data, "init")
    inspectors = [call(data, "users", "add", "--name", name, "--role", "inspector", "--credential", cred)["id"]
                  for name, cred in (("李明", "12011900001"), ("王芳", "12011900002"))]
    shop = call(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
                "--township", "渔阳镇", "--licence", "JY21201190012345")["id"]
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    answers = {"items": {i: {"answer": "fail" if i in FAIL else "pass"} for i, item in catering.items.items()
                         if item.kind == "check"},
               "signatures": {"inspectors": ["s1.png", "s2.png"], "operator": "s3.png"}}
    answers["items"]["4.2"]["photos"] = ["photo.png"]  # the checklist wants failed 4.2 photographed
    for name, png in (("s1.png", signature_png(1)), ("s2.png", signature_png(2)), ("s3.png", signature_png(3)),
                      ("photo.png", signature_png(4))):
        (root / name).write_bytes(png)
    (root / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    base = ["inspect", "--establishment", shop, "--form", "catering", "--inspector", inspectors[0],
            "--inspector", inspectors[1], "--as", inspectors[0], "--answers", root / "answers.json"]
    finalized = call(data, *base, "--finalize")["id"]
    draft = call(data, *base)["id"]
    answers["items"] = {i: {"answer": "pass"} for i in answers["items"]}
    (root / "clean.json").write_text(json.dumps(answers), encoding="utf-8")
    clean = call(data, *base[:-1], root / "clean.json", "--finalize")["id"]
    return root, data, finalized, draft, clean


@pytest.fixture(scope="module")
def printed(world):
    root, data, finalized, *_ = world
    code, out, err = run(data, "notice", finalized, "--kind", "result", "--paper", "a4", "--out", root / "result.pdf",
                         "--json")
    assert code == 0, err
    order = run(data, "notice", finalized, "--kind", "order", "--paper", "80mm", "--out", root / "order.pdf",
                "--json")
    assert order[0] == 0, order[2]
    return json.loads(out), json.loads(order[1])


def test_notice_writes_the_pdf_and_says_what_it_made(world, printed):
    root, _, finalized, *_ = world
    result, order = printed
    assert result["kind"] == "result" and result["paper"] == "a4" and result["copy"] is False
    assert result["inspection_id"] == finalized and Path(result["path"]) == (root / "result.pdf").resolve()
    assert result["verify_url"].startswith("https://jz.example.gov.cn/v/")
    assert re.fullmatch(r"本机未登记责改〔20\d\d〕1号", order["number"])  # never enrolled: the local series
    assert "张三餐馆" in "".join(pdf_pages_text((root / "result.pdf").read_bytes()))


def test_verify_accepts_the_pdf_a_png_the_url_and_the_token(world, printed):
    root, data, *_ = world
    result, order = printed
    png = root / "order.png"
    rasterize((root / "order.pdf").read_bytes(), 203).save(png)
    token = result["verify_url"].rsplit("/", 1)[1]
    procs = {name: start(data, "verify", arg, "--json") for name, arg in
             (("pdf", root / "result.pdf"), ("png", png), ("url", result["verify_url"]), ("token", token))}
    outputs = {name: finish(proc) for name, proc in procs.items()}
    for name, (code, out, err) in outputs.items():
        assert code == 0, (name, err)
        verdict = json.loads(out)
        assert verdict["valid"] is True and verdict["reason"] is None, name
        assert verdict["establishment"]["name"] == "张三餐馆" and verdict["result"] == "basically_compliant"
    assert json.loads(outputs["png"][1])["notice_id"] == order["notice_id"]
    assert json.loads(outputs["png"][1])["kind"] == "order"
    assert json.loads(outputs["token"][1])["notice_id"] == result["notice_id"]


def test_a_tampered_token_fails_loudly(world, printed):
    _, data, *_ = world
    url = printed[0]["verify_url"]
    position = len(url) - 30
    tampered = url[:position] + ("A" if url[position] != "A" else "B") + url[position + 1:]
    code, out, _ = run(data, "verify", tampered, "--json")
    assert code == 1 and json.loads(out)["valid"] is False and json.loads(out)["notice_id"] is None
    assert json.loads(out)["valid"] is False and json.loads(out)["reason"] == "signature does not match"
    code, out, err = call_raw(data, "verify", tampered)
    assert code == 1 and "INVALID" in out and "NOT valid" in err


def test_a_reprint_is_a_copy_and_drafts_and_missing_orders_are_refused(world, printed):
    root, data, finalized, draft, clean = world
    code, out, err = call_raw(data, "notice", finalized, "--kind", "result", "--out", root / "again.pdf", "--json")
    assert code == 0 and json.loads(out)["copy"] is True and json.loads(out)["notice_id"] == printed[0]["notice_id"]
    assert "副本" in "".join(pdf_pages_text((root / "again.pdf").read_bytes()))
    code, out, err = call_raw(data, "notice", draft, "--kind", "result", "--out", root / "draft.pdf")
    assert code == 1 and "finalized" in err and not (root / "draft.pdf").exists()
    code, out, err = call_raw(data, "notice", clean, "--kind", "order", "--out", root / "no-order.pdf", "--json")
    assert code == 1 and json.loads(err)["error"] == "state_error" and "no rectification order" in err
    assert not (root / "no-order.pdf").exists()
