"""docs/sync-protocol.md §15 #19: no decrypted data is left behind.

A payload is decrypted into an owner-only folder (0700, file 0600) of its own, removed when the import
ends by any path: applied, refused, an exception, Ctrl+C. A process killed mid-import cannot clean up; the
next start (open_central) or the next import sweeps its folder away. The same on the laptop, and for the
plaintext bag central builds when it exports.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from forge import resign_ops, rewrap
from sqlalchemy import create_engine

from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central.store import Central, open_central
from inspector_app.core.db import open_store
from inspector_app.core.errors import BundleError
from inspector_app.core.keys import load_device_keys
from inspector_app.core.sync import bag, bundle, crypto


@pytest.fixture
def sent(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    a.inspect(eid)
    return world, a, Path(a.export(world.stick())["bundle"])


def sign_key(laptop):
    with laptop.store.session() as s:
        return load_device_keys(s, laptop.paths.keys).sign


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def decrypted(monkeypatch):
    """Every plaintext file decrypt_to writes, with its mode and its folders' modes just after writing."""
    seen: list[dict] = []
    real = crypto.decrypt_to

    def spy(reader, target, identities, cap):
        try:
            return real(reader, target, identities, cap)
        finally:
            if Path(target).exists():
                seen.append({"file": Path(target), "mode": mode(Path(target)),
                             "folders": [mode(Path(target).parent), mode(Path(target).parent.parent)]})
    monkeypatch.setattr(crypto, "decrypt_to", spy)
    return seen


def assert_private_and_gone(seen: list[dict], tmp: Path) -> None:
    assert seen, "the payload was decrypted"
    for item in seen:
        assert item["mode"] == 0o600 and item["folders"] == [0o700, 0o700], item
        assert not item["file"].exists()
    assert leftovers(tmp) == []


KILLER = """
import os, signal, sys
sys.path[:0] = {paths!r}
from inspector_app.central import importer as central_import
from inspector_app.central.store import open_central
central = open_central({data!r})
def hook(step):
    if step == {step!r}:
        os.kill(os.getpid(), signal.SIGKILL)
central_import.import_bundle(central, {bundle!r}, hook=hook)
"""


