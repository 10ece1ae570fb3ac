"""`inspector central serve` runs the district's service: it answers, and a client never sees a trace."""

import httpx
from sync_world import World
from web_server import running_server


def test_the_service_answers_and_hides_its_insides(tmp_path):
    world = World(tmp_path / "district")
    world.central.close()  # the server opens the store itself
    with running_server(world.root / "central") as base:
        assert httpx.get(f"{base}/healthz").text == "ok"
        missing = httpx.get(f"{base}/no/such/page")
        assert missing.status_code == 404 and "Traceback" not in missing.text
        assert "server" not in {k.lower() for k in missing.headers}  # no software banner for a scanner


def test_two_workers_serve_the_same_store(tmp_path):
    world = World(tmp_path / "district")
    world.central.close()
    with running_server(world.root / "central", workers=2) as base, httpx.Client() as client:
        assert all(client.get(f"{base}/healthz").text == "ok" for _ in range(20))
