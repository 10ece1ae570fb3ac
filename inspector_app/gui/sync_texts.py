"""The Sync page's sentences: what a status, a refusal or a failed export means, and what to do.

Refusal reasons come from the message catalogue (core/messages/bundles.py),
so a laptop, the clerk's relay and the district say the same; errors are
picked by their code, never by their text. The other sentences are the
page's own and keep the SyncPage translation context.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QColor

from ..core import language as spoken
from ..core.errors import InspectorError
from ..core.messages import catalogue, render
from .errors import message_for
from .theme import AMBER, GREEN, GREY, RED

translate = QCoreApplication.translate


def day_text(iso: str | None) -> str:
    """A date as people read it (ISO in English; the Chinese catalogue gives 2026年11月28日)."""
    if not iso:
        return "—"
    day = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    return day.toString(translate("SyncPage", "yyyy-MM-dd", "date format for QDate::toString")) if day.isValid() \
        else iso


def group_label(group: str) -> str:
    labels = {"establishment": translate("SyncPage", "Establishments"),
              "inspection": translate("SyncPage", "Inspections (answers, photos, signatures)"),
              "rectification_order": translate("SyncPage", "Rectification orders"),
              "user": translate("SyncPage", "Inspector accounts")}
    return labels.get(group, group)


def reason_text(reason: str | None, message: str | None = None) -> str:
    """Why a bundle was refused or held (core/sync/errors.py reason codes), in the catalogue's words
    (core/messages/bundles.py); a reason this version does not know shows the core's message."""
    if reason and "bundle." + reason in catalogue():
        return render("bundle." + reason, spoken.current(), {})
    return message or reason or ""


def not_enrolled_text() -> str:
    return translate("SyncPage", "This laptop is not enrolled with the district yet, so it cannot export or "
                                 "import. Ask the district for an enrolment file, then click “Enrol this "
                                 "laptop…”.")


def export_error_text(error: BaseException) -> str:
    """A sentence that says what happened and what to do; always that the laptop's data is unchanged.

    A full USB drive (deliver's BundleError over an OSError ENOSPC) and a full laptop disk (StoreError
    "store.disk_full": the bundle is built in the data folder) are told apart: each names its disk."""
    unchanged = translate("SyncPage", "The data on this laptop is unchanged: every change stays until the "
                                      "district acknowledges it.")
    cause = error if isinstance(error, OSError) else error.__context__
    if isinstance(error, InspectorError) and error.code == "sync.not_enrolled":
        return not_enrolled_text()
    if isinstance(error, InspectorError) and error.code == "store.disk_full":
        return error.message  # this laptop's disk, where the bundle is built, not the USB drive: nothing was lost
    if isinstance(cause, OSError):
        code = cause.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            text = translate("SyncPage", "The USB drive is full: delete old files from it (or use another "
                                         "drive) and export again.")
        elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
            text = translate("SyncPage", "The USB drive is read-only or write-protected: check its lock switch "
                                         "or use another drive, then export again.")
        elif code in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO):
            text = translate("SyncPage", "The USB drive was removed or cannot be written: plug it in again and "
                                         "export again.")
        else:
            text = translate("SyncPage", "Writing to the USB drive failed ({0}): check the drive and export "
                                         "again.").format(cause.strerror or cause)
        return f"{text} {unchanged}"
    if isinstance(error, InspectorError) and error.code == "sync.readback_failed":
        return translate("SyncPage", "The copy on the USB drive did not read back intact: use another drive and "
                                     "export again.") + " " + unchanged
    if isinstance(error, InspectorError):
        return f"{error.message} {unchanged}"
    return message_for(error)


def import_result_text(result: dict) -> str:
    status = result.get("status")
    if status == "applied":
        rows = result.get("rows") if isinstance(result.get("rows"), dict) else {}
        rows = rows.get("applied", 0) if isinstance(rows.get("applied", 0), int) else 0
        text = translate("SyncPage", "The district acknowledged changes up to no. {0}; {1} register row(s) "
                                     "updated.").format(result.get("acked_through_seq", 0), rows)
        if result.get("rejected"):
            text += " " + translate("SyncPage", "%n change(s) refused: see the outbox.", "", result["rejected"])
        if result.get("conflicts"):
            text += " " + translate("SyncPage", "%n change(s) need review at the district.", "",
                                    result["conflicts"])
        return text
    if status == "duplicate":
        return translate("SyncPage", "Imported before; nothing changed.")
    if status == "held":
        return reason_text(result.get("reason"), result.get("message"))
    if status == "cancelled":
        return translate("SyncPage", "Cancelled before this file; nothing changed.")
    text = reason_text(result.get("reason"), result.get("message"))
    if status == "rejected":
        text += " " + translate("SyncPage", "Nothing was changed on this laptop; the file is kept in sync/rejected.")
    return text


def status_label(status: str | None) -> str:
    labels = {"applied": translate("SyncPage", "✓ Applied"), "duplicate": translate("SyncPage", "= Already imported"),
              "held": translate("SyncPage", "⏸ Held"), "rejected": translate("SyncPage", "✗ Refused"),
              "error": translate("SyncPage", "✗ Not imported"), "cancelled": translate("SyncPage", "– Cancelled"),
              "intact": translate("SyncPage", "✓ Intact"), "damaged": translate("SyncPage", "✗ Damaged"),
              "delivered": translate("SyncPage", "→ Put on the drive")}
    return labels.get(status or "", status or "")


STATUS_COLOURS = {"applied": GREEN, "intact": GREEN, "delivered": GREEN, "duplicate": GREY, "held": AMBER,
                  "rejected": RED, "error": RED, "damaged": RED, "cancelled": GREY}


def status_colour(status: str | None) -> QColor:
    return QColor(STATUS_COLOURS.get(status, GREY))
