"""docs/sync-protocol.md §15 #7 unknown device, #8 revoked device (also before its first sync), #9 key rotation,
#17 ack forgery."""

import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from forge import db_fingerprint, decrypt_up, encrypt_for, members, rewrap
from sqlalchemy import select

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central import keys as central_keys
from inspector_app.central import models as m
from inspector_app.core.errors import NotFound, StateError
from inspector_app.core.keys import load_device_keys
from inspector_app.core.sync import canonical, crypto, enrolment
from inspector_app.core.sync.status import sync_status


def refused(world, path, reason):
    before = db_fingerprint(world.central.engine)
    result = central_import.import_bundle(world.central, path)
    assert (result["status"], result["reason"]) == ("rejected", reason), result
    assert db_fingerprint(world.central.engine) == before
    assert Path(result["file"]).exists()
    return result


def laptop_refused(laptop, path, reason):
    before = db_fingerprint(laptop.store.engine, skip=("audit_log", "alembic_version"))
    result = laptop.import_(path)
    assert (result["status"], result["reason"]) == ("rejected", reason), result
    assert db_fingerprint(laptop.store.engine, skip=("audit_log", "alembic_version")) == before
    assert Path(result["file"]).parent.name == "rejected"
    return result


# docs/sync-protocol.md §15 #7: unknown device

def test_certificate_not_chained_to_our_enrolment_key(world, tmp_path):
    rogue_keys, _ = central_keys.init_keys(tmp_path / "rogue-keys", "rogue")
    doc = enrolment.issue(rogue_keys, device_name="rogue", township_code="120119100", township_name="渔阳镇")
    a = world.laptop("a", enrol=False)
    with a.store.write() as s:
        enrolment.enrol(s, a.paths.keys, canonical.dumps(doc))
    a.add_establishment()
    made = a.export(world.stick())
    refused(world, made["bundle"], "untrusted_sender")


def test_valid_unregistered_certificate_registers_then_imports(world):
    a = world.laptop("a")
    with world.central.engine.connect() as c:
        assert c.execute(select(m.device)).first() is None
    assert world.up(a)["status"] == "applied"
    with world.central.engine.connect() as c:
        row = c.execute(select(m.device)).mappings().one()
    assert row["device_id"] == a.device_id and row["name"] == "a"


def test_ops_claiming_another_device(world, tmp_path):
    import io
    import zipfile

    from inspector_app.core.sync import bag, bundle
    a = world.laptop("a")
    a.add_establishment()
    made = a.export(world.stick())
    path = Path(made["bundle"])
    with zipfile.ZipFile(io.BytesIO(decrypt_up(path, world.central))) as zf:
        lines = zf.read("data/ops.jsonl").splitlines()
    forged = [line.replace(a.device_id.encode(), b"f" * 32) for line in lines]
    with a.store.session() as s:
        key = load_device_keys(s, a.paths.keys).sign
    writer = bag.BagWriter(tmp_path / "in.zip")
    writer.add_lines("data/ops.jsonl", iter(forged))
    import json
    header = json.loads(members(path)["header.json"])
    tag = writer.finish(bundle.bag_info(header), key)
    bad = rewrap(path, tmp_path / path.name, sign_key=key, payload=encrypt_for(world.central,
                 (tmp_path / "in.zip").read_bytes()), header_edit=lambda h: h.update(inner_tagmanifest_sha256=tag))
    refused(world, bad, "device_mismatch")


def test_enrolment_grant_used_by_a_second_laptop(world):
    doc = central_admin.issue_enrolment(world.central, device_name="shared", township="渔阳镇")
    a, b = world.laptop("a", enrol=False), world.laptop("b", enrol=False)
    for laptop in (a, b):
        with laptop.store.write() as s:
            enrolment.enrol(s, laptop.paths.keys, canonical.dumps(doc))
    assert world.up(a)["status"] == "applied"
    refused(world, b.export(world.stick())["bundle"], "grant_used")


# docs/sync-protocol.md §15 #8: revoked device

