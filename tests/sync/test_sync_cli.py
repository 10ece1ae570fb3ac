"""The command line shapes scripts rely on, a clerk's relay round, and the GUI-facing progress/cancel API."""

import json
import threading
from pathlib import Path

import pytest

from inspector_app.cli import main
from inspector_app.core.errors import Cancelled


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith(("{", "[")) else out), err


def test_cli_end_to_end(tmp_path, capsys):
    lap, dist, clerk = tmp_path / "lap", tmp_path / "dist", tmp_path / "clerk"
    stick = tmp_path / "stick"
    assert run(capsys, "--data-dir", lap, "init", "--json")[0] == 0
    code, data, _ = run(capsys, "--data-dir", lap, "sync", "status", "--json")
    assert code == 0 and data["pending"] == 0 and data["enrolled"] is False and "acked_through_seq" in data
    code, _, err = run(capsys, "--data-dir", lap, "export", "--out", stick, "--json")
    assert code == 1 and "enrol this laptop first (inspector enrol FILE)" in err
    assert run(capsys, "--data-dir", dist, "central", "init", "--json")[0] == 0
    assert run(capsys, "--data-dir", dist, "central", "init", "--json")[1]["keys_created"] is False  # repeatable
    code, data, _ = run(capsys, "--data-dir", dist, "central", "enrol", "--device-name", "李明", "--township",
                        "120119100", "--out", tmp_path / "enrol.json", "--qr", tmp_path / "enrol.png", "--json")
    assert code == 0 and Path(data["qr"]).exists()
    code, data, _ = run(capsys, "--data-dir", lap, "enrol", tmp_path / "enrol.png", "--json")  # the QR photo
    assert code == 0 and data["device_name"] == "李明"
    code, data, _ = run(capsys, "--data-dir", lap, "enrol", tmp_path / "enrol.json", "--json")  # or the file
    assert code == 0 and data["device_name"] == "李明"
    device = data["device_id"]
    run(capsys, "--data-dir", lap, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
        "--township", "渔阳镇", "--json")
    code, data, _ = run(capsys, "--data-dir", lap, "export", "--out", stick, "--json")
    assert code == 0 and set(data) >= {"bundle", "ops"} and data["ops"] == 1
    bundle = data["bundle"]
    # the clerk collects, sees who sent what (no content), and forwards
    code, data, _ = run(capsys, "--data-dir", clerk, "relay", "collect", stick, "--json")
    assert code == 0 and data["intact"] == 1 and data["bundles"][0]["device_name"] == "李明"
    assert "ops" not in data["bundles"][0]
    courier = tmp_path / "courier"
    courier.mkdir()
    code, data, _ = run(capsys, "--data-dir", clerk, "relay", "deliver", courier, "--upward", "--json")
    assert code == 0 and len(data["delivered"]) == 1
    forwarded = data["delivered"][0]["file"]
    code, data, _ = run(capsys, "--data-dir", dist, "central", "import", forwarded, "--json")
    assert code == 0 and data["status"] == "applied"
    code, data, _ = run(capsys, "--data-dir", dist, "central", "import", bundle, "--json")
    assert code == 0 and data["status"] == "duplicate"
    broken = tmp_path / "broken.fsib"
    broken.write_bytes(Path(bundle).read_bytes()[:500])
    code, _, err = run(capsys, "--data-dir", dist, "central", "import", broken, "--json")
    assert code == 1
    code, data, _ = run(capsys, "--data-dir", dist, "central", "export", "--device", device, "--out",
                        tmp_path / "back", "--json")
    assert code == 0 and Path(data["bundle"]).exists()
    down = data["bundle"]
    # the clerk takes it back to the laptop's stick
    run(capsys, "--data-dir", clerk, "relay", "collect", tmp_path / "back", "--json")
    code, data, _ = run(capsys, "--data-dir", clerk, "relay", "deliver", stick, "--json")
    assert code == 0 and data["devices"] == [device] and len(data["delivered"]) == 1
    code, data, _ = run(capsys, "--data-dir", lap, "import", data["delivered"][0]["file"], "--json")
    assert code == 0 and data["status"] == "applied"
    code, data, _ = run(capsys, "--data-dir", lap, "import", down, "--json")
    assert code == 0 and data["status"] == "duplicate"
    code, data, _ = run(capsys, "--data-dir", lap, "sync", "status", "--json")
    assert data["pending"] == 0 and data["acked_through_seq"] == 1 and data["device_id"] == device
    code, data, _ = run(capsys, "--data-dir", dist, "central", "conflicts", "--json")
    assert code == 0 and data["conflicts"] == []
    code, data, _ = run(capsys, "--data-dir", dist, "central", "devices", "--json")
    assert data[0]["device_id"] == device
    code, data, _ = run(capsys, "--data-dir", dist, "central", "revoke", "--device", device[:12], "--json")
    assert code == 0 and data["revoked_after_seq"] == 1
    code, _, err = run(capsys, "--data-dir", dist, "central", "export", "--device", device, "--out", tmp_path, "--json")
    assert code == 1 and "revoked" in err
    code, data, _ = run(capsys, "--data-dir", dist, "central", "held", "--json")
    assert code == 0 and data == []


def test_central_commands_need_init(tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", tmp_path / "none", "central", "conflicts", "--json")
    assert code == 1 and "central init" in err


def test_export_reports_progress_and_cancels_cleanly(world):
    from inspector_app.core.sync import export
    a = world.laptop("a")
    for n in range(3):
        a.add_establishment(name=f"店{n}")
    seen = []
    stick = world.stick()
    export.export_bundle(a.store, a.paths, stick, progress=lambda d, t, s: seen.append(s))
    assert {"collect", "encrypt", "write", "done"} <= set(seen)
    stop = threading.Event()
    stop.set()
    empty = world.stick()
    with pytest.raises(Cancelled):
        export.export_bundle(a.store, a.paths, empty, cancel=stop)
    assert list(empty.iterdir()) == []
    assert not list((a.paths.data_dir / "sync" / "outgoing").glob("*.fsib"))


def test_enrol_from_a_picture_without_the_code_says_what_to_do(tmp_path, capsys):
    from PIL import Image
    Image.new("L", (200, 200), 255).save(tmp_path / "blank.png")
    assert run(capsys, "--data-dir", tmp_path / "lap", "init", "--json")[0] == 0
    code, _, err = run(capsys, "--data-dir", tmp_path / "lap", "enrol", tmp_path / "blank.png", "--json")
    assert code == 1 and "no enrolment QR code found in blank.png" in err
    code, data, _ = run(capsys, "--data-dir", tmp_path / "lap", "sync", "status", "--json")
    assert data["enrolled"] is False
