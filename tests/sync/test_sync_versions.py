"""docs/sync-protocol.md §15 #12 versions and #13 clock skew, plus drafts that never leave the laptop."""

import json
import time
from pathlib import Path

from forge import db_fingerprint, encrypt_for, members, rewrap
from sqlalchemy import select, text
from sync_world import Laptop

from inspector_app.central import apply as central_apply
from inspector_app.central import conflicts
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central import reprocess as central_reprocess
from inspector_app.cli import main
from inspector_app.core import migrate
from inspector_app.core.db import make_engine, open_store
from inspector_app.core.keys import load_device_keys
from inspector_app.core.sync import bag, bundle, canonical


def device_key(a):
    with a.store.session() as s:
        return load_device_keys(s, a.paths.keys).sign


def resigned_ops(world, a, path: Path, tmp_path, edit_op, header_edit=None) -> Path:
    """The same bundle with each op passed through edit_op, correctly re-signed by the laptop's key."""
    import io
    import zipfile

    import pyrage
    parts = members(path)
    inner = pyrage.decrypt(parts["payload.age"], world.central.keys.identities())
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        ops = [json.loads(line) for line in zf.read("data/ops.jsonl").splitlines()]
    writer = bag.BagWriter(tmp_path / "in.zip")
    writer.add_lines("data/ops.jsonl", (canonical.dumps(edit_op(op)) for op in ops))
    header = json.loads(parts["header.json"])
    tag = writer.finish(bundle.bag_info(header), device_key(a))

    def edit(h):
        h["inner_tagmanifest_sha256"] = tag
        if header_edit:
            header_edit(h)
    return rewrap(path, tmp_path / path.name, sign_key=device_key(a),
                  payload=encrypt_for(world.central, (tmp_path / "in.zip").read_bytes()), header_edit=edit)


def test_format_major_plus_one_is_kept_with_a_clear_message(world, tmp_path):
    a = world.laptop("a")
    a.add_establishment()
    path = Path(a.export(world.stick())["bundle"])
    newer = rewrap(path, tmp_path / path.name, sign_key=device_key(a),
                   header_edit=lambda h: h.update(format="fsib/2.0"))
    result = central_import.import_bundle(world.central, newer)
    assert (result["status"], result["reason"]) == ("held", "format_newer")
    assert "newer version" in result["message"]
    assert Path(result["file"]).parent.name == "held"


def test_format_minor_plus_one_with_unknown_fields_is_accepted(world, tmp_path):
    a = world.laptop("a")
    a.add_establishment()
    path = Path(a.export(world.stick())["bundle"])
    newer = resigned_ops(world, a, path, tmp_path, lambda op: {**op, "future_field": {"x": 1}},
                         header_edit=lambda h: h.update(format="fsib/1.7", future={"routing": "x"}))
    assert central_import.import_bundle(world.central, newer)["status"] == "applied"


def test_old_payload_version_is_upcast(world, tmp_path, monkeypatch):
    a = world.laptop("a")
    eid = a.add_establishment(name="旧格式")
    path = Path(a.export(world.stick())["bundle"])

    def to_v0(op):  # the (imagined) v0 called licence_no "licence"
        if op["entity"] == "establishment":
            op = {**op, "payload_v": 0, "payload": {**op["payload"], "licence": op["payload"].pop("licence_no")}}
        return op

    def upcast_v0(op):
        payload = dict(op["payload"])
        payload["licence_no"] = payload.pop("licence")
        return {**op, "payload_v": 1, "payload": payload}

    monkeypatch.setitem(central_apply.UPCASTERS, 0, upcast_v0)
    old = resigned_ops(world, a, path, tmp_path, to_v0)
    assert central_import.import_bundle(world.central, old)["status"] == "applied"
    with world.central.engine.connect() as c:
        data = c.execute(select(m.record.c.data).where(m.record.c.id == eid)).scalar()
    assert "licence_no" in data and "licence" not in data


def test_unknown_op_type_is_held_not_dropped(world, tmp_path):
    a = world.laptop("a")
    a.add_establishment()
    path = Path(a.export(world.stick())["bundle"])
    odd = resigned_ops(world, a, path, tmp_path,
                       lambda op: {**op, "op": "merge"} if op["entity"] == "establishment" else op)
    result = central_import.import_bundle(world.central, odd)
    assert result["status"] == "applied" and result["ops"]["held"] == 1
    with world.central.engine.connect() as c:
        row = c.execute(select(m.op).where(m.op.c.status == "held")).mappings().one()
    assert row["op"] == "merge" and row["payload"]["name"]


