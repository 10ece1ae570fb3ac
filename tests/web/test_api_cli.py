"""`inspector sync --url URL [--json]` against a real server: what it prints, that a second run sends nothing,
and the errors a script can tell apart."""

import json
import subprocess
import sys
from datetime import UTC, datetime

from cli_calls import call, ok
from web_server import REPO, free_port, running_server

from inspector_app.central import admin as central_admin


def test_sync_url_json_then_nothing_new(world):
    a, b = world.laptop("a"), world.laptop("b")
    eid = a.add_establishment(name="命令行餐馆")
    a.inspect(eid)
    data = a.paths.data_dir
    with running_server(world.root / "central") as base:
        first = ok(data, "sync", "--url", base)
        assert first["uploaded"] == 1 and first["downloaded"] == 1 and first["pending"] == 0, first
        assert ok(data, "sync", "--url", base + "/") == {"uploaded": 0, "downloaded": 0, "pending": 0,
                                                         "changes_sent": 0}
        status = ok(data, "sync", "status")  # the subcommands are still there, and say when the laptop last synced
        assert status["pending"] == 0 and status["last_contact"].startswith(str(datetime.now(UTC).year))
        # the installed command, in its own process, on the second laptop: the text says what happened
        run = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(b.paths.data_dir),
                              "sync", "--url", base], capture_output=True, text=True, timeout=120,
                             env={"PYTHONPATH": str(REPO), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                                  "PATH": "/usr/bin:/bin"})
        assert run.returncode == 0, run.stderr
        assert "uploaded 1 bundles, received 1" in run.stdout
        with b.store.session() as s:
            names = [r[0] for r in s.connection().exec_driver_sql("SELECT name FROM establishment")]
        assert "命令行餐馆" in names
        central_admin.revoke(world.central, a.device_id)
        code, _, err = call(data, "sync", "--url", base, "--json")
    assert code == 1
    refusal = json.loads(err)
    assert refusal["code"] == "http.refused" and "revoked" in refusal["message"]


def test_sync_without_url_or_server_says_what_to_do(world):
    a = world.laptop("a")
    data = a.paths.data_dir
    code, _, err = call(data, "sync", "--json")
    assert code == 1 and json.loads(err)["code"] == "http.sync_needs_url"
    nobody = f"http://127.0.0.1:{free_port()}"
    code, _, err = call(data, "sync", "--url", nobody, "--json")
    assert code == 1 and json.loads(err)["code"] == "http.unreachable" and "Traceback" not in err
    code, _, err = call(data, "sync", "--url", "not a url")
    assert code == 1 and "not a valid http(s) address" in err
