"""core/sync/http_cancel.py: a body of many chunks passes whole; cancelling stops a request or a body that hangs."""

import threading
import time

import httpx
import pytest

from inspector_app.core.errors import Cancelled
from inspector_app.core.sync.http_cancel import CancellableTransport

CHUNKS = [bytes([n]) * 70_000 for n in range(40)]  # 2.8 MB in 40 pieces: more than the pump's queue holds


class Slow(httpx.SyncByteStream):
    """A body whose chunks come one by one, and which can stall after `stall_after` of them."""

    def __init__(self, stall_after: int | None = None):
        self.stall_after, self.release = stall_after, threading.Event()

    def __iter__(self):
        for n, chunk in enumerate(CHUNKS):
            if n == self.stall_after:
                self.release.wait(30)
            yield chunk


def test_a_long_body_arrives_whole_and_in_order():
    transport = CancellableTransport(lambda: False, httpx.MockTransport(
        lambda request: httpx.Response(200, stream=Slow())))
    with httpx.Client(transport=transport) as client, client.stream("GET", "http://district/x") as response:
        assert response.status_code == 200
        assert b"".join(response.iter_bytes()) == b"".join(CHUNKS)


def test_cancel_stops_a_request_that_gets_no_answer():
    answer = threading.Event()
    flag = threading.Event()

    def handler(request):
        answer.wait(30)
        return httpx.Response(204)
    transport = CancellableTransport(flag.is_set, httpx.MockTransport(handler))
    threading.Timer(0.3, flag.set).start()
    started = time.monotonic()
    with httpx.Client(transport=transport) as client, pytest.raises(Cancelled):
        client.get("http://district/x")
    assert time.monotonic() - started < 2
    answer.set()


def test_cancel_stops_a_body_that_stalls_half_way():
    body = Slow(stall_after=5)
    flag = threading.Event()
    transport = CancellableTransport(flag.is_set, httpx.MockTransport(lambda request: httpx.Response(200, stream=body)))
    got = []
    with httpx.Client(transport=transport) as client, client.stream("GET", "http://district/x") as response, \
            pytest.raises(Cancelled):
        for chunk in response.iter_bytes():
            got.append(chunk)
            if len(b"".join(got)) >= 5 * 70_000:
                flag.set()
    assert b"".join(got) == b"".join(CHUNKS[:5])
    body.release.set()
