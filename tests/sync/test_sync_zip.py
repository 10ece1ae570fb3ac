"""docs/sync-protocol.md §15 #10 zip-slip and #11 zip-bomb, on the inner payload (signed and encrypted correctly, so
only our archive checks stand between the file and the disk) and on the outer file."""

import json
import stat
import unicodedata
import zlib
from pathlib import Path

import pytest
from forge import db_fingerprint, deflated, encrypt_for, members, raw_zip, reseal_inner, rewrap, stored

from inspector_app.central import importer as central_import
from inspector_app.core.keys import load_device_keys
from inspector_app.core.sync import bag, bundle


@pytest.fixture
def base(world):
    a = world.laptop("a")
    a.add_establishment()
    made = a.export(world.stick())
    with a.store.session() as s:
        key = load_device_keys(s, a.paths.keys).sign
    return world, a, Path(made["bundle"]), key


def refused(world, path, reasons):
    before = db_fingerprint(world.central.engine)
    result = central_import.import_bundle(world.central, path)
    assert result["status"] == "rejected" and result["reason"] in reasons, result
    assert db_fingerprint(world.central.engine) == before
    assert Path(result["file"]).exists()
    return result


def with_inner(base, tmp_path, inner: bytes, name="bad.fsib"):
    world, a, path, key = base
    return reseal_inner(path, tmp_path / name, world.central, key, inner)


EVIL = ["../x", "/x", "C:\\x", "\\\\?\\C:\\x", "data/../../x", "data\\..\\x", "data/blobs/../../etc/passwd",
        "data/inner.zip", "data/registry/Users.jsonl", "DATA/ops.jsonl", "~/x"]


@pytest.mark.parametrize("name", EVIL)
def test_zip_slip_names(base, tmp_path, name):
    inner = raw_zip([stored("bagit.txt", bag.BAGIT_TXT), stored(name, b"{}\n")])
    result = refused(base[0], with_inner(base, tmp_path, inner), ("unsafe_zip",))
    assert not (tmp_path.parent / "x").exists()
    assert "unsafe" in result["message"] or "unexpected" in result["message"]


def test_nfc_nfd_twins_case_collisions_duplicates_and_symlinks(base, tmp_path):
    nfd = unicodedata.normalize("NFD", "data/registry/é.jsonl")
    cases = {
        "nfd": raw_zip([stored(nfd, b"{}\n")]),
        "twins": raw_zip([stored("data/ops.jsonl", b""), stored("data/ops.jsonl", b"")]),
        "case": raw_zip([stored("data/ops.jsonl", b""), stored("data/OPS.jsonl", b"")]),
        "symlink": raw_zip([stored("data/ops.jsonl", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)]),
        "dir": raw_zip([stored("data/registry/", b"", mode=stat.S_IFDIR | 0o755)]),
    }
    for _n, (label, inner) in enumerate(cases.items()):
        refused(base[0], with_inner(base, tmp_path, inner, f"{label}.fsib"), ("unsafe_zip",))


def test_high_ratio_member(base, tmp_path):
    inner = raw_zip([deflated("data/ops.jsonl", b" " * (40 << 20))])
    refused(base[0], with_inner(base, tmp_path, inner), ("zip_bomb",))


def test_header_size_lies(base, tmp_path):
    """1 KB declared, 10 MB in the stream: never more than the declared size is read, and it fails."""
    inner = raw_zip([deflated("bagit.txt", b"a" * (10 << 20), declared=1000)])
    refused(base[0], with_inner(base, tmp_path, inner), ("zip_bomb", "manifest", "truncated"))


def test_overlapping_entries(base, tmp_path):
    inner = raw_zip([stored("bagit.txt", bag.BAGIT_TXT), stored("bag-info.txt", b"x" * 100)], point_to={1: 0})
    refused(base[0], with_inner(base, tmp_path, inner), ("zip_bomb", "malformed"))


