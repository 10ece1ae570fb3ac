"""docs/sync-protocol.md §15 #14 crash mid-import (a hook at every step, and a real SIGKILL), and BEGIN IMMEDIATE
contention with the desktop app's writer; #15's laptop side is in test_sync_tamper."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from test_sync_order import fresh_central, records

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.core import evidence

STEPS = ("verified", "decrypted", "blobs", "transaction", "committed", "archived")


class Crash(BaseException):
    pass


def photo_bytes():
    import io
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def with_photo(world):
    from factories import answer_all, finalize_signed

    from inspector_app.core import catalog, inspections
    a = world.laptop("a")
    eid = a.add_establishment()
    with a.store.write() as s:
        insp = inspections.start(s, establishment_id=eid, checklist_id="catering", inspector_ids=a.inspectors)
        answer_all(s, insp.id, catalog.get(s, "catering"))
        evidence.attach(s, a.paths.blobs, inspection_id=insp.id, source=photo_bytes(), name="p.png")
        finalize_signed(s, insp.id, blobs=a.paths.blobs)
    made = a.export(world.stick())
    assert made["blobs"] == 4  # the photo and three signatures
    return world, a, made


def counts(central):
    with central.engine.connect() as c:
        return {t.name: len(c.execute(select(t)).all()) for t in (m.record, m.op, m.bundle, m.blob)}


@pytest.mark.parametrize("step", STEPS)
def test_crash_at_each_step_then_rerun_converges(with_photo, step):
    world, a, made = with_photo
    world.central.close()
    reference = fresh_central(world, "ref")
    assert central_import.import_bundle(reference, made["bundle"])["status"] == "applied"
    expected, expected_counts = records(reference), counts(reference)
    reference.close()
    central = fresh_central(world, f"crash-{step}")

    def hook(name):
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        central_import.import_bundle(central, made["bundle"], hook=hook)
    again = central_import.import_bundle(central, made["bundle"])
    assert again["status"] == ("duplicate" if step in ("committed", "archived") else "applied")
    assert records(central) == expected and counts(central) == expected_counts
    assert central_import.import_bundle(central, made["bundle"])["status"] == "duplicate"
    central.close()


def test_orphan_blob_from_a_crash_is_garbage_collected(with_photo):
    world, a, made = with_photo
    with pytest.raises(Crash):
        central_import.import_bundle(world.central, made["bundle"], hook=lambda s: (_ for _ in ()).throw(Crash())
                                     if s == "transaction" else None)
    blobs = list((world.central.data_dir / "central" / "blobs").glob("*/*"))
    assert len(blobs) == 4
    assert sorted(central_admin.gc_orphan_blobs(world.central, older_than_s=-1)) == sorted(b.name for b in blobs)
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"
    assert central_admin.gc_orphan_blobs(world.central, older_than_s=-1) == []


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


@pytest.mark.parametrize("step", ["blobs", "transaction"])
def test_sigkill_mid_import(with_photo, step):
    world, a, made = with_photo
    world.central.close()
    code = KILLER.format(paths=sys.path, data=str(world.root / "central"), step=step, bundle=made["bundle"])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    from inspector_app.central.store import open_central
    world.central = open_central(world.root / "central")
    assert counts(world.central)["op_log"] == 0
    assert central_import.import_bundle(world.central, made["bundle"])["status"] == "applied"


def test_laptop_crash_mid_import_leaves_nothing_then_converges(with_photo):
    world, a, made = with_photo
    central_import.import_bundle(world.central, made["bundle"])
    down = central_export.export_for_device(world.central, a.device_id, world.stick())
    with pytest.raises(Crash):
        a.import_(down["bundle"], hook=lambda s: (_ for _ in ()).throw(Crash()) if s == "transaction" else None)
    assert a.outbox("acked") == []
    assert a.import_(down["bundle"])["status"] == "applied"
    assert a.outbox("pending") == []


def test_import_waits_for_the_desktop_apps_writer(with_photo):
    world, a, made = with_photo
    central_import.import_bundle(world.central, made["bundle"])
    down = central_export.export_for_device(world.central, a.device_id, world.stick())
    held = threading.Event()

    def ui_writer():
        with a.store.write() as s:
            s.connection().exec_driver_sql("SELECT 1")
            s.execute(__import__("sqlalchemy").text("UPDATE sync_state SET hlc = hlc WHERE id = 1"))
            held.set()
            time.sleep(1.0)

    thread = threading.Thread(target=ui_writer)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    result = a.import_(down["bundle"])
    thread.join()
    assert result["status"] == "applied"
    assert time.monotonic() - started > 0.5  # it waited for BEGIN IMMEDIATE instead of failing


def test_central_import_waits_for_another_writer(with_photo):
    world, a, made = with_photo
    held = threading.Event()

    def other():
        with world.central.tx() as c:
            c.execute(select(m.meta)).all()
            c.exec_driver_sql("UPDATE central_meta SET value = value WHERE name = 'usn'")
            held.set()
            time.sleep(1.0)

    thread = threading.Thread(target=other)
    thread.start()
    held.wait(5)
    result = central_import.import_bundle(world.central, made["bundle"])
    thread.join()
    assert result["status"] == "applied"
    assert Path(made["bundle"]).exists() and os.path.getsize(made["bundle"]) > 0
