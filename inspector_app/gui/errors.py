"""How errors reach the user: a sentence that says what to do, never a traceback."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication

from ..core.errors import Cancelled, InspectorError, StoreError

translate = QCoreApplication.translate

logger = logging.getLogger(__name__)
_log_path: str = ""


def set_log_path(path: str) -> None:
    global _log_path
    _log_path = path


def _data_folder() -> str | None:
    """The data folder, known from the log file inside it (set_log_path), for a full disk's message."""
    return os.path.dirname(os.path.dirname(_log_path)) if _log_path else None


def _what_to_do() -> dict[str, str]:
    """Where to look, for the fields whose message says what is wrong but not where to check it."""
    return {
        "credit_code": translate("errors", "Check the unified social credit code printed on the licence."),
        "licence": translate("errors", "Check the number printed on the licence, registration certificate or "
                                       "filing certificate."),
    }


def message_for(exc: BaseException) -> str:
    from ..core import disk  # not before the first window: it loads sqlite3
    if isinstance(exc, InspectorError):
        return localized(exc)
    if disk.is_disk_full(exc, _data_folder()):
        filename = getattr(exc, "filename", None)
        folder = os.path.dirname(os.path.abspath(os.fsdecode(filename))) if filename else _data_folder()
        return disk.disk_full(folder or "").message
    if isinstance(exc, OSError):
        return translate("errors", "The file or folder could not be used: {0}. Check the drive and try "
                         "again; your data on this laptop is unchanged.").format(exc.strerror or exc)
    return translate("errors", "Something unexpected went wrong. Your saved work is safe. "
                     "Details were written to the log file: {0}").format(_log_path or translate("errors", "(log file)"))


def localized(exc: InspectorError) -> str:
    """The core's message, already in the interface language (core.language, set with the translators).

    Core messages say what went wrong and what to do; a line above adds
    what one lacks: where to look for a licence's numbers, and that a data
    folder that cannot be used must not be deleted (not for a full disk,
    whose message says what to do and that nothing was lost). Picked by
    field, kind and code, never by the message's words.
    """
    headline = _what_to_do().get((exc.field or "").split(".")[0])
    if headline is None and isinstance(exc, StoreError) and exc.code != "store.disk_full":
        headline = translate("errors", "The data folder cannot be used. Check the drive; do not delete anything.")
    return exc.message if headline is None else f"{headline}\n{exc.message}"


def show_error(parent, exc: BaseException) -> None:
    """Silent for Cancelled; the message for our errors; a calm sentence for anything else.

    QMessageBox is imported here, not at the top: main() installs the
    excepthook right after the first window shows, and building QMessageBox's
    enums then would delay the window's first idle moment for nothing.
    """
    from PySide6.QtWidgets import QMessageBox
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
