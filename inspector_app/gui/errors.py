"""How errors reach the user: a sentence that says what to do, never a traceback."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import Cancelled, InspectorError

translate = QCoreApplication.translate

logger = logging.getLogger(__name__)
_log_path: str = ""


def set_log_path(path: str) -> None:
    global _log_path
    _log_path = path


def message_for(exc: BaseException) -> str:
    if isinstance(exc, InspectorError):
        return exc.message
    if isinstance(exc, OSError):
        return translate("errors", "The file or folder could not be used: {0}. Check the drive and try "
                         "again; your data on this laptop is unchanged.").format(exc.strerror or exc)
    return translate("errors", "Something unexpected went wrong. Your saved work is safe. "
                     "Details were written to the log file: {0}").format(_log_path or translate("errors", "(log file)"))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Silent for Cancelled; the message for our errors; a calm sentence for anything else."""
    if isinstance(exc, Cancelled):
        return
    if not isinstance(exc, InspectorError):
        logger.error("unexpected error", exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("errors", "Could not finish"), message_for(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()


def install_excepthook() -> None:
    """Log uncaught exceptions, then tell the user without crashing the window."""
    def hook(kind, value, traceback):
        logger.critical("uncaught exception", exc_info=(kind, value, traceback))
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        show_error(None, value)
    sys.excepthook = hook
