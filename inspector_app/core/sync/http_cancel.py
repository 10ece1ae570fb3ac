"""Cancelling that answers at once, even while the network hangs: an httpx transport that stops waiting.

sync_over_http (http_sync.py) checks `cancel` between steps, but one request to a district that
accepts the connection and then says nothing waits for the read timeout (minutes), and with it
whoever asked to cancel (the desktop's 取消, whose store worker every other page waits on). This
transport does the waiting on a helper thread and polls the cancel flag: once set, the request
(or the body being read) raises Cancelled and the sync stops where it would have stopped between
steps — nothing is applied from a reply that was not read whole. The helper thread finishes on
its own when the socket closes or times out. sync_over_http wraps its transport in it whenever
it is given a `cancel`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

import httpx

from ..errors import Cancelled

POLL_SECONDS = 0.1
_END = object()


def _in_background(fn: Callable[[], object], cancelled: Callable[[], bool]) -> object:
    """fn() on a daemon thread; its result, or Cancelled as soon as the flag is seen."""
    done = threading.Event()
    values: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            values.append(fn())
        except BaseException as exc:  # noqa: BLE001 - re-raised on the caller's thread
            errors.append(exc)
        finally:
            done.set()
    threading.Thread(target=run, name="http-wait", daemon=True).start()
    while not done.wait(POLL_SECONDS):
        if cancelled():
            raise Cancelled("cancelled")
    if errors:
        raise errors[0]
    return values[0]


class _Body(httpx.SyncByteStream):
    """A response body pumped by a helper thread; reading it gives up when 取消 is pressed."""

    def __init__(self, inner: httpx.SyncByteStream, cancelled: Callable[[], bool]):
        self.inner, self.cancelled = inner, cancelled
        self.chunks: queue.Queue = queue.Queue(maxsize=8)
        self.stop = threading.Event()
        self.pump: threading.Thread | None = None

    def _run(self) -> None:
        try:
            for chunk in self.inner:
                if not self._deliver(chunk):
                    return
            self._deliver(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the reader
            self._deliver(exc)

    def _deliver(self, item) -> bool:
        """Queue one item for the reader; False once the reader has gone (closed the body)."""
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[bytes]:
        if self.pump is None:
            self.pump = threading.Thread(target=self._run, name="http-body", daemon=True)
            self.pump.start()
        while True:
            try:
                item = self.chunks.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if self.cancelled():
                    raise Cancelled("cancelled") from None
                continue
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self.stop.set()
        if self.pump is None or not self.pump.is_alive():
            self.inner.close()
        else:  # the pump may be inside a read: let it close the body when it gets out
            threading.Thread(target=self.inner.close, name="http-close", daemon=True).start()


class CancellableTransport(httpx.BaseTransport):
    """httpx's own transport, waited on with an eye on `cancelled()`."""

    def __init__(self, cancelled: Callable[[], bool], inner: httpx.BaseTransport | None = None):
        self.cancelled = cancelled
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = _in_background(lambda: self.inner.handle_request(request), self.cancelled)
        assert isinstance(response, httpx.Response)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        return httpx.Response(response.status_code, headers=response.headers, stream=_Body(stream, self.cancelled),
                              extensions=response.extensions)

    def close(self) -> None:
        self.inner.close()