def test_held_ops_are_applied_once_central_understands_them(world, tmp_path, monkeypatch, capsys):
    a = world.laptop("a")
    eid = a.add_establishment(name="新格式店")
    path = Path(a.export(world.stick())["bundle"])

    def to_v2(op):  # a newer app renamed phone to tel
        if op["entity"] == "establishment":
            payload = {**op["payload"], "tel": op["payload"].pop("phone", None)}
            op = {**op, "payload_v": 2, "payload": payload}
        return op

    newer = resigned_ops(world, a, path, tmp_path, to_v2)
    result = central_import.import_bundle(world.central, newer)
    assert result["status"] == "applied" and result["ops"]["held"] == 1
    held = central_reprocess.held_ops(world.central)
    assert [(h["entity_id"], h["op"]) for h in held] == [(eid, "insert")] and "newer" in held[0]["reason"]
    before = db_fingerprint(world.central.engine)
    assert central_reprocess.reprocess(world.central, by="区局张三")["held"] == 1  # still not understood
    assert db_fingerprint(world.central.engine) == before
    # central is upgraded: it now knows payload_v 2 (and upcasts v1)
    monkeypatch.setattr(central_apply, "PAYLOAD_V", 2)
    monkeypatch.setitem(central_apply.UPCASTERS, 1, lambda op: {**op, "payload_v": 2, "payload": {
        **{k: v for k, v in op["payload"].items() if k != "phone"}, "tel": op["payload"].get("phone")}})
    code = main(["--data-dir", str(world.root / "central"), "central", "held", "--reprocess", "--json"])
    assert code == 1 and "--by" in capsys.readouterr().err
    code = main(["--data-dir", str(world.root / "central"), "central", "held", "--reprocess", "--by", "区局张三",
                 "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["applied"] == 1 and out["held"] == 0
    with world.central.engine.connect() as c:
        data = c.execute(select(m.record.c.data).where(m.record.c.id == eid)).scalar()
        row = c.execute(select(m.op).where(m.op.c.entity_id == eid, m.op.c.entity == "establishment")).mappings().one()
    assert data["name"] == "新格式店" and "tel" in data
    assert row["status"] == "applied" and "re-processed by 区局张三" in row["reason"] and row["payload"] is None
    assert central_reprocess.held_ops(world.central) == []
    code = main(["--data-dir", str(world.root / "central"), "central", "held", "--ops", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out) == []


def test_laptop_migrated_across_heads_keeps_and_exports_pending_rows(world):
    root = world.root / "old"
    root.mkdir()
    from inspector_app.core import catalog, district, keys, users
    from inspector_app.core.paths import AppPaths
    paths = AppPaths.at(root).ensure()
    engine = make_engine(paths.database)
    migrate.upgrade(engine, "0003")
    engine.dispose()
    from inspector_app.core.db import Store
    old = Store(paths.database, make_engine(paths.database))
    with old.write() as s:
        catalog.install_shipped(s)
        district.ensure_areas(s)
        # a user, not an establishment: today's Establishment model has columns that old schema lacks
        users.add(s, name="迁移前", role="inspector", credential_no="OLD00001")
    old.close()
    store = open_store(paths.database)  # upgrades to head with the pending rows
    assert migrate.current(store.engine) == migrate.head()
    with store.write() as s:
        keys.ensure_device_keys(s, paths.keys)
    laptop = Laptop("old", paths, store)
    world.enrol(laptop)
    world.laptops["old"] = laptop
    assert laptop.outbox("pending")
    made = laptop.export(world.stick())
    assert made["ops"] == 1
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"


def test_hlc_is_monotonic_across_clock_jumps(world, monkeypatch):
    a = world.laptop("a")
    eid = a.add_establishment()
    real = time.time
    for shift in (10 * 365 * 86400, -10 * 365 * 86400, 0, -3600):
        monkeypatch.setattr(time, "time", lambda s=shift: real() + s)
        a.update_establishment(eid, phone=f"1380000{abs(shift) % 10000:04d}")
    monkeypatch.undo()
    with a.store.session() as s:
        hlcs = [r[0] for r in s.execute(text("SELECT hlc FROM outbox ORDER BY seq"))]
    assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs)


def test_a_laptop_ten_years_ahead_cannot_flip_authoritative_fields_and_is_flagged(world, monkeypatch):
    from inspector_app.central import admin as central_admin
    a = world.laptop("a")
    eid = a.add_establishment(name="真名")
    world.up(a)
    world.down(a)
    central_admin.edit_record(world.central, "establishment", eid, {"name": "登记名"}, by="admin")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10 * 365 * 86400)
    a.update_establishment(eid, name="未来名")
    monkeypatch.undo()
    world.up(a)
    with world.central.engine.connect() as c:
        data = c.execute(select(m.record.c.data).where(m.record.c.id == eid)).scalar()
        skew = c.execute(select(m.alert).where(m.alert.c.kind == "skew")).mappings().all()
    assert data["name"] == "登记名"
    assert len(skew) == 1
    assert any(x["kind"] == "skew" for x in conflicts.list_alerts(world.central))


def test_drafts_never_leave_the_laptop_and_go_out_whole_once_finalized(world):
    a = world.laptop("a")
    eid = a.add_establishment()
    draft = a.inspect(eid, finalize=False)
    made = a.export(world.stick())
    ops = _ops(world, made["bundle"])
    assert {op["op"] for op in ops if op["entity_id"] == draft or op["entity"] == "answer"} == {"withheld"}
    assert all(op["payload"] is None for op in ops if op["op"] == "withheld")
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"
    with world.central.engine.connect() as c:
        assert c.execute(select(m.record).where(m.record.c.entity.in_(("inspection", "answer")))).first() is None
    world.down(a)  # the draft's rows are acked as markers
    from factories import finalize_signed
    with a.store.write() as s:
        finalize_signed(s, draft, blobs=a.paths.blobs)
    made = a.export(world.stick())
    ops = _ops(world, made["bundle"])
    finals = [op for op in ops if op["op"] == "finalize"]
    assert len(finals) == 1 and finals[0]["entity_id"] == draft
    assert finals[0]["payload"]["parts"]["answer"]
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"
    with world.central.engine.connect() as c:
        answers = c.execute(select(m.record.c.id).where(m.record.c.entity == "answer",
                                                        m.record.c.ref == draft)).all()
    assert len(answers) == len(finals[0]["payload"]["parts"]["answer"])


def _ops(world, path):
    import io
    import zipfile

    import pyrage
    inner = pyrage.decrypt(members(Path(path))["payload.age"], world.central.keys.identities())
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        return [json.loads(line) for line in zf.read("data/ops.jsonl").splitlines()]
