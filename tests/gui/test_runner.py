"""The Runner: results come back on the GUI thread, errors reach a handler, widgets die on the GUI thread."""

import gc
import threading
import time

from gui_helpers import wait_idle
from PySide6.QtWidgets import QWidget

from inspector_app.core.errors import ValidationError


def test_success_runs_on_the_gui_thread_with_the_result(qtbot, context):
    seen = []
    context.runner.op(lambda task: threading.current_thread().name).success(
        lambda name: seen.append((name, threading.current_thread() is threading.main_thread()))).run()
    wait_idle(qtbot, context)
    assert seen and seen[0][0].startswith("store") and seen[0][1]


def test_failures_reach_the_failure_callback(qtbot, context):
    errors = []

    def fail(task):
        raise ValidationError("bad", field="x")
    context.runner.op(fail).failure(errors.append).run()
    wait_idle(qtbot, context)
    assert isinstance(errors[0], ValidationError)


def test_a_widget_kept_alive_only_by_an_op_is_destroyed_on_the_gui_thread(qtbot, context):
    deaths = []

    class Page(QWidget):
        def __del__(self):
            deaths.append(threading.current_thread() is threading.main_thread())

    for _ in range(20):
        page = Page()
        context.runner.op(lambda task, page=page: time.sleep(0.005) or page.objectName(), page) \
            .success(lambda _r, page=page: None).run()
        del page
    wait_idle(qtbot, context)
    gc.collect()
    assert deaths and all(deaths), deaths


def test_progress_is_reported_on_the_gui_thread(qtbot, context):
    reports, go = [], threading.Event()

    def work(task):
        go.wait(5)
        for n in range(3):
            task.progress(n + 1, 3, "step")
        return "done"
    task = context.runner.op(work).run()
    task.progress_callback = lambda done, total, label: reports.append(
        (done, total, threading.current_thread() is threading.main_thread()))
    go.set()
    wait_idle(qtbot, context)
    assert reports == [(1, 3, True), (2, 3, True), (3, 3, True)]
