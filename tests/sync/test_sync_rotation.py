"""docs/sync-protocol.md §15 #8 "an old key after rotation_seq": a laptop rotates its keys (§5.4)."""

import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from forge import db_fingerprint
from sqlalchemy import select
from sync_world import Laptop

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.cli import main
from inspector_app.core import keys
from inspector_app.core.db import open_store
from inspector_app.core.models import KnownKey, SyncEnrolment
from inspector_app.core.paths import AppPaths
from inspector_app.core.sync import rotation, trust
from inspector_app.core.sync.errors import SyncRejected


def key_ids(laptop):
    with laptop.store.session() as s:
        device = keys.load_device_keys(s, laptop.paths.keys)
    return device.sign_key_id, device.enc_key_id


def registered(world, laptop):
    with world.central.engine.connect() as c:
        return c.execute(select(m.device).where(m.device.c.device_id == laptop.device_id)).mappings().one()


def stolen_copy(world, laptop, name) -> Laptop:
    """Everything a thief copied off the laptop before it rotated: its store and its old private keys."""
    with laptop.store.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copytree(laptop.paths.data_dir, world.root / name, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    paths = AppPaths.at(world.root / name)
    copy = Laptop(name, paths, open_store(paths.database), list(laptop.inspectors))
    world.laptops[name] = copy
    return copy


def test_rotation_switches_keys_and_central_follows(world):
    a = world.laptop("a")
    a.add_establishment(name="旧钥匙店")
    first = world.up(a)
    assert first["status"] == "applied"
    old_sign, old_enc = key_ids(a)
    made = rotation.rotate(a.store, a.paths)
    cut = first["seq_to"]
    assert made["old_sign_key_id"] == old_sign and made["rotation_seq"] == cut
    new_sign, new_enc = key_ids(a)
    assert (new_sign, new_enc) == (made["sign_key_id"], made["enc_key_id"]) and new_sign != old_sign
    assert not list(a.paths.keys.glob("*.next.pem"))
    assert (a.paths.keys / "retired" / f"enc-{old_enc}.pem").exists()  # for downward bundles already sealed
    with a.store.session() as s:  # the old public key stays known, unrevoked: notices it signed still verify
        assert s.get(KnownKey, old_sign).revoked_at is None
    a.add_establishment(name="新钥匙店")
    result = world.up(a)
    assert result["status"] == "applied" and result["seq_to"] > cut
    dev = registered(world, a)
    assert dev["sign_key_id"] == new_sign and dev["enc_key_id"] == new_enc
    assert [(h["key_id"], h["through_seq"]) for h in dev["key_history"]] == [(old_sign, cut), (new_sign, None)]
    assert world.down(a)["status"] == "applied"  # encrypted to the new key, which the laptop holds
    with a.store.session() as s:
        from inspector_app.core.models import SyncState
        assert s.get(SyncState, 1).acked_through_seq == result["seq_to"]


def test_late_bundle_signed_before_the_rotation_still_imports(world):
    a = world.laptop("a")
    a.add_establishment(name="早")
    early = a.export(world.stick())  # on a stick, not yet at central
    rotation.rotate(a.store, a.paths)
    a.add_establishment(name="晚")
    assert world.up(a)["status"] == "applied"  # the new key arrives first, chain and all
    late = central_import.import_bundle(world.central, early["bundle"])
    assert late["status"] == "duplicate" and late["reason"] in ("already imported", "old ops only"), late
    # and a late bundle arriving before central heard of the rotation is simply applied
    b = world.laptop("b")
    b.add_establishment(name="乙")
    early_b = b.export(world.stick())
    rotation.rotate(b.store, b.paths)
    assert central_import.import_bundle(world.central, early_b["bundle"])["status"] == "applied"
    b.add_establishment(name="乙二")
    assert world.up(b)["status"] == "applied"
    assert registered(world, b)["sign_key_id"] == key_ids(b)[0]


def test_old_key_used_after_rotation_seq_is_refused(world):
    a = world.laptop("a")
    a.add_establishment(name="真店")
    cut = world.up(a)["seq_to"]
    thief = stolen_copy(world, a, "thief")
    rotation.rotate(a.store, a.paths)
    a.add_establishment(name="真店二")
    assert world.up(a)["status"] == "applied"
    thief.add_establishment(name="假店")  # seqs above the cut, signed with the retired key
    forged = thief.export(world.stick())
    before = db_fingerprint(world.central.engine)
    result = central_import.import_bundle(world.central, forged["bundle"])
    assert (result["status"], result["reason"]) == ("rejected", "key_retired"), result
    assert f"retired at seq {cut}" in result["message"]
    assert db_fingerprint(world.central.engine) == before and Path(result["file"]).exists()
    with world.central.engine.connect() as c:
        names = sorted(d["name"] for d in c.execute(select(m.record.c.data).where(
            m.record.c.entity == "establishment")).scalars())
        alarms = [r.detail["reason"] for r in c.execute(select(m.alert).where(m.alert.c.kind == "alarm"))]
    assert names == ["真店", "真店二"] and alarms == ["key_retired"]


def test_thief_rotating_the_old_key_cannot_take_over(world):
    a = world.laptop("a")
    a.add_establishment()
    assert world.up(a)["status"] == "applied"
    thief = stolen_copy(world, a, "thief")
    rotation.rotate(a.store, a.paths)
    a.add_establishment(name="真")
    assert world.up(a)["status"] == "applied"
    rotation.rotate(thief.store, thief.paths)  # a second chain forked from the same old key
    thief.add_establishment(name="假")
    made = thief.export(world.stick())
    before = db_fingerprint(world.central.engine)
    result = central_import.import_bundle(world.central, made["bundle"])
    assert (result["status"], result["reason"]) == ("rejected", "key_mismatch"), result
    assert db_fingerprint(world.central.engine) == before


def test_rotation_statement_must_be_signed_by_the_key_it_retires(world):
    a = world.laptop("a")
    with a.store.session() as s:
        cert = s.get(SyncEnrolment, 1).cert
        device = keys.load_device_keys(s, a.paths.keys)
    impostor = keys.DeviceKeys(device.device_id, Ed25519PrivateKey.generate(), device.enc)
    forged = trust.rotation_statement(impostor, cert["grant"]["body"]["serial"], Ed25519PrivateKey.generate(),
                                      X25519PrivateKey.generate(), 0, "2026-11-28T00:00:00+00:00")
    with pytest.raises(SyncRejected) as err:
        trust.verify_cert({**cert, "rotations": [forged]}, world.central.keys.trust())
    assert err.value.reason == "untrusted_sender"
    genuine = trust.rotation_statement(device, cert["grant"]["body"]["serial"], Ed25519PrivateKey.generate(),
                                       X25519PrivateKey.generate(), 5, "2026-11-28T00:00:00+00:00")
    sender = trust.verify_cert({**cert, "rotations": [genuine]}, world.central.keys.trust())
    assert [h["through_seq"] for h in sender.key_history()] == [5, None]
    backwards = trust.rotation_statement(keys.DeviceKeys(device.device_id, Ed25519PrivateKey.generate(), device.enc),
                                         cert["grant"]["body"]["serial"], Ed25519PrivateKey.generate(),
                                         X25519PrivateKey.generate(), 3, "2026-11-28T00:00:00+00:00")
    with pytest.raises(SyncRejected):  # not signed by the key in use after the first rotation
        trust.verify_cert({**cert, "rotations": [genuine, backwards]}, world.central.keys.trust())


def test_downward_bundle_sealed_to_the_old_key_still_opens(world):
    a = world.laptop("a")
    a.add_establishment()
    assert world.up(a)["status"] == "applied"
    down = central_export.export_for_device(world.central, a.device_id, world.stick())  # to the old enc key
    rotation.rotate(a.store, a.paths)
    assert a.import_(down["bundle"])["status"] == "applied"


def test_crash_after_commit_finishes_and_crash_before_commit_keeps_the_old_keys(world, monkeypatch):
    a = world.laptop("a")
    old_sign, _ = key_ids(a)
    monkeypatch.setattr(keys, "promote_staged", lambda keys_dir: (_ for _ in ()).throw(OSError("power cut")))
    with pytest.raises(OSError):
        rotation.rotate(a.store, a.paths)
    monkeypatch.undo()
    assert len(list(a.paths.keys.glob("*.next.pem"))) == 2
    new_sign, _ = key_ids(a)  # the next load promotes the staged keys the store already names
    assert new_sign != old_sign and not list(a.paths.keys.glob("*.next.pem"))
    monkeypatch.setattr(trust, "verify_cert", lambda cert, pinned: (_ for _ in ()).throw(RuntimeError("boom")))
    before = db_fingerprint(a.store.engine, skip=("audit_log", "alembic_version"))
    with pytest.raises(RuntimeError):
        rotation.rotate(a.store, a.paths)
    monkeypatch.undo()
    assert key_ids(a)[0] == new_sign and not list(a.paths.keys.glob("*.next.pem"))
    assert db_fingerprint(a.store.engine, skip=("audit_log", "alembic_version")) == before


def test_revoking_a_rotated_laptop_revokes_every_key_it_had(world):
    a, b = world.laptop("a"), world.laptop("b")
    old_sign, _ = key_ids(a)
    rotation.rotate(a.store, a.paths)
    a.add_establishment()
    world.up(a)
    world.up(b)
    central_admin.revoke(world.central, a.device_id)
    assert world.down(b)["status"] == "applied"
    with b.store.session() as s:
        for kid in (old_sign, key_ids(a)[0]):
            assert s.get(KnownKey, kid).revoked_at is not None


def test_cli_rotate_keys(world, capsys):
    a = world.laptop("a")
    old_sign, _ = key_ids(a)
    a.store.close()
    assert main(["--data-dir", str(a.paths.data_dir), "sync", "status", "--json"]) == 0
    last_seq = json.loads(capsys.readouterr().out)["max_seq"]
    code = main(["--data-dir", str(a.paths.data_dir), "sync", "rotate-keys", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["old_sign_key_id"] == old_sign and data["rotation_seq"] == last_seq
    a.store = open_store(a.paths.database)
    assert key_ids(a)[0] == data["sign_key_id"]
    fresh = world.root / "fresh"
    assert main(["--data-dir", str(fresh), "init", "--json"]) == 0
    capsys.readouterr()
    code = main(["--data-dir", str(fresh), "sync", "rotate-keys", "--json"])
    assert code == 1 and "enrol this laptop first" in capsys.readouterr().err
