"""How errors reach the user: a sentence that says what to do, never a traceback."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication

from ..core.errors import Cancelled, InspectorError, StateError, StoreError

translate = QCoreApplication.translate

logger = logging.getLogger(__name__)
_log_path: str = ""


def set_log_path(path: str) -> None:
    global _log_path
    _log_path = path


def _headlines() -> dict[str, str]:
    """What to do, per field named by a core error, in the interface language."""
    return {
        "credit_code": translate("errors", "Check the unified social credit code printed on the licence."),
        "licence": translate("errors", "Check the licence number printed on the licence."),
        "phone": translate("errors", "Check the phone number."),
        "name": translate("errors", "Fill in the name."),
        "township": translate("errors", "Choose the township."),
        "village": translate("errors", "Choose the village."),
        "inspector": translate("errors", "Check the inspectors: an inspection needs two different inspectors."),
        "items": translate("errors", "Some checklist items still need an answer."),
        "evidence": translate("errors", "The photo could not be attached."),
        "form": translate("errors", "Choose a checklist that fits this establishment."),
        "amends": translate("errors", "This record cannot be amended that way."),
        "reason": translate("errors", "Write down why the operator refuses to sign."),
        "witness_name": translate("errors", "A refusal to sign needs a witness."),
        "password": translate("errors", "Check the password."),
    }


def message_for(exc: BaseException) -> str:
    if isinstance(exc, InspectorError):
        return localized(exc)
    if isinstance(exc, OSError):
        return translate("errors", "The file or folder could not be used: {0}. Check the drive and try "
                         "again; your data on this laptop is unchanged.").format(exc.strerror or exc)
    return translate("errors", "Something unexpected went wrong. Your saved work is safe. "
                     "Details were written to the log file: {0}").format(_log_path or translate("errors", "(log file)"))


def localized(exc: InspectorError) -> str:
    """The core's message (English, precise) under a headline in the interface language.

    Core messages are written once, in English, for the command line and the
    logs; the desktop puts a translated headline that says what to do above
    them. In the English interface the message stands alone.
    """
    key = (exc.field or "").split(".")[0]
    headline = _headlines().get(key)
    if headline is None and isinstance(exc, StateError):
        headline = translate("errors", "This record is finalized and cannot change; start an amendment instead.")
    if headline is None and isinstance(exc, StoreError):
        headline = translate("errors", "The data folder cannot be used. Check the drive; do not delete anything.")
    if headline is None or QCoreApplication.translate("errors", "Could not finish") == "Could not finish":
        return exc.message
    return f"{headline}\n{exc.message}"


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
