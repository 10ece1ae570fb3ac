"""`inspector inspect --answers FILE`: signatures and the operator's refusal beside the items.

Finalizing needs every inspector's signature and the operator's, or the
operator's refusal with its reason and a witness (Order 49 Art. 34); image
paths are relative to the answers file, like photos. A bad file, or a
--finalize without what the law asks, exits 1 with a message naming the
culprit and leaves the store exactly as it was (a fingerprint of every table,
the outbox included) and writes no image to the blobs folder. One data folder
is initialized per module and copied for each test; commands run in-process.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from pathlib import Path

import pytest
from cli_calls import call, ok, rows
from factories import fingerprint, photo_png, signature_png

from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir

REFUSAL = {"reason": "不同意检查结论", "witness": "李四", "witness_id_no": "120225199003151234"}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, list[str], str, str]:
    data = tmp_path_factory.mktemp("inspect") / "data"
    ok(data, "init")
    inspectors = [ok(data, "users", "add", "--name", name, "--role", "inspector", "--credential", no)["id"]
                  for name, no in (("李明", "12011900001"), ("王芳", "12011900002"))]
    clerk = ok(data, "users", "add", "--name", "赵静", "--role", "clerk", "--credential", "12011900003")["id"]
    shop = ok(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
              "--township", "渔阳镇")["id"]
    return data, inspectors, clerk, shop


@pytest.fixture
def world(base, tmp_path):
    """A private copy of the data folder, and a folder `files/` with the answers file's pictures."""
    data, inspectors, clerk, shop = base
    shutil.copytree(data, tmp_path / "data")
    files = tmp_path / "files"
    files.mkdir()
    for name, png in [("photo.png", photo_png()), *((f"s{n}.png", signature_png(n)) for n in (1, 2, 3))]:
        (files / name).write_bytes(png)
    (files / "notes.png").write_text("not a picture", encoding="utf-8")
    return tmp_path / "data", inspectors, clerk, shop, files


def answers(files: Path, **extra) -> Path:
    """Every catering item passes but 4.2, which fails with a photo (the checklist asks for one)."""
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    items = {i: {"answer": "pass"} for i, item in catering.items.items() if item.kind == "check"}
    items["4.2"] = {"answer": "fail", "note": "两名厨师无健康证明", "photos": ["photo.png"]}
    path = files / "answers.json"
    path.write_text(json.dumps({"items": items, **extra}, ensure_ascii=False), encoding="utf-8")
    return path


def inspect(world, path: Path, *flags) -> list:
    data, inspectors, _clerk, shop, _files = world
    return ["inspect", "--establishment", shop, "--form", "catering", "--inspector", inspectors[0],
            "--inspector", inspectors[1], "--answers", path, "--as", inspectors[0], *flags]


def blob_files(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "blobs").rglob("*") if p.is_file())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SIGNED = {"inspectors": ["s1.png", "s2.png"], "operator": "s3.png"}


def test_finalize_stores_each_signature_for_the_inspector_named_in_the_same_place(world):
    data, inspectors, _, _, files = world
    final = ok(data, *inspect(world, answers(files, signatures=SIGNED), "--finalize"))
    assert final["status"] == "finalized" and final["result"] == "basically_compliant"
    stored = rows(data, "SELECT role, item_id, sha256 FROM evidence WHERE inspection_id = ? ORDER BY role, item_id",
                  uuid.UUID(final["id"]).hex)
    assert sorted(stored) == sorted([("photo", "4.2", sha(files / "photo.png")),
                                     ("signature_inspector", inspectors[0], sha(files / "s1.png")),
                                     ("signature_inspector", inspectors[1], sha(files / "s2.png")),
                                     ("signature_operator", None, sha(files / "s3.png"))])
    assert {e["role"] for e in final["evidence"]} == {"photo", "signature_inspector", "signature_operator"}


def test_the_operators_refusal_with_a_witness_stands_in_for_the_operators_signature(world):
    data, _, _, _, files = world
    signed = {"inspectors": ["s1.png", "s2.png"]}
    final = ok(data, *inspect(world, answers(files, signatures=signed, operator_refusal=REFUSAL), "--finalize"))
    assert final["status"] == "finalized"
    assert rows(data, "SELECT reason, witness_name, witness_id_no FROM signature_refusal") == \
        [tuple(REFUSAL.values())]
    assert [r for (r,) in rows(data, "SELECT role FROM evidence")].count("signature_operator") == 0