@pytest.mark.parametrize("step", ["decrypted", "blobs"])
@pytest.mark.parametrize("cleaner", ["open_central", "import"])
def test_sigkill_mid_import_leaves_plaintext_only_owner_only_until_the_next_start(sent, step, cleaner):
    world, a, path = sent
    world.central.close()
    data = world.root / "central"
    code = KILLER.format(paths=sys.path, data=str(data), step=step, bundle=str(path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    tmp = data / "central" / "tmp"
    plain = [p for p in tmp.rglob("*") if p.is_file() and p.name.endswith(".in.zip")]
    assert len(plain) == 1 and mode(plain[0]) == 0o600 and mode(plain[0].parent) == 0o700 and mode(tmp) == 0o700
    if cleaner == "open_central":
        world.central = open_central(data)
        assert leftovers(tmp) == []
    else:  # a store opened without open_central's sweep: the import itself sweeps
        world.central = Central(engine=create_engine(f"sqlite:///{data / 'central.sqlite3'}"), data_dir=data)
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    assert leftovers(tmp) == []


def drop_first_op(ops):
    del ops[0]


def skip_a_seq(ops):
    ops[1]["seq"] += 7


def another_device(ops):
    ops[0]["device_id"] = "f" * 32


class Interrupted(Exception):
    pass


def refusals():
    def truncated(world, a, path, tmp_path):
        from forge import members
        body = members(path)["payload.age"]
        return rewrap(path, tmp_path / path.name, sign_key=sign_key(a), payload=body[:-40]), {}, "truncated"

    def forged(edit, reason):
        def make(world, a, path, tmp_path):
            return resign_ops(path, tmp_path / path.name, world.central, sign_key(a), edit), {}, reason
        return make

    def op_mismatch(world, a, path, tmp_path):
        assert central_import.import_bundle(world.central, path)["status"] == "applied"

        def rename(ops):
            ops[0]["payload"]["name"] = "改过的名字"
        return resign_ops(path, tmp_path / path.name, world.central, sign_key(a), rename,
                          bundle_id="0" * 31 + "1"), {}, "op_mismatch"

    def raising(step, exc):
        def make(world, a, path, tmp_path):
            def hook(name):
                if name == step:
                    raise exc
            return path, {"hook": hook}, exc
        return make

    return {"manifest": forged(drop_first_op, "manifest"), "invalid_op": forged(skip_a_seq, "invalid_op"),
            "device_mismatch": forged(another_device, "device_mismatch"), "truncated": truncated,
            "op_mismatch": op_mismatch, "an exception": raising("blobs", Interrupted("disk gone")),
            "Ctrl+C": raising("decrypted", KeyboardInterrupt())}


REFUSALS = refusals()


@pytest.mark.parametrize("case", list(REFUSALS))
def test_no_plaintext_after_a_refusal_an_exception_or_ctrl_c(sent, tmp_path, decrypted, case):
    world, a, path = sent
    target, kw, outcome = REFUSALS[case](world, a, path, tmp_path)
    decrypted.clear()
    if isinstance(outcome, BaseException):
        with pytest.raises(type(outcome)):
            central_import.import_bundle(world.central, target, **kw)
    else:
        result = central_import.import_bundle(world.central, target, **kw)
        assert (result["status"], result["reason"]) == ("rejected", outcome), result
    assert_private_and_gone(decrypted, world.root / "central" / "central" / "tmp")


def test_an_applied_import_leaves_nothing_and_was_private(sent, decrypted):
    world, a, path = sent
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    assert_private_and_gone(decrypted, world.root / "central" / "central" / "tmp")


LAPTOP_KILLER = """
import os, signal, sys
sys.path[:0] = {paths!r}
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths
from inspector_app.core.sync import device_import
paths = AppPaths.at({data!r}).ensure()
def hook(step):
    if step == "transaction":
        os.kill(os.getpid(), signal.SIGKILL)
device_import.import_bundle(open_store(paths.database), paths, {bundle!r}, hook=hook)
"""


def test_laptop_sigkill_mid_import_then_the_next_import_sweeps(sent):
    world, a, path = sent
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    down = central_export.export_for_device(world.central, a.device_id, world.stick())["bundle"]
    a.store.close()
    code = LAPTOP_KILLER.format(paths=sys.path, data=str(a.paths.data_dir), bundle=down)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    tmp = a.paths.data_dir / "sync" / "tmp"
    plain = [p for p in tmp.rglob("*") if p.is_file() and p.name.endswith(".in.zip")]
    assert len(plain) == 1 and mode(plain[0]) == 0o600 and mode(plain[0].parent) == 0o700
    a.store = open_store(a.paths.database)
    assert a.import_(down)["status"] == "applied"
    assert leftovers(tmp) == []


def test_laptop_refusal_after_decryption_leaves_nothing(sent, decrypted, monkeypatch):
    """An ack for another laptop is refused after the payload was decrypted (ack_forgery)."""
    world, a, path = sent
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    real = central_export.acks_for
    monkeypatch.setattr(central_export, "acks_for", lambda c, dev: {**real(c, dev), "device_id": "0" * 32})
    down = central_export.export_for_device(world.central, a.device_id, world.stick())["bundle"]
    decrypted.clear()
    result = a.import_(down)
    assert (result["status"], result["reason"]) == ("rejected", "ack_forgery")
    assert_private_and_gone(decrypted, a.paths.data_dir / "sync" / "tmp")


def test_central_export_builds_its_plaintext_bag_owner_only_and_leaves_nothing(sent, monkeypatch, tmp_path):
    world, a, path = sent
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    modes = []
    real = bag.BagWriter.finish

    def spy(self, info, sign_key):
        modes.append((mode(Path(self.zf.filename)), mode(Path(self.zf.filename).parent)))
        return real(self, info, sign_key)
    monkeypatch.setattr(bag.BagWriter, "finish", spy)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the stick's folder should be")
    with pytest.raises(BundleError):
        central_export.export_for_device(world.central, a.device_id, blocked)
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    assert modes == [(0o600, 0o700), (0o600, 0o700)]
    assert leftovers(world.root / "central" / "central" / "outgoing") == []
    bundle.inspect(Path(made["bundle"]), world.central.keys.trust()).close()  # delivered intact as before


def test_a_sweep_spares_a_folder_another_import_is_using(tmp_path):
    """Imports run side by side (worker threads, the desktop and the command line): a sweep removes only
    what no live import holds."""
    import threading

    from inspector_app.core.sync import scratch
    with scratch.private_dir(tmp_path) as mine:
        (mine / "payload.in.zip").write_bytes(b"personal data")
        swept: list = []
        worker = threading.Thread(target=lambda: swept.append(scratch.sweep(tmp_path)))
        worker.start()
        worker.join()
        with scratch.private_dir(tmp_path) as other:
            assert other != mine and mode(other) == 0o700
            assert swept == [[]] and (mine / "payload.in.zip").exists()
    assert leftovers(tmp_path) == []


def test_a_laptop_export_builds_its_bag_owner_only_and_sweeps_what_a_killed_one_left(sent, monkeypatch, tmp_path):
    """The laptop's bag is plaintext too (docs/sync-protocol.md §13): owner-only while it is built, gone
    after a refused delivery and after a good one, and a killed export's leftovers go with the next."""
    world, a, _ = sent
    outgoing = a.paths.data_dir / "sync" / "outgoing"
    killed = outgoing / "work-killed"
    killed.mkdir(parents=True)
    (killed / "payload.zip").write_bytes(b"personal data of a killed export")
    (outgoing / "work-killed.lock").write_bytes(b"")
    modes = []
    real = bag.BagWriter.finish

    def spy(self, info, sign_key):
        modes.append((mode(Path(self.zf.filename)), mode(Path(self.zf.filename).parent)))
        return real(self, info, sign_key)
    monkeypatch.setattr(bag.BagWriter, "finish", spy)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the stick's folder should be")
    with pytest.raises(BundleError):
        a.export(blocked)
    assert leftovers(outgoing) == []
    a.export(world.stick())
    assert modes == [(0o600, 0o700), (0o600, 0o700)]
    assert leftovers(outgoing) == []
