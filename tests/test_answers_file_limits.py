"""`inspector inspect --answers FILE` with a file nothing used to check.

NaN and Infinity (Python's json reads them), whole numbers a bundle cannot
keep, broken UTF-16, 100,000 nested lists, duplicate keys, a 40,000-character
note, NUL bytes and terminal escapes: each exits 1 with a message naming the
item or the limit, prints no traceback and no raw escape, and leaves the
store byte-identical (every table's rows) and the blobs folder as it was.
The text is written as bytes on purpose: json.dumps cannot write most of it.
"""

from __future__ import annotations

import json
import shutil

import pytest
from cli_calls import call, ok
from factories import fingerprint, photo_png, signature_png

from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    data = tmp_path_factory.mktemp("limits") / "data"
    ok(data, "init")
    inspectors = [ok(data, "users", "add", "--name", name, "--role", "inspector", "--credential", no)["id"]
                  for name, no in (("李明", "12011900001"), ("王芳", "12011900002"))]
    shop = ok(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
              "--township", "渔阳镇")["id"]
    return data, inspectors, shop


@pytest.fixture
def world(base, tmp_path):
    data, inspectors, shop = base
    shutil.copytree(data, tmp_path / "data")
    files = tmp_path / "files"
    files.mkdir()
    (files / "photo.png").write_bytes(photo_png())
    for n in (1, 2, 3):
        (files / f"s{n}.png").write_bytes(signature_png(n))
    return tmp_path / "data", inspectors, shop, files


def items_text(**override: str) -> str:
    """Every catering check item passes; `override` gives an item's entry as raw JSON text."""
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    entries = {i: '{"answer": "pass"}' for i, item in catering.items.items() if item.kind == "check"}
    entries["4.2"] = '{"answer": "fail", "note": "两名厨师无健康证明", "photos": ["photo.png"]}'
    entries.update({k.replace("_", "."): v for k, v in override.items()})
    return "{" + ", ".join(f'"{k}": {v}' for k, v in entries.items()) + "}"


SIGNED = '"signatures": {"inspectors": ["s1.png", "s2.png"], "operator": "s3.png"}'


def document(items: str | None = None, extra: str = "") -> str:
    return '{"items": ' + (items or items_text()) + (", " + extra if extra else "") + ", " + SIGNED + "}"