def test_a_draft_may_carry_signatures(world):
    data, *_ , files = world
    draft = ok(data, *inspect(world, answers(files, signatures={"operator": "s3.png"})))
    assert draft["status"] == "draft"
    assert rows(data, "SELECT role, item_id FROM evidence WHERE role != 'photo'") == [("signature_operator", None)]


@pytest.mark.parametrize("signed, culprits", [
    (None, ["李明、王芳", "operator", "Order 49 Art. 34"]),
    ({"inspectors": ["s1.png", "s2.png"]}, ["operator", "witness"]),
    ({"operator": "s3.png"}, ["李明、王芳"]),
])
def test_finalize_without_the_signatures_is_refused_and_changes_nothing(world, signed, culprits):
    data, *_ , files = world
    path = answers(files, **({"signatures": signed} if signed else {}))
    before, blobs = fingerprint(data / "inspector.sqlite3"), blob_files(data)
    code, out, err = call(data, *inspect(world, path, "--finalize"))
    assert code == 1 and out == "" and err.startswith("inspector: ") and "Traceback" not in err
    for culprit in culprits:
        assert culprit in err
    assert fingerprint(data / "inspector.sqlite3") == before
    assert blob_files(data) == blobs


def test_finalize_without_a_photo_the_checklist_asks_for_is_refused(world):
    data, *_ , files = world
    path = answers(files, signatures=SIGNED)
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["items"]["4.2"]["photos"]
    path.write_text(json.dumps(document), encoding="utf-8")
    before = fingerprint(data / "inspector.sqlite3")
    code, _, err = call(data, *inspect(world, path, "--finalize", "--json"))
    error = json.loads(err)
    assert code == 1 and error["field"] == "evidence" and "4.2" in error["message"]
    assert error["code"] == "inspection.photos_missing"
    assert fingerprint(data / "inspector.sqlite3") == before


