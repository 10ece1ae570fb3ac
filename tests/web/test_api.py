"""Bundles over HTTP against a real `inspector central serve` on loopback (SQLite): a laptop's change reaches
the district and, from there, a second laptop; acks come back; nothing is applied twice."""

from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select
from web_server import running_server

from inspector_app.central import models as m
from inspector_app.core.sync import http_sync, rotation
from inspector_app.core.sync.status import sync_status


def names(laptop) -> list[str]:
    with laptop.store.session() as s:
        return [r[0] for r in s.connection().exec_driver_sql("SELECT name FROM establishment").fetchall()]


def test_a_change_travels_laptop_to_district_to_laptop(world):
    a, b = world.laptop("a"), world.laptop("b")
    eid = a.add_establishment(name="网络餐馆", licence_no="JY21201190012345")
    a.inspect(eid)
    pending = sync_status(a.store)["pending"]
    assert pending > 0 and http_sync.last_contact(a.store) is None
    steps = []
    with running_server(world.root / "central") as base:
        first = http_sync.sync_over_http(a.store, a.paths, base, progress=lambda d, t, s: steps.append(s))
        assert first["uploaded"] == 1 and first["downloaded"] == 1 and first["pending"] == 0, first
        assert first["changes_sent"] == pending
        assert steps[0] == "fetch" and steps[-1] == "done" and "upload" in steps and "download" in steps
        with world.central.engine.connect() as c:
            record = c.execute(select(m.record.c.data).where(m.record.c.id == eid)).scalar()
            applied = c.execute(select(m.device.c.applied_through_seq)).scalar()
        assert record["name"] == "网络餐馆" and applied == sync_status(a.store)["acked_through_seq"]
        contact = http_sync.last_contact(a.store)
        assert contact.tzinfo is not None and abs((datetime.now(UTC) - contact).total_seconds()) < 60
        # nothing new: nothing goes up, nothing comes down
        again = http_sync.sync_over_http(a.store, a.paths, base)
        assert again == {"uploaded": 0, "downloaded": 0, "pending": 0, "changes_sent": 0}
        # a second laptop (never synced: it registers with an empty bundle) gets the establishment
        got = http_sync.sync_over_http(b.store, b.paths, base)
        assert got["uploaded"] == 1 and got["downloaded"] == 1, got
        assert "网络餐馆" in names(b)
        # b changes it; a sees the change with its next sync (a delta after its usn)
        b.update_establishment(eid, phone="13800001234")
        assert http_sync.sync_over_http(b.store, b.paths, base)["pending"] == 0
        assert http_sync.sync_over_http(a.store, a.paths, base)["downloaded"] == 1
    with a.store.session() as s:
        phone = s.connection().exec_driver_sql("SELECT phone FROM establishment WHERE name = '网络餐馆'").scalar()
    assert phone == "13800001234"


def test_the_same_upload_twice_is_applied_once(world):
    a = world.laptop("a")
    a.add_establishment(name="重复餐馆")
    made = a.export(world.stick())
    body = Path(made["bundle"]).read_bytes()
    with running_server(world.root / "central", workers=2) as base, httpx.Client() as client:
        url = f"{base}/api/v1/bundles/{made['bundle_id']}"
        first, second = client.put(url, content=body), client.put(url, content=body)
    assert first.status_code == 200 and first.json()["status"] == "applied", first.text
    assert second.status_code == 200 and second.json()["status"] == "duplicate", second.text
    # the receipt is the one `inspector central import` gives, less the district's file path
    assert {"status", "bundle_id", "device_id", "seq_from", "seq_to", "applied_through_seq", "ops"} <= \
        set(first.json())
    with world.central.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(m.op)).scalar() == made["ops"]


def test_a_laptop_that_rotated_its_keys_keeps_syncing(world):
    a = world.laptop("a")
    a.add_establishment(name="换钥餐馆")
    with running_server(world.root / "central") as base:
        assert http_sync.sync_over_http(a.store, a.paths, base)["pending"] == 0
        rotated = rotation.rotate(a.store, a.paths)
        # its requests are now signed with a key the district has not seen: it sends its new certificate
        # (an upload, nothing pending in it) and then asks again, signed with the key now registered
        result = http_sync.sync_over_http(a.store, a.paths, base)
        assert result == {"uploaded": 1, "downloaded": 0, "pending": 0, "changes_sent": 0}, result
        a.add_establishment(name="换钥之后")  # the acknowledgement comes encrypted to the new key
        result = http_sync.sync_over_http(a.store, a.paths, base)
        assert result["uploaded"] == 1 and result["downloaded"] == 1 and result["pending"] == 0, result
    with world.central.engine.connect() as c:
        assert c.execute(select(m.device.c.sign_key_id)).scalar() == rotated["sign_key_id"]

