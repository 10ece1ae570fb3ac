"""A connection that breaks mid-upload or mid-download: the laptop retries, and a sync that gives up leaves
the laptop as it was (its changes pending, its usn unchanged) and the next one finishes the job."""

import socket
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from web_server import free_port, running_server

from inspector_app.central import models as m
from inspector_app.core.errors import Cancelled, SyncUnavailable
from inspector_app.core.sync import http_sync
from inspector_app.core.sync.status import sync_status


class Flaky(httpx.BaseTransport):
    """The real network, except that the next `puts` uploads die half-way through their body and the next
    `gets` downloads stop half-way through (the Content-Length promised more)."""

    def __init__(self, puts: int = 0, gets: int = 0):
        self.real, self.puts, self.gets = httpx.HTTPTransport(), puts, gets
        self.seen: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.method)
        if request.method == "PUT" and self.puts:
            self.puts -= 1
            next(iter(request.stream))  # a first chunk goes out, then the line drops
            raise httpx.WriteError("connection reset by peer")
        response = self.real.handle_request(request)
        if request.method == "GET" and self.gets and response.status_code == 200:
            self.gets -= 1
            body = b"".join(response.stream)
            response.close()
            return httpx.Response(200, headers=response.headers, stream=httpx.ByteStream(body[:len(body) // 2]))
        return response

    def close(self) -> None:
        self.real.close()


def central_ops(world) -> int:
    with world.central.engine.connect() as c:
        return c.execute(select(func.count()).select_from(m.op)).scalar()


def state(laptop) -> tuple:
    status = sync_status(laptop.store)
    return status["pending"], status["acked_through_seq"], status["central_usn_applied"]


def test_a_broken_upload_and_download_are_retried_within_one_sync(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="断线餐馆")
    a.inspect(eid)
    flaky = Flaky(puts=1, gets=1)
    with running_server(world.root / "central") as base:
        result = http_sync.sync_over_http(a.store, a.paths, base, transport=flaky)
    assert result["uploaded"] == 1 and result["downloaded"] == 1 and result["pending"] == 0, result
    assert flaky.seen.count("PUT") == 2 and flaky.puts == flaky.gets == 0
    assert central_ops(world) == sync_status(a.store)["acked_through_seq"]


def test_a_sync_that_gives_up_leaves_the_laptop_as_it_was_and_the_next_one_finishes(world):
    a = world.laptop("a")
    a.add_establishment(name="重连餐馆")
    before = state(a)
    with running_server(world.root / "central") as base:
        # the upload never gets through: nothing reaches the district, nothing changes here
        with pytest.raises(SyncUnavailable) as caught:
            http_sync.sync_over_http(a.store, a.paths, base, transport=Flaky(puts=99))
        assert caught.value.code == "http.unreachable" and base in caught.value.message
        assert central_ops(world) == 0 and state(a) == before
        # the upload gets through, every download breaks: the district has the changes, the laptop's usn
        # and acks stay where they were, and no half bundle is kept as refused
        with pytest.raises(SyncUnavailable):
            http_sync.sync_over_http(a.store, a.paths, base, transport=Flaky(gets=99))
        assert central_ops(world) == before[0] and state(a) == before
        assert http_sync.last_contact(a.store) is None
        assert not list((a.paths.data_dir / "sync").glob("rejected/*.fsib"))
        # the next sync fetches the acks first, so the changes do not go up again
        result = http_sync.sync_over_http(a.store, a.paths, base)
    assert result == {"uploaded": 0, "downloaded": 1, "pending": 0, "changes_sent": 0}, result
    assert central_ops(world) == before[0]


def test_a_client_that_hangs_up_mid_body_leaves_nothing_on_the_server(world):
    a = world.laptop("a")
    a.add_establishment(name="半截餐馆")
    made = a.export(world.stick())
    body = Path(made["bundle"]).read_bytes()
    with running_server(world.root / "central") as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as raw:
            raw.sendall(f"PUT /api/v1/bundles/{made['bundle_id']} HTTP/1.1\r\nHost: x\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:len(body) // 2])
        incoming = world.root / "central" / "central" / "incoming"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and incoming.exists() and any(p.is_file() for p in incoming.rglob("*")):
            time.sleep(0.1)
        assert not (incoming.exists() and any(p.is_file() for p in incoming.rglob("*")))
        assert central_ops(world) == 0
        assert httpx.get(f"{base}/healthz").text == "ok"
        assert http_sync.sync_over_http(a.store, a.paths, base)["pending"] == 0  # and the laptop syncs after all
    assert central_ops(world) == made["ops"]


def test_no_server_bad_address_not_enrolled_and_cancel_are_clear_errors(world):
    a, lone = world.laptop("a"), world.laptop("lone", enrol=False)
    a.add_establishment(name="无网餐馆")
    nobody = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SyncUnavailable) as caught:
        http_sync.sync_over_http(a.store, a.paths, nobody)
    assert caught.value.code == "http.unreachable" and nobody in caught.value.message
    with pytest.raises(http_sync.InspectorError) as caught:
        http_sync.sync_over_http(a.store, a.paths, "ftp://example.org/")
    assert caught.value.code == "http.bad_url"
    with pytest.raises(http_sync.InspectorError) as caught:
        http_sync.sync_over_http(lone.store, lone.paths, nobody)
    assert caught.value.code == "sync.not_enrolled"
    with running_server(world.root / "central") as base:
        with pytest.raises(Cancelled):
            http_sync.sync_over_http(a.store, a.paths, base, cancel=lambda: True)
        assert central_ops(world) == 0 and http_sync.last_contact(a.store) is None