def test_revocation_quarantines_ops_after_the_cut_off_even_backdated(world, monkeypatch):
    a = world.laptop("a")
    eid = a.add_establishment(name="原名")
    assert world.up(a)["status"] == "applied"
    cut = central_admin.revoke(world.central, a.device_id)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 3 * 365 * 86400)  # the thief sets the clock back
    a.update_establishment(eid, phone="13900000000")
    a.add_establishment(name="假店")
    monkeypatch.undo()
    result = world.up(a)
    assert result["status"] == "applied"
    assert result["ops"]["quarantined"] == 2 and result["skipped"] == cut["revoked_after_seq"]
    with world.central.engine.connect() as c:
        names = [d["name"] for d in c.execute(select(m.record.c.data).where(
            m.record.c.entity == "establishment")).scalars()]
        quarantined = c.execute(select(m.op.c.payload).where(m.op.c.status == "quarantined")).scalars().all()
    assert names == ["原名"] and len(quarantined) == 2 and all(quarantined)
    with pytest.raises(StateError, match="revoked"):
        central_export.export_for_device(world.central, a.device_id, world.stick())


def test_revoked_device_reaches_other_laptops(world):
    a, b = world.laptop("a"), world.laptop("b")
    world.up(a)
    world.up(b)
    central_admin.revoke(world.central, a.device_id)
    assert world.down(b)["status"] == "applied"
    with a.store.session() as s:
        sign_id = load_device_keys(s, a.paths.keys).sign_key_id
    with b.store.session() as s:
        from inspector_app.core.models import KnownKey
        assert s.get(KnownKey, sign_id).revoked_at is not None


def enrol_with(world, laptop, doc) -> None:
    with laptop.store.write() as s:
        enrolment.enrol(s, laptop.paths.keys, canonical.dumps(doc))


def pinned_request(laptop) -> dict:
    with laptop.store.session() as s:
        keys = load_device_keys(s, laptop.paths.keys)
    return {"device_id": keys.device_id, "sign_pub": crypto.pub_b64(keys.sign), "enc_pub": crypto.pub_b64(keys.enc)}


def alarms(world) -> list[str]:
    with world.central.engine.connect() as c:
        return [d["reason"] for kind, d in c.execute(select(m.alert.c.kind, m.alert.c.detail)) if kind == "alarm"]


def test_a_laptop_lost_before_its_first_sync_is_revoked_by_its_grant(world):
    """A plain enrolment names no device until the first bundle: the grant serial revokes it, its first
    bundle is refused with an alarm, and the grant is dead for any other laptop too."""
    doc = central_admin.issue_enrolment(world.central, device_name="李明的笔记本", township="渔阳镇")
    serial = doc["grant"]["body"]["serial"]
    a, b = world.laptop("a", enrol=False), world.laptop("b", enrol=False)
    enrol_with(world, a, doc)
    enrol_with(world, b, doc)
    a.add_establishment()
    with pytest.raises(NotFound):  # the district does not know its device id
        central_admin.revoke(world.central, a.device_id)
    assert [g["grant_serial"] for g in central_admin.pending_grants(world.central)] == [serial]
    result = central_admin.revoke(world.central, grant=serial[:10])
    assert result == {"device_id": None, "revoked_after_seq": 0, "name": "李明的笔记本", "grant_serial": serial,
                      "registered": False}
    assert refused(world, a.export(world.stick())["bundle"], "revoked")["message"]
    refused(world, b.export(world.stick())["bundle"], "revoked")
    assert alarms(world) == ["revoked", "revoked"]
    assert central_admin.devices(world.central) == []
    assert central_admin.pending_grants(world.central)[0]["revoked_at"] is not None


def test_a_pinned_laptop_is_revoked_by_device_id_before_it_syncs(world):
    """An enrolment pinned with --request knows the device id and keys: revoke --device works at once,
    and every other laptop learns its keys are revoked."""
    a, b = world.laptop("a", enrol=False), world.laptop("b")
    doc = central_admin.issue_enrolment(world.central, device_name="a", township="渔阳镇",
                                        request=pinned_request(a))
    enrol_with(world, a, doc)
    a.add_establishment()
    result = central_admin.revoke(world.central, a.device_id[:12])
    assert (result["device_id"], result["registered"]) == (a.device_id, False)
    refused(world, a.export(world.stick())["bundle"], "revoked")
    assert world.up(b)["status"] == "applied" and world.down(b)["status"] == "applied"
    with a.store.session() as s:
        sign_id = load_device_keys(s, a.paths.keys).sign_key_id
    with b.store.session() as s:
        from inspector_app.core.models import KnownKey
        assert s.get(KnownKey, sign_id).revoked_at is not None


