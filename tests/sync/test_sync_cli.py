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


def test_revoking_laptops_that_never_synced_from_the_command_line(tmp_path, capsys):
    """docs/sync-protocol.md §5.5: `central devices` lists enrolments not synced yet; `central revoke --grant`
    (a plain enrolment) or `--device` (one pinned with --request) revokes them; their first bundle is refused."""
    dist, plain, pinned = tmp_path / "dist", tmp_path / "plain", tmp_path / "pinned"
    assert run(capsys, "--data-dir", dist, "central", "init", "--json")[0] == 0
    for lap in (plain, pinned):
        assert run(capsys, "--data-dir", lap, "init", "--json")[0] == 0
    code, request, _ = run(capsys, "--data-dir", pinned, "enrol", "--request", tmp_path / "req.json", "--json")
    assert code == 0
    code, issued, _ = run(capsys, "--data-dir", dist, "central", "enrol", "--device-name", "丢失的笔记本",
                          "--township", "渔阳镇", "--out", tmp_path / "plain.json", "--json")
    serial = issued["grant_serial"]
    assert run(capsys, "--data-dir", dist, "central", "enrol", "--device-name", "钉住的笔记本", "--township",
               "渔阳镇", "--out", tmp_path / "pinned.json", "--request", tmp_path / "req.json", "--json")[0] == 0
    code, rows, _ = run(capsys, "--data-dir", dist, "central", "devices", "--json")
    assert [(r["name"], r["status"], r["device_id"]) for r in rows] == [
        ("丢失的笔记本", "pending", None), ("钉住的笔记本", "pending", request["device_id"])]
    code, text, _ = run(capsys, "--data-dir", dist, "central", "devices")
    assert serial in text and "丢失的笔记本" in text
    code, _, err = run(capsys, "--data-dir", dist, "central", "revoke", "--json")
    assert code != 0 and "--grant" in err
    code, data, _ = run(capsys, "--data-dir", dist, "central", "revoke", "--grant", serial[:8], "--json")
    assert code == 0 and data["grant_serial"] == serial and data["registered"] is False
    code, data, _ = run(capsys, "--data-dir", dist, "central", "revoke", "--device", request["device_id"][:10],
                        "--json")
    assert code == 0 and data["device_id"] == request["device_id"] and data["registered"] is False
    code, text, _ = run(capsys, "--data-dir", dist, "central", "devices")
    assert text.count("REVOKED") == 2
    for lap, name in ((plain, "plain.json"), (pinned, "pinned.json")):
        assert run(capsys, "--data-dir", lap, "enrol", tmp_path / name, "--json")[0] == 0
        run(capsys, "--data-dir", lap, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
            "--township", "渔阳镇", "--json")
        code, made, _ = run(capsys, "--data-dir", lap, "export", "--out", tmp_path / "stick", "--json")
        code, data, _ = run(capsys, "--data-dir", dist, "central", "import", made["bundle"], "--json")
        assert code == 1 and (data["status"], data["reason"]) == ("rejected", "revoked")
    code, rows, _ = run(capsys, "--data-dir", dist, "central", "devices", "--json")
    assert [r["status"] for r in rows] == ["revoked", "revoked"]  # still never registered
    code, data, _ = run(capsys, "--data-dir", dist, "central", "conflicts", "--json")
    assert [a["detail"]["reason"] for a in data["alerts"]] == ["revoked", "revoked"]