def test_too_many_entries(base, tmp_path):
    entries = [stored(f"data/blobs/{n:064x}", b"") for n in range(100_000)]
    refused(base[0], with_inner(base, tmp_path, raw_zip(entries)), ("zip_bomb",))


def test_one_gigabyte_single_line_ops(base, tmp_path):
    block = b"a" * (1 << 20)
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(block, crc)
    body = segment * 1024 + b"\x03\x00"  # a final empty block
    inner = raw_zip([("data/ops.jsonl", 8, crc, body, 1 << 30, 0o100644)])
    refused(base[0], with_inner(base, tmp_path, inner), ("zip_bomb",))


def _signed_bag(base, tmp_path, lines):
    world, a, path, key = base
    writer = bag.BagWriter(tmp_path / "in.zip")
    writer.add_lines("data/ops.jsonl", iter(lines))
    header = json.loads(members(path)["header.json"])
    tag = writer.finish(bundle.bag_info(header), key)
    return rewrap(path, tmp_path / "bad.fsib", sign_key=key,
                  payload=encrypt_for(world.central, (tmp_path / "in.zip").read_bytes()),
                  header_edit=lambda h: h.update(inner_tagmanifest_sha256=tag))


def test_a_line_longer_than_the_cap_in_a_properly_signed_bag(base, tmp_path):
    bad = _signed_bag(base, tmp_path, [b'"' + b"a" * (bag.MAX_LINE + 10) + b'"'])
    refused(base[0], bad, ("zip_bomb",))


def test_deeply_nested_json(base, tmp_path):
    bad = _signed_bag(base, tmp_path, [b"[" * 100_000 + b"]" * 100_000])
    result = refused(base[0], bad, ("malformed",))
    assert "nested" in result["message"]


def test_nested_archive_as_a_blob_is_only_bytes(base, tmp_path):
    """A zip inside data/blobs/ is stored by hash and never opened."""
    import hashlib
    import io
    import zipfile
    world, a, path, key = base
    inner_zip = io.BytesIO()
    with zipfile.ZipFile(inner_zip, "w") as zf:
        zf.writestr("../../evil", b"x")
    data = inner_zip.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    writer = bag.BagWriter(tmp_path / "in.zip")
    ops = members(path)  # reuse the real ops
    import pyrage
    real_inner = pyrage.decrypt(ops["payload.age"], world.central.keys.identities())
    with zipfile.ZipFile(io.BytesIO(real_inner)) as zf:
        writer.add_bytes("data/ops.jsonl", zf.read("data/ops.jsonl"))
    (tmp_path / "blob").write_bytes(data)
    writer.add_file(f"data/blobs/{sha}", tmp_path / "blob")
    header = json.loads(ops["header.json"])
    tag = writer.finish(bundle.bag_info(header), key)
    good = rewrap(path, tmp_path / "nested.fsib", sign_key=key,
                  payload=encrypt_for(world.central, (tmp_path / "in.zip").read_bytes()),
                  header_edit=lambda h: h.update(inner_tagmanifest_sha256=tag))
    assert central_import.import_bundle(world.central, good)["status"] == "applied"
    assert not (world.central.data_dir.parent / "evil").exists()
    assert (world.central.data_dir / "central" / "blobs" / sha[:2] / sha).read_bytes() == data


def test_outer_zip_slip_and_oversized_header(base, tmp_path):
    world, a, path, key = base
    parts = members(path)
    evil = raw_zip([stored("header.json", parts["header.json"]), stored("header.sig", parts["header.sig"]),
                    stored("../payload.age", parts["payload.age"])])
    (tmp_path / "evil.fsib").write_bytes(evil)
    refused(world, tmp_path / "evil.fsib", ("unsafe_zip",))
    big = raw_zip([stored("header.json", b" " * (70 << 10)), stored("header.sig", parts["header.sig"]),
                   stored("payload.age", parts["payload.age"])])
    (tmp_path / "big.fsib").write_bytes(big)
    refused(world, tmp_path / "big.fsib", ("zip_bomb",))
