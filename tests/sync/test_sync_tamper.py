"""docs/sync-protocol.md §15 #1 tamper, #3 truncation, #15 pulled sticks: refused with a reason, kept aside,
nothing changed, and the laptop's outbox keeps every op for the next export."""

import random
import zipfile
from pathlib import Path

import pytest
from forge import db_fingerprint, decrypt_up, edit_zip, members, reseal_inner, rewrap

from inspector_app.central import importer as central_import
from inspector_app.core.sync import outer
from inspector_app.core.sync.errors import SyncRejected


@pytest.fixture
def sent(world):
    """A laptop with one establishment and one finalized inspection, exported once."""
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    a.inspect(eid)
    made = a.export(world.stick())
    return world, a, Path(made["bundle"])


def keys_of(a):
    from inspector_app.core.keys import load_device_keys
    with a.store.session() as s:
        return load_device_keys(s, a.paths.keys)


def assert_refused(world, path: Path, reason: str):
    before = db_fingerprint(world.central.engine)
    result = central_import.import_bundle(world.central, path)
    assert result["status"] == "rejected", result
    assert result["reason"] == reason, result
    assert db_fingerprint(world.central.engine) == before
    kept = Path(result["file"])
    assert kept.parent.name == "rejected" and kept.exists()
    assert reason in (kept.parent / (kept.name + ".reason.json")).read_text(encoding="utf-8")
    return result


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]


def test_flipped_header_byte(sent, tmp_path):
    world, a, path = sent
    parts = members(path)
    raw = parts["header.json"]
    at = raw.index(b'"seq_to"') + 9
    bad = rewrap(path, tmp_path / path.name, raw_header=flip(raw, at))
    result = assert_refused(world, bad, "signature")
    assert "header.sig" in result["message"]


def test_flipped_signature_byte(sent, tmp_path):
    world, _, path = sent
    sig = members(path)["header.sig"]
    assert_refused(world, rewrap(path, tmp_path / path.name, signature=flip(sig, 10)), "signature")


@pytest.mark.parametrize("where", ["age_header", "age_mac", "middle", "last_chunk"])
def test_flipped_payload_byte_is_caught_by_the_signed_hash(sent, tmp_path, where):
    world, _, path = sent
    body = members(path)["payload.age"]
    index = {"age_header": 20, "age_mac": body.index(b"\n---") + 6, "middle": len(body) // 2,
             "last_chunk": len(body) - 3}[where]
    bad = tmp_path / path.name
    data = path.read_bytes()
    offset = data.index(body)
    bad.write_bytes(data[:offset + index] + bytes([data[offset + index] ^ 1]) + data[offset + index + 1:])
    result = central_import.import_bundle(world.central, bad)
    assert result["status"] == "rejected" and result["reason"] in ("payload_hash", "manifest"), result


def test_resigned_truncated_age_stream_is_refused_by_age(sent, tmp_path):
    """A sender (or buggy writer) signs a payload whose final age chunk is missing."""
    world, a, path = sent
    body = members(path)["payload.age"]
    bad = rewrap(path, tmp_path / path.name, sign_key=keys_of(a).sign, payload=body[:-40])
    assert_refused(world, bad, "truncated")


def test_flipped_inner_file(sent, tmp_path):
    world, a, path = sent
    inner = decrypt_up(path, world.central)
    with zipfile.ZipFile(__import__("io").BytesIO(inner)) as zf:
        ops = zf.read("data/ops.jsonl")
    bad = reseal_inner(path, tmp_path / path.name, world.central, keys_of(a).sign,
                       edit_zip(inner, {"data/ops.jsonl": ops.replace(b"\xe5\xbc\xa0", b"\xe6\x9d\x8e", 1)}))
    assert_refused(world, bad, "manifest")


def test_manifest_rehashed_but_not_resigned(sent, tmp_path):
    import hashlib
    import io
    world, a, path = sent
    inner = decrypt_up(path, world.central)
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        ops = zf.read("data/ops.jsonl").replace(b"\xe5\xbc\xa0", b"\xe6\x9d\x8e", 1)
        manifest = zf.read("manifest-sha256.txt").decode()
        tags = zf.read("tagmanifest-sha256.txt").decode()
    old = hashlib.sha256(zipfile.ZipFile(io.BytesIO(inner)).read("data/ops.jsonl")).hexdigest()
    manifest = manifest.replace(old, hashlib.sha256(ops).hexdigest()).encode()
    old_m = hashlib.sha256(zipfile.ZipFile(io.BytesIO(inner)).read("manifest-sha256.txt")).hexdigest()
    tags = tags.replace(old_m, hashlib.sha256(manifest).hexdigest()).encode()
    edited = edit_zip(inner, {"data/ops.jsonl": ops, "manifest-sha256.txt": manifest,
                              "tagmanifest-sha256.txt": tags})
    bad = reseal_inner(path, tmp_path / path.name, world.central, keys_of(a).sign, edited,
                       tag_sha=hashlib.sha256(tags).hexdigest())
    result = assert_refused(world, bad, "signature")
    assert "tagmanifest.sig" in result["message"]


