"""Desktop launch, checklist opening and idle memory, against a bare PySide6 window.

    .venv/bin/python bench/bench_gui.py [--establishments 100000] [--runs 7]

Launch, versus a bare QApplication + QMainWindow started the same way in the
same run (goal ≤ 1.3×), on a store of N establishments: process start → the
first window a person can use (sign-in; the store opens behind it), → the
main window shown (sign-in answered by the probe as soon as the user list
arrives; a person's typing is not the app's time), → every list loaded. Memory: resident set once everything visible has loaded, versus the
bare window (goal ≤ 1.5×), as resident memory (not the peak: checking a
password with argon2 briefly takes 64 MiB by design). Opening a 60-item checklist: InspectionPage.open
until its items are built (goal ≤ 200 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

BARE = """
import resource, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
def done():
    print(int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize() // 1024)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = """
import resource, sys
from PySide6.QtCore import QTimer
from inspector_app.gui import app as gui_app, signin

mode = sys.argv[2]
show_users = signin.SignInDialog._show_users

def auto_sign_in(self, rows):
    show_users(self, rows)
    patch_main_window()
    self.password.setText("demo1234")  # the demo district's password; checked on the store worker
    self._try()

def wait_for_sign_in(dialog):
    from PySide6.QtCore import QEventLoop
    loop = QEventLoop()
    dialog.accepted.connect(loop.quit)
    dialog.show()
    if mode == "first":  # the first window a person can use: sign-in, before any data arrives
        def stop():
            print(int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize() // 1024)
            sys.stdout.flush()
            import os
            os._exit(0)
        QTimer.singleShot(0, stop)
    loop.exec()
    return dialog.DialogCode.Accepted

signin.SignInDialog._show_users = auto_sign_in
signin.SignInDialog.exec = wait_for_sign_in

def patch_main_window():
    from inspector_app.gui import main_window
    shown = main_window.MainWindow.show
    def show_and_stop(self):
        shown(self)
        runner = self.context.runner
        def finish():
            if mode == "loaded" and not runner.idle:
                QTimer.singleShot(5, finish)
                return
            print(int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize() // 1024)
            sys.stdout.flush()
            import os
            os._exit(0)  # stop the clock here, not after the workers wind down
        QTimer.singleShot(0, finish)
    main_window.MainWindow.show = show_and_stop
sys.exit(gui_app.main(data_dir=sys.argv[1]))
"""


def timed(code: str, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], env=ENV, capture_output=True, text=True,
                         check=True).stdout.split()
    return time.perf_counter() - start, int(out[-1])


def store_with(establishments: int) -> Path:
    folder = RESULTS / "cache" / f"gui-{establishments}"
    if not (folder / "inspector.sqlite3").exists():
        subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(folder), "demo",
                        "--establishments", str(establishments)], env=ENV, check=True)
    return folder


def open_checklist_ms(folder: Path, runs: int) -> list[float]:
    """In-process: open a draft of a 60-item checklist in the InspectionPage."""
    code = f"""
import sys, time, json
sys.path.insert(0, {str(ROOT / 'tests')!r})
from PySide6.QtWidgets import QApplication
from inspector_app.gui import app as gui_app
from inspector_app.gui.runner import Runner
from inspector_app.gui.errors import show_error
from inspector_app.gui.inspection_page import InspectionPage
from bench_checklist60 import install_and_start
app = QApplication([])
context = gui_app.build_context({str(folder)!r})
gui_app.open_context_store(context)
context.runner = Runner(context, show_error)
inspection_id = install_and_start(context)
timings = []
for _ in range({runs}):
    page = InspectionPage(context)
    start = time.perf_counter()
    page.open(inspection_id)
    while not context.runner.idle:
        app.processEvents()
    app.processEvents()
    timings.append((time.perf_counter() - start) * 1000)
    page.deleteLater()
print(json.dumps(timings))
"""
    out = subprocess.run([sys.executable, "-c", code], env={**ENV, "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}"},
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--establishments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    folder = store_with(options.establishments)
    timed(BARE)
    timed(APP, str(folder), "shown")  # warm the OS cache and compile translations once
    bare = [timed(BARE) for _ in range(options.runs)]
    first = [timed(APP, str(folder), "first") for _ in range(options.runs)]
    shown = [timed(APP, str(folder), "shown") for _ in range(options.runs)]
    loaded = [timed(APP, str(folder), "loaded") for _ in range(options.runs)]
    opening = open_checklist_ms(folder, options.runs)
    med = lambda rows, i: statistics.median(r[i] for r in rows)  # noqa: E731
    result = {
        "establishments": options.establishments, "runs": options.runs,
        "bare_window_s": med(bare, 0), "app_first_window_s": med(first, 0),
        "first_window_ratio": med(first, 0) / med(bare, 0),
        "app_window_shown_s": med(shown, 0),
        "app_lists_loaded_s": med(loaded, 0),
        "launch_ratio": med(shown, 0) / med(bare, 0),
        "launch_loaded_ratio": med(loaded, 0) / med(bare, 0),
        "bare_rss_mb": med(bare, 1) / 1024, "app_rss_mb": med(loaded, 1) / 1024,
        "memory_ratio": med(loaded, 1) / med(bare, 1),
        "open_60_item_checklist_ms": statistics.median(opening),
        "goals": {"launch_ratio": 1.3, "memory_ratio": 1.5, "open_60_item_checklist_ms": 200},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "gui.json").write_text(json.dumps(result, indent=2))
    for key, value in result.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")


if __name__ == "__main__":
    main()
