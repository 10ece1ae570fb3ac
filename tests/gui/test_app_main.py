"""The real entry point: `inspector gui` shows the main window on its sign-in page, opens the
store behind it, and shows the work pages once a user signs in (run in a child process, offscreen)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = r"""
import sys
from PySide6.QtCore import QTimer
from inspector_app.gui import app as gui_app, main_window

shown = main_window.MainWindow.show

def show(window):
    shown(window)
    print("first page", window.root.currentWidget().objectName(), flush=True)
    page = window.signin
    def users(count):
        print("users", count, flush=True)
        page.password.setText("secret-1")
        page.sign_in.click()
    page.users_loaded.connect(users)
    def signed_in():
        print("main window", window.windowTitle(), window.stack.currentWidget().__class__.__name__, flush=True)
        QTimer.singleShot(300, window.close)
    window.signed_in.connect(signed_in)

main_window.MainWindow.show = show
sys.exit(gui_app.main(data_dir=sys.argv[1]))
"""


def test_the_app_starts_signs_in_and_shows_the_main_window(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path)]
    subprocess.run([*base, "init"], check=True, env=env, capture_output=True)
    subprocess.run([*base, "users", "add", "--name", "李明", "--role", "inspector", "--credential", "1",
                    "--password-stdin"], input="secret-1\n", check=True, env=env, capture_output=True, text=True)
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first page signinPage" in done.stdout and "users 1" in done.stdout, done.stdout
    assert "main window" in done.stdout and "TodayPage" in done.stdout, done.stdout
    assert (tmp_path / "logs" / "inspector.log").exists()
