"""The first window shows before any of the store's heavy libraries is imported (the launch goal).

Run in fresh child processes, offscreen: importing the modules main() uses
before window.show(), and the real main() stopped right after the window shows.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab", "pypinyin", "cryptography", "argon2",
         "PIL", "yaml", "pypdfium2", "zxing", "qrcode", "pyrage", "orjson",
         "inspector_app.core.db", "inspector_app.core.models")

IMPORTS = """
import json, sys
import inspector_app.gui.app, inspector_app.gui.main_window, inspector_app.gui.signin
print(json.dumps(sorted(sys.modules)))
"""

SHOWN = """
import json, os, sys
from inspector_app.gui import app as gui_app, main_window
shown = main_window.MainWindow.show
def show(window):
    shown(window)
    print(json.dumps({"modules": sorted(sys.modules), "page": window.root.currentWidget().objectName(),
                      "runner": window.context.runner is not None}), flush=True)
    os._exit(0)
main_window.MainWindow.show = show
gui_app.main(data_dir=sys.argv[1])
"""


def child(code: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("INSPECTOR_HOME", None)
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def heavy_in(modules) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_the_modules_used_before_the_first_window_import_no_heavy_library():
    assert heavy_in(json.loads(child(IMPORTS))) == []


def test_main_shows_the_sign_in_page_before_loading_the_store_libraries(tmp_path):
    seen = json.loads(child(SHOWN, str(tmp_path)))
    assert heavy_in(seen["modules"]) == []
    assert seen["page"] == "signinPage" and not seen["runner"]  # the runner starts once the window is up