BAD = {
    "unknown top-level key": ({"signature": SIGNED}, ["signature", "unknown keys"]),
    "signatures not an object": ({"signatures": ["s1.png"]}, ["signatures", "object"]),
    "unknown key in signatures": ({"signatures": {**SIGNED, "operater": "s3.png"}}, ["operater"]),
    "inspector signatures not a list": ({"signatures": {"inspectors": "s1.png"}}, ["signatures.inspectors"]),
    "operator not a path": ({"signatures": {"operator": 3}}, ["signatures.operator"]),
    "one inspector signature for two inspectors": ({"signatures": {**SIGNED, "inspectors": ["s1.png"]}},
                                                  ["1 inspector signature", "2 --inspector"]),
    "three inspector signatures for two inspectors": (
        {"signatures": {**SIGNED, "inspectors": ["s1.png", "s2.png", "s3.png"]}}, ["3 inspector signature"]),
    "operator signature and refusal": ({"signatures": SIGNED, "operator_refusal": REFUSAL},
                                       ["operator_refusal", "not both"]),
    "refusal not an object": ({"operator_refusal": "refuses"}, ["operator_refusal", "object"]),
    "refusal without a witness": ({"operator_refusal": {"reason": "不同意"}}, ["operator_refusal.witness"]),
    "unknown key in the refusal": ({"operator_refusal": {**REFUSAL, "witnes": "x"}}, ["witnes"]),
    "refusal with an empty witness": ({"signatures": {"inspectors": ["s1.png", "s2.png"]},
                                       "operator_refusal": {**REFUSAL, "witness": " "}}, ["witness"]),
    "missing signature file": ({"signatures": {**SIGNED, "operator": "gone.png"}}, ["gone.png"]),
    "signature file that is not an image": ({"signatures": {**SIGNED, "operator": "notes.png"}},
                                            ["notes.png", "not a readable image"]),
    "hazard not true or false": ({"hazard": "yes", "signatures": SIGNED}, ["hazard", "true or false"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_answers_file_is_refused_with_its_culprit_and_changes_nothing(world, case):
    data, *_ , files = world
    extra, culprits = BAD[case]
    path = answers(files, **extra)
    before, blobs = fingerprint(data / "inspector.sqlite3"), blob_files(data)
    for flags in ((), ("--finalize",)):
        code, out, err = call(data, *inspect(world, path, *flags))
        assert code == 1 and out == "", (case, out)
        assert err.startswith("inspector: ") and "Traceback" not in err
        for culprit in culprits:
            assert culprit in err, f"{case}: {culprit!r} not in {err!r}"
        assert fingerprint(data / "inspector.sqlite3") == before
        assert blob_files(data) == blobs


def test_image_paths_are_relative_to_the_answers_file_not_the_working_directory(world, monkeypatch, tmp_path):
    data, *_ , files = world
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    final = ok(data, *inspect(world, answers(files, signatures=SIGNED), "--finalize"))
    assert final["status"] == "finalized"


def test_the_readme_examples_are_answers_files_the_command_reads(tmp_path):
    from inspector_app.cli.inspections import read_answers, read_files
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("The answers file:"):readme.index("## Checklists and result rules")]
    full, fragment = [block.split("```", 1)[0] for block in section.split("```json\n")[1:]]
    for n, text in enumerate((full, '{"items": {},' + fragment + "}")):
        path = tmp_path / f"example{n}.json"
        path.write_text(text, encoding="utf-8")
        data = read_answers(str(path))
        for name in [*data.get("signatures", {}).get("inspectors", []), data.get("signatures", {}).get("operator"),
                     *(p for entry in data["items"].values()
                       for p in entry.get("photos", []) + entry.get("fix_photos", []))]:
            if name:
                (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / name).write_bytes(photo_png())
        files = read_files(data, tmp_path)
        assert len(files["inspectors"]) == 2
    assert files["refusal"] == {"reason": REFUSAL["reason"], "witness_name": REFUSAL["witness"],
                                "witness_id_no": REFUSAL["witness_id_no"]}


def with_items(path: Path, items: dict) -> Path:
    """The answers file at `path` with some items replaced."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document["items"].update(items)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_answers_file_marks_fixes_on_the_spot_and_failures_affecting_safety(world):
    """Order 49 Arts. 31–33 through the command: the hazard stops operations whatever the result; the key
    item (4.2) and the general item affecting safety (5.4) go to a case; the fix on the spot (5.2) is recorded
    with its photo and is not ordered; only 2.1 reaches the written order."""
    data, *_, files = world
    path = with_items(answers(files, signatures=SIGNED, hazard=True), {
        "2.1": {"answer": "fail", "note": "许可证未悬挂"},
        "5.2": {"answer": "fail", "fixed_on_spot": True, "fix_note": "当场清理积水", "fix_photos": ["s1.png"]},
        "5.4": {"answer": "fail", "affects_safety": True}})
    final = ok(data, *inspect(world, path, "--finalize", "--json"))
    assert (final["result"], final["handling"], final["case_filing"]) == ("basically_compliant", "stop", True)
    assert final["treatments"] == {"4.2": "case", "2.1": "order", "5.2": "on_spot", "5.4": "case"}
    assert final["failed_general_items"] == ["2.1", "5.2", "5.4"]  # a fix on the spot still counts
    assert [order["failed_items"] for order in final["orders"]] == [["2.1"]]
    assert {"item_id": "5.2", "role": "fix", "sha256": sha(files / "s1.png")} in final["evidence"]
    shown = ok(data, "show", "inspection", final["id"])
    assert shown["answers"]["5.2"] == {"answer": "fail", "value": None, "note": None, "fixed_on_spot": True,
                                       "fix_note": "当场清理积水"}


@pytest.mark.parametrize("entry, culprits", [
    ({"answer": "pass", "fixed_on_spot": True, "fix_note": "已清理"}, ["5.2", "did not fail"]),
    ({"answer": "fail", "fixed_on_spot": True}, ["5.2", "Art. 33 ¶2"]),
    ({"answer": "fail", "fix_note": "已清理"}, ["5.2", "not marked fixed"]),
    ({"answer": "fail", "affects_safety": "yes"}, ["5.2", "affects_safety", "true or false"]),
    ({"answer": "fail", "fixed_on_spot": True, "fix_note": "x", "fix_photos": "a.png"}, ["5.2", "fix_photos"]),
    ({"answer": "fail", "fixed_on_spot": True, "fix_note": "x", "fix_photos": ["notes.png"]}, ["notes.png"]),
])
def test_bad_marks_in_the_answers_file_are_refused_and_change_nothing(world, entry, culprits):
    data, *_, files = world
    path = with_items(answers(files, signatures=SIGNED), {"5.2": entry})
    before, blobs = fingerprint(data / "inspector.sqlite3"), blob_files(data)
    code, out, err = call(data, *inspect(world, path, "--finalize"))
    assert code == 1 and out == "" and "Traceback" not in err
    for culprit in culprits:
        assert culprit in err, f"{culprit!r} not in {err!r}"
    assert fingerprint(data / "inspector.sqlite3") == before and blob_files(data) == blobs