DEEP = "[" * 100_000 + "]" * 100_000
BAD = {
    "NaN as a check item's value": (document(items_text(**{"1_1": '{"answer": "pass", "value": NaN}'})),
                                    ["1.1", "NaN"]),
    "Infinity under na": (document(items_text(**{"1_1": '{"answer": "na", "value": Infinity}'})),
                          ["1.1", "Infinity"]),
    "-Infinity": (document(items_text(**{"2_1": '{"answer": "pass", "value": -Infinity}'})), ["2.1", "-Infinity"]),
    "1e400, which reads as Infinity": (document(items_text(**{"1_1": '{"answer": "pass", "value": 1e400}'})),
                                       ["1.1"]),
    "a whole number of 5,000 digits": (document(items_text(**{"1_1": '{"answer": "pass", "value": '
                                                              + "9" * 5000 + "}"})), ["1.1"]),
    "a whole number beyond 2^53": (document(items_text(**{"1_1": '{"answer": "pass", "value": 9007199254740993}'})),
                                   ["1.1"]),
    "an unpaired surrogate in a value": (document(items_text(**{"1_1": '{"answer": "pass", "value": "\\ud800"}'})),
                                         ["1.1", "U+D800"]),
    "an unpaired surrogate in a note": (document(items_text(**{"1_1": '{"answer": "pass", "note": "a\\udc00"}'})),
                                        ["1.1", "U+DC00"]),
    "a note that is a number": (document(items_text(**{"1_1": '{"answer": "pass", "note": 5}'})), ["1.1"]),
    "a note that is an object": (document(items_text(**{"1_1": '{"answer": "pass", "note": {"a": 1}}'})), ["1.1"]),
    "a list as a value": (document(items_text(**{"1_1": '{"answer": "pass", "value": [1, 2]}'})), ["1.1"]),
    "100,000 nested lists as a value": (document(items_text(**{"1_1": '{"answer": "pass", "value": ' + DEEP + "}"})),
                                        ["nested", "16"]),
    "40 nested lists as a value": (document(items_text(**{"1_1": '{"answer": "pass", "value": '
                                                          + "[" * 40 + "]" * 40 + "}"})), ["nested", "16"]),
    "100,000 nested lists as the file": (DEEP, ["nested"]),
    "an item given twice": (document(items_text().replace('"2.2": ', '"2.1": ', 1)), ["2.1", "twice"]),
    "items given twice": ('{"items": {}, "items": ' + items_text() + ", " + SIGNED + "}", ["items", "twice"]),
    "a 40,000-character note": (document(items_text(**{"1_1": '{"answer": "pass", "note": "' + "脏" * 40_000
                                                       + '"}'})), ["1.1", "2000", "40000"]),
    "a NUL in a note": (document(items_text(**{"1_1": '{"answer": "pass", "note": "a\\u0000b"}'})),
                        ["1.1", "U+0000"]),
    "a terminal escape in a note": (document(items_text(**{"1_1": '{"answer": "pass", "note": "\\u001b[2J"}'})),
                                    ["1.1", "U+001B"]),
    "a terminal escape in the notes": (document(extra='"notes": "\\u001b[2J复查"'), ["U+001B"]),
    "6,000 characters of notes": (document(extra='"notes": "' + "记" * 6000 + '"'), ["5000"]),
    "a terminal escape as an item number": (document(items_text(**{"\\u001b[2J": '{"answer": "pass"}'})),
                                            ["U+001B"]),
    "a 40,000-character item number": (document(items_text(**{"9" * 40_000: '{"answer": "pass"}'})), ["20"]),
    "a NUL in a photo's path": (document(items_text(**{"4_2": '{"answer": "fail", "photos": ["photo.png\\u0000"]}'})),
                                ["4.2", "U+0000"]),
    "a 40,000-character witness": ('{"items": ' + items_text() + ', "signatures": {"inspectors": ["s1.png", "s2.png"]}'
                                   ', "operator_refusal": {"reason": "不同意", "witness": "' + "李" * 40_000 + '"}}',
                                   ["50"]),
    "a file of 9 MiB": (document(extra='"notes": "复查"') + " " * (9 * 2**20), ["MiB"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_file_nothing_used_to_check_is_refused_with_its_culprit_and_changes_nothing(world, case):
    data, inspectors, shop, files = world
    text, culprits = BAD[case]
    path = files / "answers.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before, blobs = fingerprint(data / "inspector.sqlite3"), sorted((data / "blobs").rglob("*"))
    for flags in ((), ("--finalize", "--as", inspectors[0])):
        code, out, err = call(data, "inspect", "--establishment", shop, "--form", "catering",
                              "--inspector", inspectors[0], "--inspector", inspectors[1], "--answers", path, *flags)
        assert code == 1 and out == "", (case, out)
        assert err.startswith("inspector: ") and "Traceback" not in err, (case, err[:500])
        assert "\x1b" not in err and "\x00" not in err and len(err) < 2000, (case, err[:500])
        for culprit in culprits:
            assert culprit in err, f"{case}: {culprit!r} not in {err!r}"
        assert fingerprint(data / "inspector.sqlite3") == before
        assert sorted((data / "blobs").rglob("*")) == blobs


def test_the_same_file_without_the_bad_value_is_accepted(world):
    data, inspectors, shop, files = world
    path = files / "answers.json"
    path.write_text(document(extra='"notes": "复查\\n第二行"'), encoding="utf-8")
    final = ok(data, "inspect", "--establishment", shop, "--form", "catering", "--inspector", inspectors[0],
               "--inspector", inspectors[1], "--answers", path, "--finalize", "--as", inspectors[0])
    assert final["status"] == "finalized"


def test_the_json_error_says_which_item_holds_nan(world):
    data, inspectors, shop, files = world
    path = files / "answers.json"
    path.write_text(document(items_text(**{"2_1": '{"answer": "na", "value": NaN}'})), encoding="utf-8")
    code, _, err = call(data, "inspect", "--establishment", shop, "--form", "catering", "--inspector", inspectors[0],
                        "--inspector", inspectors[1], "--answers", path, "--json")
    error = json.loads(err)
    assert code == 1 and error["code"] == "limits.value_not_finite" and error["field"] == "items.2.1.value"
    assert error["message"] == "items.2.1.value: NaN is not a number that can be kept; give the measured number"