def test_same_change_id_with_other_content_raises_an_alarm(sent, tmp_path):
    """The device (its key) signs a second bundle whose op 1 differs from the one already applied."""
    import io

    from sqlalchemy import select

    from inspector_app.central import models as m
    world, a, path = sent
    assert central_import.import_bundle(world.central, path)["status"] == "applied"
    inner = decrypt_up(path, world.central)
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        ops = zf.read("data/ops.jsonl")
    # forge a fully consistent bag with a different op 1 (same seq and change_id)
    from inspector_app.core.sync import bag as bagmod
    from inspector_app.core.sync import canonical
    lines = ops.splitlines()
    import json
    first = json.loads(lines[0])
    first["payload"]["name"] = "改过的名字"
    new_lines = [canonical.dumps(first)] + lines[1:]
    writer_path = tmp_path / "inner.zip"
    writer = bagmod.BagWriter(writer_path)
    writer.add_lines("data/ops.jsonl", iter(new_lines))
    header = json.loads(members(path)["header.json"])
    header["bundle_id"] = "0" * 31 + "1"
    from forge import encrypt_for

    from inspector_app.core.sync.bundle import bag_info
    tag_sha = writer.finish(bag_info(header), keys_of(a).sign)
    bad2 = rewrap(path, tmp_path / path.name, sign_key=keys_of(a).sign,
                  payload=encrypt_for(world.central, writer_path.read_bytes()),
                  header_edit=lambda h: h.update(bundle_id=header["bundle_id"], inner_tagmanifest_sha256=tag_sha))
    assert_refused(world, bad2, "op_mismatch")
    with world.central.engine.connect() as c:
        alerts = c.execute(select(m.alert.c.kind, m.alert.c.detail)).all()
    assert any(kind == "alarm" and detail["reason"] == "op_mismatch" for kind, detail in alerts)


def _boundaries(path: Path) -> list[int]:
    data = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        offsets = [i.header_offset for i in zf.infolist()]
        body = members(path)["payload.age"]
    start = data.index(body)
    cd = data.rindex(b"PK\x01\x02", 0, len(data))
    eocd = data.rindex(b"PK\x05\x06")
    return sorted({0, 1, *offsets, *(o + 30 for o in offsets), start, start + 100, start + len(body) // 2,
                   start + len(body) - 1, start + len(body), cd, eocd, len(data) - 1})


def test_truncated_at_every_structural_boundary_and_random_offsets(sent, tmp_path):
    world, a, path = sent
    data = path.read_bytes()
    cuts = _boundaries(path) + random.Random(7).sample(range(1, len(data)), 12)
    before = db_fingerprint(world.central.engine)
    for n, cut in enumerate(cuts):
        bad = tmp_path / f"cut{n}-{path.name}"
        bad.write_bytes(data[:cut])
        result = central_import.import_bundle(world.central, bad)
        assert result["status"] == "rejected", (cut, result)
        assert result["reason"] in ("empty", "truncated", "malformed", "payload_hash", "signature"), (cut, result)
    assert db_fingerprint(world.central.engine) == before
    assert central_import.import_bundle(world.central, path)["status"] == "applied"


def test_no_central_directory_and_zero_bytes(sent, tmp_path):
    world, _, path = sent
    data = path.read_bytes()
    no_cd = tmp_path / "nocd.fsib"
    no_cd.write_bytes(data[:data.rindex(b"PK\x01\x02")])
    assert_refused(world, no_cd, "truncated")
    empty = tmp_path / "empty.fsib"
    empty.write_bytes(b"")
    assert_refused(world, empty, "empty")


def test_stick_pulled_partial_and_short_renamed_file(sent, tmp_path):
    """A .partial left behind, or a short file renamed into place: refused; the outbox still holds every op."""
    world, a, path = sent
    pending_before = a.outbox("pending")
    short = tmp_path / path.name
    short.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    assert_refused(world, short, "truncated")
    assert a.outbox("pending") == pending_before
    again = a.export(world.stick())
    assert again["ops"] == len(pending_before)
    assert central_import.import_bundle(world.central, again["bundle"])["status"] == "applied"


def test_full_disk_during_export_leaves_nothing_and_loses_nothing(world, monkeypatch, tmp_path):
    from inspector_app.core.errors import BundleError
    from inspector_app.core.sync import bundle
    a = world.laptop("a")
    a.add_establishment()
    stick = world.stick()
    real_open = open

    def full(path, mode="r", *args, **kw):
        handle = real_open(path, mode, *args, **kw)
        if str(path).endswith(".partial"):
            def write(_data):
                raise OSError(28, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr(bundle, "open", full, raising=False)
    with pytest.raises(BundleError, match="nothing was lost"):
        a.export(stick)
    assert list(stick.iterdir()) == []
    monkeypatch.undo()
    assert a.export(stick)["ops"] == len(a.outbox("pending"))


def test_outer_rejects_extra_members_and_compression(sent, tmp_path):
    world, _, path = sent
    parts = members(path)
    bad = tmp_path / "extra.fsib"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        zf.writestr("evil.txt", b"x")
    assert_refused(world, bad, "unsafe_zip")
    bad2 = tmp_path / "deflated.fsib"
    with zipfile.ZipFile(bad2, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert_refused(world, bad2, "unsafe_zip")
    with pytest.raises(SyncRejected):
        outer.read(bad2)
