"""Every other JSON file a person can hand the program, nested 100,000 deep or otherwise hostile.

The answers file has its own tests (tests/test_answers_file_limits.py). Here:
the enrolment file and the enrolment request (`central enrol --request`),
settings.json and the data-folder pointer. A file nobody can use is refused
with a message (the command line) or falls back to the defaults (settings,
the pointer, which must never block a start); none ends in a traceback, and
a refused command changes no store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_calls import call
from factories import fingerprint

from inspector_app.core import paths, settings

DEEP = "[" * 100_000 + "]" * 100_000
HOSTILE = {
    "100,000 nested lists": DEEP,
    "100,000 nested objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "a whole number of 5,000 digits": '{"idle_lock_minutes": ' + "9" * 5000 + "}",
    "a number too large for a float": '{"idle_lock_minutes": 1e400}',
    "NaN": '{"idle_lock_minutes": NaN}',
    "a key twice": '{"language": "zh_CN", "language": "en"}',
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_settings_file_gives_the_defaults(tmp_path, case):
    (tmp_path / settings.FILE_NAME).write_text(HOSTILE[case], encoding="utf-8")
    assert settings.load(tmp_path) == {s.name: s.default for s in settings.SETTINGS}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_data_folder_pointer_is_ignored(tmp_path, monkeypatch, case):
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path)
    paths.pointer_file().write_text(HOSTILE[case], encoding="utf-8")
    assert paths.chosen_data_dir() is None


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("district") / "data"
    code, _, err = call(data, "central", "init", "--name", "蓟州区")
    assert code == 0, err
    return data


REQUESTS = {
    "100,000 nested lists": (DEEP, ["nested"]),
    "a key twice": ('{"device_id": "a", "device_id": "b", "sign_pub": "x", "enc_pub": "y"}', ["device_id", "twice"]),
    "NaN as the device id": ('{"device_id": NaN, "sign_pub": "x", "enc_pub": "y"}', ["NaN"]),
    "a file of 9 MiB": ('{"device_id": "a"}' + " " * (9 * 2**20), ["MiB"]),
}


@pytest.mark.parametrize("case", list(REQUESTS))
def test_a_hostile_enrolment_request_is_refused_and_changes_nothing(district, tmp_path, case):
    text, culprits = REQUESTS[case]
    request = tmp_path / "request.json"
    request.write_text(text, encoding="utf-8")
    database = district / "central.sqlite3"
    before = fingerprint(database) if database.exists() else None
    code, out, err = call(district, "central", "enrol", "--device-name", "李明", "--township", "120119100",
                          "--out", tmp_path / "enrol.json", "--request", request)
    assert code == 1 and out == "" and "Traceback" not in err, err[:300]
    for culprit in culprits:
        assert culprit in err, f"{case}: {culprit!r} not in {err!r}"
    assert not (tmp_path / "enrol.json").exists()
    if before is not None:
        assert fingerprint(database) == before


@pytest.mark.parametrize("text", [DEEP, '{"format": "fsi-enrol/1", "format": "x"}', '{"format": NaN}'])
def test_a_hostile_enrolment_file_is_refused_and_changes_nothing(tmp_path, text):
    laptop = tmp_path / "laptop"
    assert call(laptop, "init")[0] == 0
    enrol = tmp_path / "enrol.json"
    enrol.write_text(text, encoding="utf-8")
    before = fingerprint(laptop / "inspector.sqlite3")
    code, out, err = call(laptop, "enrol", enrol, "--json")
    assert code == 1 and out == "" and json.loads(err)["code"].startswith("enrolment.")
    assert fingerprint(laptop / "inspector.sqlite3") == before
