"""main(): QApplication, logging, translations, the store, sign-in, the main window."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..core import settings as settings_store
from ..core.paths import AppPaths, resource_path
from . import errors, translations

logger = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything a page needs, built once in main() and handed down (no globals)."""

    paths: AppPaths
    settings: dict
    store: object = None  # core.db.Store, opened in the background after the first window shows
    runner: object = None
    user: object = None  # the signed-in core.models.User
    translators: list = field(default_factory=list)

    def save_settings(self, changes: dict) -> None:
        self.settings = settings_store.save(self.paths.data_dir, changes)


def setup_logging(paths: AppPaths) -> Path:
    """A daily rotating log file in the data folder; stderr only when INSPECTOR_LOG_STDERR is set."""
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
    """Use the shipped CJK font when the system has none, so Chinese never shows as boxes."""
    font_file = resource_path("resources", "fonts", "wqy-microhei.ttc")
    families = []
    if font_file.exists():
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    font = QFont(app.font())
    if families:
        font.setFamilies([*families, *font.families()])
    font.setPointSizeF(13 if large_text else 10.5)
    app.setFont(font)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("inspector_app")
    app.setOrganizationName("inspector_app")
    return app


def build_context(data_dir: str | Path | None) -> AppContext:
    paths = AppPaths.at(data_dir).ensure()
    return AppContext(paths=paths, settings=settings_store.load(paths.data_dir))


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


def main(data_dir: str | Path | None = None, argv: list[str] | None = None) -> int:
    from .runner import Runner
    from .signin import SignInDialog

    app = create_application(argv)
    context = build_context(data_dir)
    setup_logging(context.paths)
    errors.install_excepthook()
    translations.install(app, context.settings["language"], context.translators,
                         cache_dir=context.paths.data_dir / "cache")
    QLocale.setDefault(QLocale(context.settings["language"]))
    setup_fonts(app, context.settings["large_text"])
    context.runner = Runner(context, errors.show_error)
    context.runner.op(lambda task: open_context_store(context)).run()
    signin = SignInDialog(context)
    if signin.exec() != SignInDialog.DialogCode.Accepted:
        context.runner.shutdown()
        return 0
    from .main_window import MainWindow  # after sign-in: its imports need the store's libraries
    window = MainWindow(context)
    window.show()
    code = app.exec()
    context.runner.shutdown()
    if context.store is not None:
        context.store.close()
    return code