def test_revoking_a_registered_laptop_by_its_grant_uses_the_cut_off(world):
    doc = central_admin.issue_enrolment(world.central, device_name="a", township="渔阳镇")
    a = world.laptop("a", enrol=False)
    enrol_with(world, a, doc)
    a.add_establishment()
    applied = world.up(a)["applied_through_seq"]
    assert central_admin.pending_grants(world.central) == []
    result = central_admin.revoke(world.central, grant=doc["grant"]["body"]["serial"])
    assert (result["device_id"], result["revoked_after_seq"], result["registered"]) == (a.device_id, applied, True)
    a.add_establishment(name="后来的店")
    assert world.up(a)["ops"]["quarantined"] == 1


# docs/sync-protocol.md §15 #9: key rotation

def test_late_bundle_to_retired_central_keys_still_imports(world):
    a = world.laptop("a")
    a.add_establishment()
    made = a.export(world.stick())  # encrypted to current + next
    for _ in range(2):
        central_keys.rotate(world.central.keys_dir, "enc")
    world.central.reload_keys()
    statuses = {e["key_id"]: e["status"] for e in world.central.keys.entries("enc")}
    header = canonical.loads(members(Path(made["bundle"]))["header.json"])
    assert {statuses[k] for k in header["recipient"]["key_ids"]} == {"retired"}
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"
    # the laptop learns the new key set from the next downward bundle and encrypts to it
    assert world.down(a)["status"] == "applied"
    a.add_establishment(name="新店")
    header = canonical.loads(members(Path(a.export(world.stick())["bundle"]))["header.json"])
    assert sorted(statuses[k] for k in header["recipient"]["key_ids"]) == ["current", "next"]


def test_key_set_not_signed_by_root_is_refused(world, tmp_path):
    a = world.laptop("a")
    world.up(a)
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    path = Path(made["bundle"])
    fake_root = Ed25519PrivateKey.generate()
    doc = world.central.keys.keyset_doc()
    forged = crypto.sign_doc(doc["body"], fake_root)
    bad = rewrap(path, tmp_path / path.name, sign_key=world.central.keys.current("signing"),
                 header_edit=lambda h: h["sender"].update(keyset=forged))
    laptop_refused(a, bad, "untrusted_sender")


# docs/sync-protocol.md §15 #17: ack forgery

def _alarms(laptop):
    with laptop.store.session() as s:
        return s.connection().exec_driver_sql("SELECT count(*) FROM audit_log WHERE action='sync.alarm'").scalar()


def test_ack_above_the_laptops_last_seq(world, monkeypatch):
    a = world.laptop("a")
    a.add_establishment()
    world.up(a)
    real = central_export.acks_for

    def forged(c, dev):
        acks = real(c, dev)
        return {**acks, "acked_through_seq": acks["acked_through_seq"] + 10}

    monkeypatch.setattr(central_export, "acks_for", forged)
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    monkeypatch.undo()
    laptop_refused(a, made["bundle"], "ack_forgery")
    assert _alarms(a) == 1
    assert sync_status(a.store)["pending"] > 0


def test_ack_for_another_laptop(world, monkeypatch):
    a = world.laptop("a")
    world.up(a)
    real = central_export.acks_for
    monkeypatch.setattr(central_export, "acks_for", lambda c, dev: {**real(c, dev), "device_id": "e" * 32})
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    monkeypatch.undo()
    laptop_refused(a, made["bundle"], "ack_forgery")
    assert _alarms(a) == 1


def test_ack_signed_by_a_non_central_key(world, tmp_path):
    a = world.laptop("a")
    a.add_establishment()
    world.up(a)
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    path = Path(made["bundle"])
    impostor = Ed25519PrivateKey.generate()
    bad = rewrap(path, tmp_path / path.name, sign_key=impostor,
                 header_edit=lambda h: h["sender"].update(
                     key_id=crypto.key_id(crypto.raw_public(impostor.public_key()))))
    laptop_refused(a, bad, "untrusted_sender")
    assert _alarms(a) == 1
    # the genuine bundle still applies afterwards
    assert a.import_(made["bundle"])["status"] == "applied"
