"""The real entry point: `inspector gui` starts, opens the store behind the sign-in window,
and reaches the main window once a user signs in (run in a child process, offscreen)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = r"""
import sys
from PySide6.QtCore import QTimer
from inspector_app.gui import app as gui_app, signin

show_users = signin.SignInDialog._show_users

def sign_in(self, rows):
    show_users(self, rows)
    print("users", len(rows), flush=True)
    self.password.setText("secret-1")
    self._try()

signin.SignInDialog._show_users = sign_in

def watch_main_window():
    from inspector_app.gui import main_window
    shown = main_window.MainWindow.show
    def show(self):
        shown(self)
        print("main window", self.windowTitle(), flush=True)
        QTimer.singleShot(300, self.close)
    main_window.MainWindow.show = show

QTimer.singleShot(0, watch_main_window)
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
    assert "users 1" in done.stdout and "main window" in done.stdout, done.stdout
    assert (tmp_path / "logs" / "inspector.log").exists()
