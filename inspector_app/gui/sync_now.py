"""立即同步 (sync now) on the Sync page: the district's service over the network, with progress and cancel.

The bar holds the button, its own progress bar and 取消 (the page stays
readable while it runs, and the bar fits a 1024×600 screen), and 上次联网同步,
the last completed contact. The button works only when the laptop is
enrolled and Settings has the district's sync address (`sync_url`, set by
the user: a laptop reaches the district by different networks); otherwise
the bar says why. The work is sync_ops.sync_now on the store worker
(runner.py); failures are told by their code, never by their words. The
core reports its steps (fetch, upload, download, done) and checks 取消 between
them, so a cancelled sync leaves the laptop as it was or the district's
reply wholly applied.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton

from ..core import language as spoken
from ..core.errors import InspectorError
from . import sync_ops
from .errors import message_for
from .sync_texts import not_enrolled_text
from .theme import GREY, PRIMARY_BUTTON

translate = QCoreApplication.translate

# The district could not be reached (core/messages/http.py): the address in Settings or the network.
ADDRESS_CODES = frozenset({"http.unreachable", "http.bad_url"})
# Messages that already say nothing was lost (core/messages/http.py), so the page does not say it twice.
SAYS_KEPT = frozenset({"http.unreachable", "http.server_error"})


def contact_text(local_minute: str | None) -> str:
    """2026年12月2日 14:05 in Chinese, 2026-12-02 14:05 in English; 从未 / never."""
    if not local_minute:
        return translate("SyncNowBar", "never")
    moment = QDateTime.fromString(local_minute, Qt.DateFormat.ISODate)
    return moment.toString(translate("SyncNowBar", "yyyy-MM-dd HH:mm", "date-time format for QDateTime::toString")) \
        if moment.isValid() else local_minute


def sync_error_text(error: BaseException) -> str:
    """What went wrong, picked by code, what to do, and that nothing on this laptop was lost."""
    if not isinstance(error, InspectorError):
        return message_for(error)
    if error.code == "sync.not_enrolled":
        return not_enrolled_text()
    if error.code == "store.disk_full":
        return error.message  # says which disk and that nothing was lost
    parts = [error.message]
    if error.code in ADDRESS_CODES:
        parts.append(translate("SyncNowBar", "Check the network and the district's sync address in Settings, "
                                             "then sync again."))
    if error.code not in SAYS_KEPT:
        parts.append(translate("SyncNowBar", "Nothing on this laptop was lost: every change stays until the "
                                             "district acknowledges it."))
    return sentences(parts)


def sentences(parts: list[str]) -> str:
    """Sentences one after another; the catalogue's end without a full stop, so one is added
    (。 and no space in Chinese)."""
    chinese = spoken.current() == "zh"
    stop, gap = ("。", "") if chinese else (".", " ")
    ended = [p if p.endswith(("。", "！", "？", ".", "!", "?", "…")) else p + stop for p in parts if p]
    return gap.join(ended)


class SyncNowBar(QFrame):
    """The 立即同步 row. `running` tells the page to hold its other buttons; `finished` gives (kind, text)."""

    running = Signal(bool)
    finished = Signal(str, str)  # banner kind ("ok", "warn", "error") and the sentence

    def __init__(self, context, parent=None):
        super().__init__(parent, objectName="syncNowBar")
        self.context = context
        self.task = None
        self.enrolled = False
        self.blocked = False
        self.button = QPushButton(self.tr("Sync now"), objectName="syncNowButton")
        self.button.setMinimumHeight(44)
        self.button.setMinimumWidth(140)
        self.button.setStyleSheet(PRIMARY_BUTTON)
        self.button.clicked.connect(self.start)
        self.progress = QProgressBar(objectName="syncNowProgress")
        self.progress.setRange(0, sync_ops.SCALE)
        self.progress.setMinimumWidth(160)
        self.progress.setTextVisible(False)
        self.step = QLabel(objectName="syncNowStep")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="syncNowCancel")
        self.cancel_button.setMinimumHeight(36)
        self.cancel_button.clicked.connect(self.cancel)
        self.note = QLabel(objectName="syncNowNote", wordWrap=True)
        self.note.setStyleSheet(f"color: {GREY};")
        contact_title = QLabel(self.tr("Last network sync"))
        contact_title.setStyleSheet(f"color: {GREY};")
        self.contact_value = QLabel(self.tr("never"), objectName="lastContactValue")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.progress, 2)
        row.addWidget(self.step, 2)
        row.addWidget(self.cancel_button)
        row.addWidget(self.note, 3)
        row.addStretch(1)  # idle: 上次联网同步 keeps to the right
        row.addWidget(contact_title)
        row.addWidget(self.contact_value)
        self._show_running(False)

    @property
    def url(self) -> str:
        return str(self.context.settings.get("sync_url") or "").strip()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def show_status(self, data: dict) -> None:
        """From sync_ops.status: enrolment and the last contact; the settings give the address."""
        self.enrolled = bool(data.get("enrolled"))
        self.contact_value.setText(contact_text(data.get("last_contact")))
        self._update_enabled()

    def set_blocked(self, blocked: bool) -> None:
        """Another sync job (export, import, enrolment) runs: one at a time."""
        self.blocked = blocked
        self._update_enabled()

    def why_disabled(self) -> str:
        if not self.enrolled:
            return self.tr("Available once this laptop is enrolled with the district.")
        if not self.url:
            return self.tr("Set the district's sync address in Settings to sync over the network; until then, "
                           "use a USB drive.")
        return ""

    def _update_enabled(self) -> None:
        reason = self.why_disabled()
        self.button.setEnabled(not reason and not self.blocked and not self.busy)
        self.button.setToolTip(reason or self.tr("Send this laptop's changes to {0} and fetch the district's "
                                                 "reply.").format(self.url))
        if not self.busy:
            self.note.setText(reason)
            self.note.setVisible(bool(reason))

    def _show_running(self, running: bool) -> None:
        for widget in (self.progress, self.step, self.cancel_button):
            widget.setVisible(running)
        if running:
            self.note.hide()
            self.progress.setRange(0, 0)
            self.step.setText(self.tr("Connecting to the district…"))
            self.cancel_button.setEnabled(True)

    def labels(self) -> dict:
        """The steps' words, translated here on the GUI thread; "" is any step this version does not name."""
        return {"": self.tr("Syncing…"), "fetch": self.tr("Asking the district what it has for this laptop…"),
                "upload": self.tr("Sending to the district…"),
                "download": self.tr("Fetching and applying the district's reply…"), "done": self.tr("Done")}

    def start(self) -> None:
        if self.busy or self.why_disabled() or self.blocked:
            return
        url, labels = self.url, self.labels()
        self._show_running(True)
        self.running.emit(True)
        self.task = self.context.runner.op(lambda task: sync_ops.sync_now(task, url, labels), self) \
            .reporting(self._progress).changes("sync", "establishments", "inspections", "orders") \
            .success(self._done).failure(self._failed).run()
        self._update_enabled()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.step.setText(self.tr("Stopping at a safe point…"))

    def _progress(self, done: int, total: int, label: str) -> None:
        if self.task is None or self.task.cancelled:
            return
        if done <= 0 or total <= 0:
            self.progress.setRange(0, 0)  # a step has begun, its size unknown: Qt's busy animation
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if label:
            self.step.setText(label)

    def _finish(self) -> None:
        self.task = None
        self._show_running(False)
        self._update_enabled()
        self.running.emit(False)

    def _done(self, result: dict) -> None:
        self._finish()
        if result.get("cancelled"):
            self.finished.emit("warn", self.tr("Sync cancelled. What the district had already confirmed is kept; "
                                               "everything else stays on this laptop for the next sync."))
            return
        text = self.tr("Sent %n bundle(s)", "", int(result.get("uploaded", 0))) + self.tr(
            ", received %n.", "", int(result.get("downloaded", 0)))
        waiting = int(result.get("pending", 0))
        text = sentences([text, self.tr("%n change(s) still wait for the district's acknowledgement.", "", waiting)
                          if waiting else self.tr("The district has acknowledged every change.")])
        self.finished.emit("ok", text)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.finished.emit("error", sync_error_text(error))
