"""main(): the main window first (on its sign-in page), then logging, the runner and the store behind it.

Everything imported before the window shows is Qt or tiny (paths,
settings, translations, the window shell and its sign-in page): SQLAlchemy,
SQLModel, pydantic, argon2 and the rest load on the store worker while the
user types the password. tests/gui/test_launch_imports.py keeps it so.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..core import settings as settings_store
from ..core.paths import AppPaths, resource_path
from . import translations

FONT_FILE = ("resources", "fonts", "wqy-microhei.ttc")
PREFERRED_CJK = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei")


class AppContext:
    """Everything a page needs, built once in main() and handed down (no globals)."""

    def __init__(self, paths: AppPaths, settings: dict, store=None, runner=None, user=None):
        self.paths = paths
        self.settings = settings
        self.store = store  # core.db.Store, opened on the store worker after the window shows
        self.runner = runner
        self.user = user  # the signed-in core.models.User
        self.translators: list = []
        self.data_dir_arg: str | Path | None = None  # --data-dir of this start, if any

    def save_settings(self, changes: dict) -> None:
        self.settings = settings_store.save(self.paths.data_dir, changes)


def setup_logging(paths: AppPaths) -> Path:
    """A daily rotating log file in the data folder; stderr only when INSPECTOR_LOG_STDERR is set."""
    import logging
    import logging.handlers

    from . import errors
    paths.logs.mkdir(parents=True, exist_ok=True)
    log_file = paths.logs / "inspector.log"
    handler = logging.handlers.TimedRotatingFileHandler(log_file, when="midnight", backupCount=14,
                                                        encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    if os.environ.get("INSPECTOR_LOG_STDERR"):
        root.addHandler(logging.StreamHandler())
    errors.set_log_path(str(log_file))
    return log_file


def setup_fonts(app: QApplication, large_text: bool) -> None:
    """The text size, and a Chinese font first in the application font.

    With a CJK family first, Chinese text needs no font fallback: resolving
    a fallback (fontconfig's font sort) costs 50-200 ms the first time each
    size and weight paints Chinese, which showed as stalls after sign-in.
    The system's own CJK family is used when there is one (Windows has
    Microsoft YaHei); only without one is the shipped 5 MB font read
    (5-15 ms), and then before the window shows, so Chinese never shows as boxes.
    """
    from PySide6.QtGui import QFont, QFontDatabase
    font = QFont(app.font())
    families = [name for name in PREFERRED_CJK if QFontDatabase.hasFamily(name)][:1]
    if not families:  # any other Chinese family (asking by writing system costs a little more)
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        families = [name for name in chinese if "mono" not in name.lower()][:1]
    if not families:
        font_file = resource_path(*FONT_FILE)
        font_id = QFontDatabase.addApplicationFont(str(font_file)) if font_file.exists() else -1
        families = QFontDatabase.applicationFontFamilies(font_id)[:1] if font_id >= 0 else []
    if families:
        font.setFamilies([families[0], *font.families()])
    font.setPointSizeF(13 if large_text else 10.5)
    app.setFont(font)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("inspector_app")
    app.setOrganizationName("inspector_app")
    return app


def build_context(data_dir: str | Path | None) -> AppContext:
    """Paths and settings. A folder that cannot be created (a USB drive chosen in Settings and
    not plugged in) does not stop the start: opening the store then fails and the sign-in page
    says so and offers another folder."""
    paths = AppPaths.at(data_dir)
    with contextlib.suppress(OSError):
        paths.ensure()
    context = AppContext(paths=paths, settings=settings_store.load(paths.data_dir))
    context.data_dir_arg = data_dir
    return context


def open_context_store(context: AppContext):
    """Open and prepare the store (like `inspector init`). Runs on the store worker:
    importing SQLAlchemy and migrating take longer than showing the first window."""
    from ..core import catalog, district, keys
    from ..core.db import open_store
    store = open_store(context.paths.database)
    with store.write() as session:
        catalog.install_shipped(session)
        district.ensure_areas(session)
        keys.ensure_device_keys(session, context.paths.keys)
    context.store = store
    return store


def preload_for_pages(_task=None) -> None:
    """Import what the work pages need while the user types the password (store worker).

    Only Qt-free modules. The page widgets are imported on the GUI thread
    after the password check, which queues behind this op on the same
    worker, so no module is ever imported by two threads at once.
    """
    from ..core import users  # noqa: F401 - argon2, for the password check
    from ..core.db import prewarm
    from . import establishment_ops, sync_ops  # noqa: F401 - the store's libraries and core's modules
    prewarm()  # the query layer for sync_ops.unsent, the status bar


def start_behind(context: AppContext, window) -> None:
    """Behind the shown window: the error hook, the runner, then (on the store worker)
    logging, opening the store, the user list and the pages' imports."""
    from PySide6.QtCore import QLocale

    from . import errors
    from .runner import Runner
    errors.install_excepthook()
    QLocale.setDefault(QLocale(context.settings["language"]))
    context.runner = Runner(context, errors.show_error)

    def open_store(_task):
        setup_logging(context.paths)
        return open_context_store(context)

    def failed(error: BaseException) -> None:
        import logging
        logging.getLogger(__name__).error("cannot open the store", exc_info=error)
        window.signin.store_failed(errors.message_for(error))

    context.runner.op(open_store, window).failure(failed).run()
    window.signin.load_users()
    context.runner.op(preload_for_pages, window).run()


def when_first_idle(window, callback) -> None:
    """Call `callback` once the shown window has been painted and the event loop first
    waits for input: work done here cannot hold up the first frame."""
    from PySide6.QtCore import QAbstractEventDispatcher, QTimer
    dispatcher = QAbstractEventDispatcher.instance()

    def idle() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            dispatcher.aboutToBlock.disconnect(idle)
            QTimer.singleShot(0, callback)

    dispatcher.aboutToBlock.connect(idle)


def main(data_dir: str | Path | None = None, argv: list[str] | None = None) -> int:
    app = create_application(argv)
    context = build_context(data_dir)
    translations.install(app, context.settings["language"], context.translators,
                         cache_dir=context.paths.data_dir / "cache")
    setup_fonts(app, context.settings["large_text"])
    from .main_window import MainWindow
    window = MainWindow(context)
    window.show()
    when_first_idle(window, lambda: start_behind(context, window))
    code = app.exec()
    if context.runner is not None:
        context.runner.shutdown()
    if context.store is not None:
        context.store.close()
    return code
