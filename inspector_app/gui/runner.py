"""Run store and long work off the UI thread, and bring results back to it.

One worker thread owns every store operation (SQLite has one writer); a small
pool runs PDF rendering and file work. Results and errors come back to the
GUI thread only through a Qt signal. Workers must never touch widgets: an op
receives a Task (store, progress, cancel) and returns plain data.

    runner.op(fetch_rows, parent=self).success(self.show_rows).run()
    runner.op(export, parent=self).with_progress(self.tr("Exporting…")).changes("sync").run()
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import Cancelled

logger = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 600


class Task:
    """What an op sees: the store, a progress callback and a cancel flag. Thread-safe."""

    def __init__(self, context, runner: Runner):
        self.context = context
        self._runner = runner
        self._cancel = threading.Event()
        self.progress_callback: Callable[[int, int, str], None] | None = None

    @property
    def store(self):
        """The open store (ops on the store worker run after the one that opens it)."""
        return self.context.store

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.check_cancelled()
        if self.progress_callback:
            self._runner.call_on_main(lambda: self.progress_callback(done, total, label))

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("cancelled")


class Op:
    """A builder for one background operation; call run() last."""

    def __init__(self, runner: Runner, fn: Callable[[Task], Any], parent: QWidget | None):
        self._runner, self._fn, self._parent = runner, fn, parent
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._report: Callable[[int, int, str], None] | None = None
        self._cancellable = False
        self._pool = False
        self._changes: tuple[str, ...] = ()

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._failure = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = True) -> Op:
        self._label, self._cancellable = label, cancellable
        return self

    def reporting(self, callback: Callable[[int, int, str], None]) -> Op:
        """Send progress (done, total, label) to the page's own bar, on the GUI thread, instead of a dialog.

        The page cancels through the Task that run() returns; callbacks stop when the parent is gone."""
        self._report = callback
        return self

    def on_pool(self) -> Op:
        """Run on the work pool (PDFs, files) instead of the store worker."""
        self._pool = True
        return self

    def changes(self, *kinds: str) -> Op:
        """After success, announce that these kinds of data changed (pages refresh themselves)."""
        self._changes = kinds
        return self

    def run(self) -> Task:
        return self._runner._submit(self)


class _Job:
    """One submitted op (a plain class: the runner starts right after the first window shows)."""

    __slots__ = ("op", "task", "dialog", "outcome")

    def __init__(self, op: Op, task: Task, dialog: QProgressDialog | None):
        self.op, self.task, self.dialog = op, task, dialog
        self.outcome: tuple[bool, Any] | None = None


class Runner(QObject):
    """The single door to background work. See the module docstring."""

    changed = Signal(object)  # frozenset of change kinds, e.g. {"establishments", "inspections"}
    busy_changed = Signal(bool)
    _wake = Signal()  # carries no Python object across threads: closures wait in _inbox

    def __init__(self, context, error_handler: Callable[[QWidget | None, BaseException], None]):
        super().__init__()
        self.context = context
        self._error_handler = error_handler
        self._store_worker = ThreadPoolExecutor(1, thread_name_prefix="store")
        self._pool = ThreadPoolExecutor(2, thread_name_prefix="work")
        self._pending = 0
        self._closed = False
        self._jobs: dict[int, _Job] = {}
        self._jobs_lock = threading.Lock()
        self._keys = itertools.count()
        self._inbox: deque[Callable[[], None]] = deque()
        self._inbox_lock = threading.Lock()
        self._gui_thread = threading.current_thread()
        # An automatic connection is queued when a worker emits, and only workers emit
        # (call_on_main posts a timer on the GUI thread). Naming
        # Qt.ConnectionType.QueuedConnection would make PySide build all ~90 enums of
        # the `Qt` namespace (30-40 ms) while the first window comes up.
        self._wake.connect(self._drain)

    def op(self, fn: Callable[[Task], Any], parent: QWidget | None = None) -> Op:
        return Op(self, fn, parent)

    @property
    def idle(self) -> bool:
        return self._pending == 0

    def _submit(self, op: Op) -> Task:
        task = Task(self.context, self)
        if self._closed:
            logger.debug("runner closed; dropping an operation")  # the window is closing
            return task
        dialog = self._progress_dialog(op, task) if op._label else None
        if op._report is not None and dialog is None:
            report, parent = op._report, op._parent
            task.progress_callback = lambda done, total, label: (
                report(done, total, label) if parent is None or shiboken6.isValid(parent) else None)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        key = next(self._keys)
        with self._jobs_lock:
            self._jobs[key] = _Job(op, task, dialog)
        (self._pool if op._pool else self._store_worker).submit(self._run, key)
        return task

    def _run(self, key: int) -> None:
        """Worker side. The GUI thread owns every reference to the op, its widgets and
        callbacks (in self._jobs); the worker borrows them and lets go before it signals,
        so no widget can be destroyed on a worker thread."""
        with self._jobs_lock:
            fn, task = self._jobs[key].op._fn, self._jobs[key].task
        try:
            outcome = (True, fn(task))
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
            outcome = (False, error)
        del fn, task
        with self._jobs_lock:
            self._jobs[key].outcome = outcome
        del outcome
        self.call_on_main(partial(self._finish, key))

    def _progress_dialog(self, op: Op, task: Task) -> QProgressDialog:
        from PySide6.QtCore import Qt
        dialog = QProgressDialog(op._label, self.tr("Cancel") if op._cancellable else "", 0, 0, op._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not op._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(task.cancel)

        def on_progress(done: int, total: int, label: str) -> None:
            if shiboken6.isValid(dialog):
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if label:
                    dialog.setLabelText(label)

        task.progress_callback = on_progress
        return dialog

    def call_on_main(self, callback: Callable[[], None]) -> None:
        """Queue a closure for the GUI thread (safe from any thread), like Anki's run_on_main.

        The closure waits in a locked deque and only a bare signal crosses
        the thread boundary: passing Python objects through queued Qt
        signals from worker threads crashed the interpreter here.
        """
        with self._inbox_lock:
            self._inbox.append(callback)
        if threading.current_thread() is self._gui_thread:
            QTimer.singleShot(0, self._drain)
        else:
            self._wake.emit()

    def _drain(self) -> None:
        while True:
            with self._inbox_lock:
                if not self._inbox:
                    return
                callback = self._inbox.popleft()
            callback()

    def _finish(self, key: int) -> None:
        with self._jobs_lock:
            job = self._jobs.pop(key)
        op, dialog = job.op, job.dialog
        job.task.progress_callback = None
        self._pending -= 1
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()
            dialog.deleteLater()
        try:
            parent_alive = op._parent is None or shiboken6.isValid(op._parent)
            succeeded, value = job.outcome
            error = None if succeeded else value
            if error is None:
                if op._changes:
                    self.changed.emit(frozenset(op._changes))
                if op._success and parent_alive:
                    op._success(value)
            elif isinstance(error, Cancelled):
                logger.info("operation cancelled")
            elif op._failure and parent_alive:
                op._failure(error)
            else:
                logger.error("background operation failed", exc_info=error)
                self._error_handler(op._parent if parent_alive else None, error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Finish running work, then refuse new work (callbacks may still ask for more)."""
        self._closed = True
        self._store_worker.shutdown(wait=True)
        self._pool.shutdown(wait=True)
